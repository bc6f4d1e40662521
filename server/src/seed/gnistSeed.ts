import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { newEntityId } from '../../../shared/src/schema/entityId.ts'
import type { Challenge } from '../../../shared/src/schema/challenge.ts'
import type { LanguageForm, Municipality } from '../../../shared/src/schema/municipality.ts'
import { formatIssues } from '../../../shared/src/schema/validation.ts'
import type { DomainSeed, DomainStore } from '../store/DomainStore.ts'

/**
 * The public facts of the Gnist programme's 2021–22 rounds (DOGA / Nordic
 * Edge), copied from the shared fixture into the server so the app never reads
 * outside its own tree. The shape is checked when the file is read.
 */
export const GnistFacts = z.object({
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
})
export type GnistFacts = z.infer<typeof GnistFacts>

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
 * The fixture names no language form. Vestland and Møre og Romsdal are the
 * counties where nynorsk is the written standard of most municipalities, so
 * their municipalities get nn and every other one (and any whose county the
 * facts do not give) nb; a facilitator corrects a municipality where that is wrong.
 */
const nynorskCounties = new Set(['Vestland', 'Møre og Romsdal'])

function languageFormOf(county: string | null): LanguageForm {
  return county !== null && nynorskCounties.has(county) ? 'nn' : 'nb'
}

/**
 * Turns the facts into records with fresh ids: every municipality once by name
 * (a follower in one round can lead in the other, as Averøy does), the 2021
 * round's follower links, and each challenge led by its municipality.
 * Municipality numbers are null because the facts do not give them.
 * "Sogndal, Luster og Aurland" applied together and stays the one participant
 * the facts list.
 */
export function gnistSeed(facts: GnistFacts): DomainSeed {
  // Every name once, with the county where any source gives it.
  const counties = new Map<string, string | null>()
  const mention = (name: string, county: string | null) => {
    if (county !== null || !counties.has(name)) counties.set(name, county)
  }
  for (const lead of facts.municipalities2021) {
    mention(lead.name, lead.county)
    for (const follower of lead.followers ?? []) mention(follower, null)
  }
  for (const name of facts.municipalitiesOtherRound) mention(name, null)
  for (const challenge of facts.challenges) mention(challenge.municipality, challenge.county)

  const municipalities = [...counties].map(
    ([name, county]): Municipality => ({
      id: newEntityId(),
      name,
      municipalityNumber: null,
      county,
      languageForm: languageFormOf(county),
    }),
  )
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

/** Seeds the Gnist facts into an empty domain (no municipalities); resolves to whether it did. */
export function seedGnistIfEmpty(domain: DomainStore, facts: GnistFacts = loadGnistFacts()): Promise<boolean> {
  return domain.seedIfEmpty(gnistSeed(facts))
}
