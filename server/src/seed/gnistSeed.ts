import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { newEntityId } from '../../../shared/src/schema/entityId.ts'
import type { Challenge } from '../../../shared/src/schema/challenge.ts'
import { currentCounties, MunicipalityLanguageForm, type Municipality } from '../../../shared/src/schema/municipality.ts'
import { formatIssues } from '../../../shared/src/schema/validation.ts'
import type { DomainSeed, DomainStore } from '../store/DomainStore.ts'
import { correctEarlierSeedFacts } from './earlierSeedFacts.ts'

/** A municipality's facts as they are now: its official language form and its county. */
const MunicipalityFacts = z.strictObject({
  name: z.string(),
  county: z.enum(currentCounties),
  languageForm: MunicipalityLanguageForm,
})

/**
 * The public facts of the Gnist programme's 2021–22 rounds (DOGA / Nordic
 * Edge), copied from the shared fixture into the server so the app never reads
 * outside its own tree, and each municipality's current language form and
 * county with their sources. The shape is checked when the file is read, and so
 * is that every municipality the rounds name has its current facts, once.
 */
export const GnistFacts = z
  .object({
    municipalities2021: z.array(
      z.strictObject({ county: z.string(), name: z.string(), followers: z.array(z.string()).optional() }),
    ),
    municipalitiesOtherRound: z.array(z.string()),
    challenges: z.array(
      z.strictObject({
        municipality: z.string(),
        county: z.string(),
        title: z.string(),
        summary: z.string(),
        problemStatements: z.array(z.string()).min(1),
        themes: z.array(z.string()),
        stakeholderGroups: z.array(z.string()),
      }),
    ),
    municipalityFacts: z.strictObject({
      /** Where the language forms and the counties come from. */
      sources: z.strictObject({ languageForm: z.string().min(1), county: z.string().min(1) }),
      note: z.string().optional(),
      municipalities: z.array(MunicipalityFacts),
    }),
  })
  .superRefine((facts, context) => {
    const given = facts.municipalityFacts.municipalities.map((municipality) => municipality.name)
    const named = new Set(namedMunicipalities(facts))
    const missing = [...named].filter((name) => !given.includes(name))
    const repeated = given.filter((name, index) => given.indexOf(name) !== index)
    const unnamed = given.filter((name) => !named.has(name))
    const path = ['municipalityFacts', 'municipalities']
    if (missing.length > 0) context.addIssue({ code: 'custom', path, message: `No language form and county for ${missing.join(', ')}.` })
    if (repeated.length > 0) context.addIssue({ code: 'custom', path, message: `Given more than once: ${repeated.join(', ')}.` })
    if (unnamed.length > 0) context.addIssue({ code: 'custom', path, message: `Named in no round or challenge: ${unnamed.join(', ')}.` })
  })
export type GnistFacts = z.infer<typeof GnistFacts>

/** Every municipality the rounds and challenges name, in the order they first do. */
function namedMunicipalities(facts: Pick<GnistFacts, 'municipalities2021' | 'municipalitiesOtherRound' | 'challenges'>): string[] {
  const names = [
    ...facts.municipalities2021.flatMap((lead) => [lead.name, ...(lead.followers ?? [])]),
    ...facts.municipalitiesOtherRound,
    ...facts.challenges.map((challenge) => challenge.municipality),
  ]
  return [...new Set(names)]
}

const factsFile = new URL('./gnist-2021-2022.json', import.meta.url)

/** Reads and checks the bundled Gnist facts. */
export function loadGnistFacts(): GnistFacts {
  const result = GnistFacts.safeParse(JSON.parse(readFileSync(factsFile, 'utf8')))
  if (!result.success) {
    throw new Error(`The bundled Gnist facts (${factsFile.pathname}) are malformed: ${formatIssues(result.error)}`)
  }
  return result.data
}

/**
 * Turns the facts into records with fresh ids: every municipality once by name
 * (a follower in one round can lead in the other, as Averøy does) with its
 * current county and official language form, the 2021 round's follower links,
 * and each challenge led by its municipality. Municipality numbers are null
 * because the facts do not give them. "Sogndal, Luster og Aurland" applied
 * together and stays the one participant the facts list.
 */
export function gnistSeed(facts: GnistFacts): DomainSeed {
  const current = new Map(facts.municipalityFacts.municipalities.map((municipality) => [municipality.name, municipality]))
  const municipalities = namedMunicipalities(facts).map((name): Municipality => {
    const known = current.get(name)
    // GnistFacts refuses facts that lack one; a miss here is a bug.
    if (known === undefined) throw new Error(`The Gnist facts give no language form and county for ${name}.`)
    return { id: newEntityId(), name, municipalityNumber: null, county: known.county, languageForm: known.languageForm }
  })
  const idOf = new Map(municipalities.map((municipality) => [municipality.name, municipality.id]))
  const id = (name: string): string => {
    const found = idOf.get(name)
    if (found === undefined) throw new Error(`The Gnist facts name ${name} but the seed has no such municipality.`)
    return found
  }

  const followerLinks = facts.municipalities2021.flatMap((lead) =>
    (lead.followers ?? []).map((follower) => ({ leadMunicipalityId: id(lead.name), followerMunicipalityId: id(follower) })),
  )

  const challenges = facts.challenges.map(
    (challenge): Challenge => ({
      id: newEntityId(),
      leadMunicipalityId: id(challenge.municipality),
      coApplicantIds: [],
      followerMunicipalityIds: [],
      // The published name is not a question; the first problem statement is (see Challenge).
      name: challenge.title,
      title: challenge.problemStatements[0] ?? challenge.title,
      summary: challenge.summary,
      problemStatements: challenge.problemStatements,
      themes: challenge.themes,
      stakeholderGroups: challenge.stakeholderGroups,
      // Active so that a fresh installation shows it ready for workshops.
      status: 'active',
    }),
  )

  return { municipalities, followerLinks, challenges }
}

/**
 * Seeds the Gnist facts into an empty domain (no municipalities); resolves to whether it did. A
 * domain seeded before brings the municipalities its seed only guessed to the facts (see
 * earlierSeedFacts.ts).
 */
export async function seedGnistIfEmpty(domain: DomainStore, facts: GnistFacts = loadGnistFacts()): Promise<boolean> {
  if (await domain.seedIfEmpty(gnistSeed(facts))) return true
  await correctEarlierSeedFacts(domain, facts)
  return false
}
