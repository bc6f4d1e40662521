// The three catalogues of our UI are complete: nothing falls back to bokmål, so a nynorsk or
// English text that is missing, empty, or asks for other {{variables}} than bokmål's fails here
// instead of reaching a participant.
import { describe, expect, it } from 'vitest'
import { createI18n, languages, type Language } from '../../client/src/i18n/index.ts'
import { en } from '../../client/src/i18n/en.ts'
import { nb } from '../../client/src/i18n/nb.ts'
import { nn } from '../../client/src/i18n/nn.ts'

const catalogues: Record<Language, unknown> = { nb, nn, en }

/** Every text of a catalogue by its dotted key, e.g. `start.heading`; a non-text leaf is kept as found. */
function textsOf(catalogue: unknown, prefix = ''): Map<string, unknown> {
  const texts = new Map<string, unknown>()
  for (const [key, value] of Object.entries(catalogue as Record<string, unknown>)) {
    const path = prefix === '' ? key : `${prefix}.${key}`
    if (typeof value === 'object' && value !== null) for (const [inner, text] of textsOf(value, path)) texts.set(inner, text)
    else texts.set(path, value)
  }
  return texts
}

/** The interpolation variables a text asks for: `{{count}} av {{total}}` → count, total. */
function variablesOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)].map((match) => match[1] ?? ''))].sort()
}

const texts = Object.fromEntries(languages.map((language) => [language, textsOf(catalogues[language])])) as Record<Language, Map<string, unknown>>
const keys = [...texts.nb.keys()]

describe('the catalogues', () => {
  it('have hundreds of texts to check (the walk reaches into every section)', () => {
    expect(keys.length).toBeGreaterThan(500)
    expect(keys).toContain('app.skipToContent')
  })

  it.each(languages)('%s has exactly the keys of bokmål', (language) => {
    const own = [...texts[language].keys()]
    expect(keys.filter((key) => !texts[language].has(key)), 'missing').toEqual([])
    expect(own.filter((key) => !texts.nb.has(key)), 'not in bokmål').toEqual([])
  })

  it.each(languages)('%s has a non-empty text for every key', (language) => {
    const empty = [...texts[language]].filter(([, text]) => typeof text !== 'string' || text.trim() === '').map(([key]) => key)
    expect(empty).toEqual([])
  })

  it.each(['nn', 'en'] as const)('%s asks for the same {{variables}} as bokmål in every text', (language) => {
    const differing = keys
      .filter((key) => {
        const own = texts[language].get(key)
        const bokmal = texts.nb.get(key)
        return typeof own === 'string' && typeof bokmal === 'string' && variablesOf(own).join() !== variablesOf(bokmal).join()
      })
      .map((key) => `${key}: ${String(texts.nb.get(key))} ≠ ${String(texts[language].get(key))}`)
    expect(differing).toEqual([])
  })

  it('finds a differing variable when there is one (the check itself works)', () => {
    expect(variablesOf('{{count}} av {{total}}')).toEqual(['count', 'total'])
    expect(variablesOf('{{ name, uppercase }} er her')).toEqual(['name'])
    expect(variablesOf('Ingen her')).toEqual([])
  })
})

describe('a page in nynorsk or English', () => {
  it('never shows bokmål for a text its own catalogue lacks', () => {
    for (const language of ['nn', 'en'] as const) {
      const i18n = createI18n(language)
      // A text only bokmål has comes back as its key, never as the bokmål text.
      i18n.addResource('nb', 'translation', 'app.onlyInBokmal', 'Bare på bokmål')
      expect(i18n.t('app.onlyInBokmal' as 'app.name')).toBe('app.onlyInBokmal')
      expect(i18n.getFixedT('nb')('app.onlyInBokmal' as 'app.name')).toBe('Bare på bokmål')
      expect(i18n.t('app.skipToContent')).toBe(language === 'nn' ? nn.app.skipToContent : en.app.skipToContent)
      expect(i18n.t('app.skipToContent')).not.toBe(nb.app.skipToContent)
    }
  })
})
