// tldraw's UI in nynorsk: every key we translate is one tldraw's Norwegian locale has (so an
// upgrade of tldraw that renames a key fails here rather than leaving bokmål on a nynorsk
// board), with the same {placeholders}, and the overrides reach tldraw only for nynorsk.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { tldrawLocaleFor } from '../../client/src/i18n/index.ts'
import { tldrawNynorsk, tldrawTranslationOverrides } from '../../client/src/i18n/tldrawNynorsk.ts'

const require = createRequire(import.meta.url)
const tldrawNorwegian = JSON.parse(readFileSync(require.resolve('@tldraw/assets/translations/no.json'), 'utf8')) as Record<string, string>

const placeholdersOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort()

describe("tldraw's UI in nynorsk", () => {
  const keys = Object.keys(tldrawNynorsk)

  it('translates what participants meet: tools, menus, styles, zoom, dialogs and what a screen reader hears', () => {
    expect(keys.length).toBeGreaterThan(300)
    for (const key of ['tool.note', 'tool.select', 'action.undo', 'menu.preferences', 'context-menu.arrange', 'style-panel.color', 'action.zoom-in', 'embed-dialog.title', 'a11y.multiple-shapes', 'a11y.shape-index']) {
      expect(keys).toContain(key)
    }
  })

  it("uses only keys of tldraw's Norwegian locale", () => {
    expect(keys.filter((key) => !(key in tldrawNorwegian))).toEqual([])
  })

  it("keeps tldraw's placeholders and leaves no text empty", () => {
    const differing = keys.filter((key) => placeholdersOf(tldrawNynorsk[key] ?? '').join() !== placeholdersOf(tldrawNorwegian[key] ?? '').join())
    expect(differing).toEqual([])
    expect(keys.filter((key) => (tldrawNynorsk[key] ?? '').trim() === '')).toEqual([])
    expect(keys.filter((key) => /[\u00ad\u200b]/.test(tldrawNynorsk[key] ?? ''))).toEqual([])
  })

  it('is nynorsk where bokmål differs (the texts are not copies of tldraw’s bokmål)', () => {
    for (const [key, nynorsk] of [['a11y.multiple-shapes', '{num} figurar er valde'], ['action.redo', 'Gjer om att'], ['color-style.red', 'Raud']] as const) {
      expect(tldrawNynorsk[key]).toBe(nynorsk)
      expect(tldrawNorwegian[key]).not.toBe(nynorsk)
    }
  })

  it("lays nynorsk over tldraw's Norwegian locale only for a person who chose nynorsk", () => {
    expect(tldrawTranslationOverrides('nn').translations?.[tldrawLocaleFor('nn')]).toBe(tldrawNynorsk)
    expect(tldrawTranslationOverrides('nb')).toEqual({})
    expect(tldrawTranslationOverrides('en')).toEqual({})
  })
})
