import type { LanguageForm } from '../../../shared/src/schema/municipality.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import type { GnistFacts } from './gnistSeed.ts'

// Installations seeded before the fixture gave each municipality's official language form and
// current county hold what that seed guessed instead: the county the 2021 round named (or none)
// and nynorsk only in Vestland and Møre og Romsdal. A start brings those rows to the facts, and
// only those: a row that differs from the old guess was corrected by a facilitator and stays.

const nynorskCountiesOfTheOldGuess = new Set(['Vestland', 'Møre og Romsdal'])

/** What the earlier seed stored for each municipality it named: the round's county and the form it guessed from it. */
function earlierSeed(facts: GnistFacts): Map<string, { county: string | null; languageForm: LanguageForm }> {
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
  return new Map(
    [...counties].map(([name, county]) => [
      name,
      { county, languageForm: county !== null && nynorskCountiesOfTheOldGuess.has(county) ? 'nn' : 'nb' },
    ]),
  )
}

/** Brings municipalities still as the earlier seed guessed them to the facts; resolves to how many it changed. */
export async function correctEarlierSeedFacts(domain: DomainStore, facts: GnistFacts): Promise<number> {
  const guessed = earlierSeed(facts)
  const current = new Map(facts.municipalityFacts.municipalities.map((municipality) => [municipality.name, municipality]))
  let corrected = 0
  for (const municipality of await domain.listMunicipalities()) {
    const old = guessed.get(municipality.name)
    const now = current.get(municipality.name)
    if (old === undefined || now === undefined) continue
    if (municipality.county !== old.county || municipality.languageForm !== old.languageForm) continue
    if (municipality.county === now.county && municipality.languageForm === now.languageForm) continue
    await domain.updateMunicipality(municipality.id, { county: now.county, languageForm: now.languageForm })
    corrected += 1
  }
  return corrected
}
