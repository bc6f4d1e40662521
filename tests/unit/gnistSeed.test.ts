import { describe, expect, it } from 'vitest'
import { writtenLanguageForm } from '../../shared/src/schema/municipality.ts'
import { GnistFacts, gnistSeed, loadGnistFacts } from '../../server/src/seed/gnistSeed.ts'

// The bundled Gnist facts give every municipality its current official language form and county,
// and a neutral municipality's workshops write bokmål.

describe('Gnist facts', () => {
  const facts = loadGnistFacts()
  const municipalities = gnistSeed(facts).municipalities
  const byName = new Map(municipalities.map((municipality) => [municipality.name, municipality]))

  it('give every seeded municipality a language form and a county of today', () => {
    expect(municipalities).toHaveLength(25)
    for (const municipality of municipalities) {
      expect(municipality.county, municipality.name).not.toBeNull()
      expect(['nb', 'nn', 'neutral'], municipality.name).toContain(municipality.languageForm)
    }
    // Viken and Troms og Finnmark were split in 2024; the rounds' own 2021 counties stay as they were.
    expect(municipalities.map((municipality) => municipality.county)).not.toContain('Viken')
    expect(municipalities.map((municipality) => municipality.county)).not.toContain('Troms og Finnmark')
    expect(facts.municipalities2021.find((lead) => lead.name === 'Nore og Uvdal')?.county).toBe('Viken')
    expect(byName.get('Nore og Uvdal')?.county).toBe('Buskerud')
    expect(byName.get('Skjervøy')?.county).toBe('Troms')
    expect(byName.get('Sarpsborg')?.county).toBe('Østfold')
  })

  it('have the official language forms of the language act', () => {
    for (const name of ['Vanylven', 'Suldal', 'Tokke', 'Stad', 'Hemsedal', 'Åseral', 'Lom', 'Sogndal, Luster og Aurland']) {
      expect(byName.get(name)?.languageForm, name).toBe('nn')
    }
    for (const name of ['Nore og Uvdal', 'Skjervøy', 'Nome', 'Gjerstad', 'Dovre', 'Eigersund', 'Averøy', 'Kvinesdal', 'Østre Toten', 'Nordreisa']) {
      expect(byName.get(name)?.languageForm, name).toBe('neutral')
    }
    for (const name of ['Sortland', 'Kongsvinger', 'Rana', 'Grue', 'Andøy', 'Kragerø', 'Sarpsborg']) {
      expect(byName.get(name)?.languageForm, name).toBe('nb')
    }
  })

  it('name their sources', () => {
    expect(facts.municipalityFacts.sources.languageForm).toContain('språkvedtaksforskrifta')
    expect(facts.municipalityFacts.sources.languageForm).toContain('https://sprakradet.no/spraklova/norsk-sprak/sprakvedtak/')
    expect(facts.municipalityFacts.sources.county).toContain('1 January 2024')
  })

  it('are refused when a municipality named anywhere lacks its facts, or has them twice', () => {
    const withoutStad = facts.municipalityFacts.municipalities.filter((municipality) => municipality.name !== 'Stad')
    const lacking = GnistFacts.safeParse({ ...facts, municipalityFacts: { ...facts.municipalityFacts, municipalities: withoutStad } })
    expect(lacking.success).toBe(false)
    expect(lacking.error?.issues.map((issue) => issue.message)).toEqual(['No language form and county for Stad.'])

    const newcomer = { ...facts, municipalitiesOtherRound: [...facts.municipalitiesOtherRound, 'Bø'] }
    expect(GnistFacts.safeParse(newcomer).error?.issues.map((issue) => issue.message)).toEqual(['No language form and county for Bø.'])
    // Facts built without the check are refused by the seed itself.
    expect(() => gnistSeed(newcomer)).toThrow(/no language form and county for Bø/)

    const twice = [...facts.municipalityFacts.municipalities, { name: 'Grue', county: 'Innlandet', languageForm: 'nn' }]
    const repeated = GnistFacts.safeParse({ ...facts, municipalityFacts: { ...facts.municipalityFacts, municipalities: twice } })
    expect(repeated.error?.issues.map((issue) => issue.message)).toEqual(['Given more than once: Grue.'])
  })
})

describe('the written form of a municipality’s workshops', () => {
  it('is its own language form, and bokmål for a neutral municipality', () => {
    expect(writtenLanguageForm('nn')).toBe('nn')
    expect(writtenLanguageForm('nb')).toBe('nb')
    expect(writtenLanguageForm('neutral')).toBe('nb')
  })
})
