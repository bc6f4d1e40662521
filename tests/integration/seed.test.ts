import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import { gnistSeed, loadGnistFacts, seedGnistIfEmpty } from '../../server/src/seed/gnistSeed.ts'
import type { DomainStore } from '../../server/src/store/DomainStore.ts'
import { createDataDir, openTestStores, removeDataDir, spawnServer, startTestServer } from '../helpers/server.ts'
import { closeSqliteStores } from '../../server/src/store/sqliteStores.ts'

// First start on an empty data directory seeds the public Gnist 2021–22 facts, once.

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function dataDir(): string {
  const dir = createDataDir()
  cleanups.push(() => removeDataDir(dir))
  return dir
}

function openDomain(dir: string): DomainStore {
  const stores = openTestStores(dir)
  cleanups.push(() => closeSqliteStores(stores))
  return stores.domain
}

const grueStatements = [
  'Hvordan kan investeringer som er gjort i lokalmiljøet justeres for å gi mer tilbake til de som bor der?',
  'Hvordan kan man få til positive synergier og redusere konfliktnivået ved å se på både industriens og lokalbefolkningens ulike behov?',
  'Hvordan får vi til samarbeid om innovativ utvikling av sentrum der beboernes behov står i fokus når de viktigste beslutningstakerne sitter rundt bordet?',
]

/** Checks that the domain holds exactly the Gnist seed, with Grue's challenge. */
async function expectGnistSeed(domain: DomainStore): Promise<void> {
  const municipalities = await domain.listMunicipalities()
  const byName = new Map(municipalities.map((municipality) => [municipality.name, municipality]))
  // 9 in 2021, 12 followers, 4 more in the other round (Averøy is in both).
  expect(municipalities).toHaveLength(25)
  expect(byName.size).toBe(25)
  expect(byName.get('Grue')).toMatchObject({ county: 'Innlandet', languageForm: 'nb', municipalityNumber: null })
  expect(byName.get('Vanylven')).toMatchObject({ county: 'Møre og Romsdal', languageForm: 'nn' })
  expect(byName.get('Sogndal, Luster og Aurland')).toMatchObject({ county: 'Vestland', languageForm: 'nn' })
  // Current counties and official language forms (the fixture's municipalityFacts), not 2021's counties.
  expect(byName.get('Sarpsborg')).toMatchObject({ county: 'Østfold', languageForm: 'nb' })
  expect(byName.get('Nore og Uvdal')).toMatchObject({ county: 'Buskerud', languageForm: 'neutral' })
  expect(byName.get('Skjervøy')).toMatchObject({ county: 'Troms', languageForm: 'neutral' })
  expect(municipalities.filter((municipality) => municipality.county === null)).toEqual([])

  const links = await domain.listFollowerLinks()
  expect(links).toHaveLength(12)
  const followersOf = (lead: string) =>
    links
      .filter((link) => link.leadMunicipalityId === byName.get(lead)?.id)
      .map((link) => municipalities.find((municipality) => municipality.id === link.followerMunicipalityId)?.name)
      .sort()
  expect(followersOf('Sortland')).toEqual(['Kvinesdal', 'Nordreisa', 'Rana', 'Østre Toten'])
  expect(followersOf('Nome')).toEqual(['Averøy', 'Eigersund'])

  const challenges = await domain.listChallenges()
  expect(challenges).toHaveLength(1)
  expect(challenges[0]).toMatchObject({
    leadMunicipalityId: byName.get('Grue')?.id,
    name: 'Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere',
    title: grueStatements[0],
    problemStatements: grueStatements,
    themes: ['sentrumsutvikling'],
    stakeholderGroups: ['kommune', 'næringsliv', 'innbyggere', 'frivillige organisasjoner', 'utdanningsinstitusjoner'],
    status: 'active',
  })
}

describe('Gnist seed', () => {
  it('reads the facts bundled with the server', () => {
    const facts = loadGnistFacts()
    expect(facts.challenges.map((challenge) => challenge.municipality)).toEqual(['Grue'])
    expect(gnistSeed(facts).municipalities).toHaveLength(25)
  })

  it('seeds an empty domain once; a second start adds nothing', async () => {
    const dir = dataDir()
    const domain = openDomain(dir)
    expect(await seedGnistIfEmpty(domain)).toBe(true)
    await expectGnistSeed(domain)
    const first = { municipalities: await domain.listMunicipalities(), challenges: await domain.listChallenges() }
    await domain.close()

    const reopened = openDomain(dir)
    expect(await seedGnistIfEmpty(reopened)).toBe(false)
    expect({ municipalities: await reopened.listMunicipalities(), challenges: await reopened.listChallenges() }).toEqual(first)
  })

  it('brings municipalities an earlier seed only guessed to the facts, and leaves a facilitator’s correction', async () => {
    const domain = openDomain(dataDir())
    const named = (name: string, county: string | null, languageForm: 'nb' | 'nn' | 'neutral') => ({
      id: newEntityId(),
      name,
      municipalityNumber: null,
      county,
      languageForm,
    })
    // As the earlier seed stored them: the 2021 round's county (none for a follower), nynorsk only in Vestland and Møre og Romsdal.
    const aseral = named('Åseral', 'Agder', 'nb')
    const stad = named('Stad', null, 'nb')
    // Corrected by a facilitator since: not the old guess, so not the seed's to change.
    const suldal = named('Suldal', 'Rogaland', 'neutral')
    for (const municipality of [aseral, stad, suldal]) await domain.createMunicipality(municipality)
    expect(await seedGnistIfEmpty(domain)).toBe(false)
    const byName = new Map((await domain.listMunicipalities()).map((municipality) => [municipality.name, municipality]))
    expect(byName.get('Åseral')).toEqual({ ...aseral, languageForm: 'nn' })
    expect(byName.get('Stad')).toEqual({ ...stad, county: 'Vestland', languageForm: 'nn' })
    expect(byName.get('Suldal')).toEqual(suldal)
  })

  it('leaves a domain that already has municipalities alone', async () => {
    const domain = openDomain(dataDir())
    const [sortland] = gnistSeed(loadGnistFacts()).municipalities
    if (sortland === undefined) throw new Error('The seed has no municipalities.')
    await domain.createMunicipality(sortland)
    expect(await seedGnistIfEmpty(domain)).toBe(false)
    expect(await domain.listMunicipalities()).toEqual([sortland])
    expect(await domain.listChallenges()).toEqual([])
  })

  it('is in place when a test server has started, and a restart does not duplicate it', async () => {
    const dir = dataDir()
    const server = await startTestServer({ dataDir: dir })
    await expectGnistSeed(server.domain)
    const challenges = await server.domain.listChallenges()
    await server.close()

    const restarted = await startTestServer({ dataDir: dir })
    cleanups.push(() => restarted.close())
    await expectGnistSeed(restarted.domain)
    expect(await restarted.domain.listChallenges()).toEqual(challenges)
  })

  it('is in place after `node server/src/main.ts` started on an empty data directory', async () => {
    const dir = path.join(dataDir(), 'fresh')
    const child = await spawnServer(dir)
    const ended = await child.kill('SIGTERM')
    expect(ended.code).toBe(0)
    await expectGnistSeed(openDomain(dir))
  })
})
