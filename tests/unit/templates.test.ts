// Method templates: every template × language builds valid tldraw records that carry the challenge's text,
// in the requested language, identically each time, with every shape inside its frame.
import { createTLSchema, type TLRecord, type TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { plainText, shapeBox } from '../../shared/src/templates/boardRecords.ts'
import { defineTemplate } from '../../shared/src/templates/define.ts'
import {
  createTemplateRegistry,
  methodTemplates,
  templateIds,
  templateLanguages,
  TemplateError,
  type MethodTemplate,
  type TemplateChallenge,
  type TemplateId,
  type TemplateLanguage,
} from '../../shared/src/templates/index.ts'

/** Grue's Kirkenær challenge from the public Gnist 2021–22 facts (../shared/fixtures/gnist-2021-2022.json). */
const grue: TemplateChallenge = {
  municipality: 'Grue',
  title: 'Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere',
  summary:
    'Grue kommune vil utvikle Kirkenær slik at stedet blir attraktivt både for næringsaktørene og de som bor der.',
  problemStatements: [
    'Hvordan kan investeringer som er gjort i lokalmiljøet justeres for å gi mer tilbake til de som bor der?',
    'Hvordan kan man få til positive synergier og redusere konfliktnivået ved å se på både industriens og lokalbefolkningens ulike behov?',
    'Hvordan får vi til samarbeid om innovativ utvikling av sentrum der beboernes behov står i fokus når de viktigste beslutningstakerne sitter rundt bordet?',
  ],
  stakeholderGroups: ['kommune', 'næringsliv', 'innbyggere', 'frivillige organisasjoner', 'utdanningsinstitusjoner'],
}

const schema = createTLSchema()

function build(templateId: string, language: TemplateLanguage, challenge = grue, version = 1): TLRecord[] {
  return methodTemplates.build({ templateId, version, language, challenge }).records
}

/** Every released version of every template. */
const released = templateIds.flatMap((templateId) => methodTemplates.get(templateId).versions.map(({ version }) => ({ templateId, version })))

function shapes(records: TLRecord[]): TLShape[] {
  return records.filter((record): record is TLShape => record.typeName === 'shape')
}

/** Every text on the board: frame names and the plain text of every label, note and text. */
function boardTexts(records: TLRecord[]): string[] {
  return shapes(records).flatMap((shape) => {
    const props = shape.props as { name?: string; richText?: Parameters<typeof plainText>[0] }
    return [props.name, props.richText ? plainText(props.richText) : undefined].filter(
      (text): text is string => text !== undefined && text !== '',
    )
  })
}

/** Which challenge content each template puts on its board (the title is on every board). */
const shows: Record<TemplateId, { problemStatements: boolean; stakeholderGroups: boolean }> = {
  'challenge-framing': { problemStatements: true, stakeholderGroups: true },
  'stakeholder-mapping': { problemStatements: false, stakeholderGroups: true },
  ideas: { problemStatements: true, stakeholderGroups: true },
  prototyping: { problemStatements: true, stakeholderGroups: false },
  prioritising: { problemStatements: false, stakeholderGroups: false },
}

/** A phrase each template must show in each language, and must not show in the others. */
const phrases: Record<TemplateId, Record<TemplateLanguage, string>> = {
  'challenge-framing': { nb: 'Hvordan kan vi …?', nn: 'Korleis kan vi …?', en: 'How might we …?' },
  'stakeholder-mapping': { nb: 'Frivillige organisasjoner', nn: 'Frivillige organisasjonar', en: 'Voluntary organisations' },
  ideas: { nb: 'Skriv hver for dere', nn: 'Skriv kvar for dykk', en: 'Write on your own' },
  prototyping: { nb: 'Hvordan kan vi teste den?', nn: 'Korleis kan vi teste ho?', en: 'How can we test it?' },
  prioritising: { nb: 'Gjør dette først', nn: 'Gjer dette først', en: 'Do this first' },
}

describe('method templates', () => {
  it('registers the five method templates under their ids', () => {
    expect(methodTemplates.templates.map((template) => template.id)).toEqual([...templateIds])
  })

  for (const { templateId, version } of released) {
    for (const language of templateLanguages) {
      describe(`${templateId} v${version} (${language})`, () => {
        const records = build(templateId, language, grue, version)

        it('passes tldraw’s own record validation', () => {
          for (const record of records) {
            expect(() => schema.types[record.typeName].validate(record), record.id).not.toThrow()
          }
          expect(records.filter((record) => record.typeName === 'page')).toHaveLength(1)
          expect(new Set(records.map((record) => record.id)).size).toBe(records.length)
        })

        it('places every shape on the page or in a frame of the board, each parent before its children', () => {
          const seen = new Set<string>()
          for (const record of records) {
            if (record.typeName === 'shape') {
              expect(seen.has(record.parentId), `${record.id} in ${record.parentId}`).toBe(true)
              const parent = records.find((candidate) => candidate.id === record.parentId)
              expect(parent?.typeName === 'page' || (parent?.typeName === 'shape' && parent.type === 'frame')).toBe(true)
            }
            seen.add(record.id)
          }
        })

        it('uses ids derived from template id, version and a local key', () => {
          expect(records[0]?.id).toBe(`page:${templateId}.v${version}`)
          for (const shape of shapes(records)) expect(shape.id.startsWith(`shape:${templateId}.v${version}.`)).toBe(true)
        })

        it('contains the challenge’s text', () => {
          const texts = boardTexts(records)
          expect(texts).toContain(grue.title)
          if (shows[templateId].problemStatements) {
            for (const statement of grue.problemStatements) expect(texts).toContain(statement)
          }
          if (shows[templateId].stakeholderGroups) {
            for (const group of grue.stakeholderGroups) expect(texts).toContain(group)
          }
        })

        it('is written in the requested language', () => {
          const all = boardTexts(records).join('\n')
          expect(all).toContain(phrases[templateId][language])
          for (const other of templateLanguages) {
            if (phrases[templateId][other] !== phrases[templateId][language]) {
              expect(all).not.toContain(phrases[templateId][other])
            }
          }
          const page = records.find((record) => record.typeName === 'page')
          expect(page && 'name' in page ? page.name : undefined).toBe(methodTemplates.get(templateId).name[language])
        })

        it('builds identical records every time', () => {
          expect(build(templateId, language, grue, version)).toEqual(records)
        })

        it('keeps every frame’s children inside the frame', () => {
          for (const frame of shapes(records).filter((shape) => shape.type === 'frame')) {
            const bounds = shapeBox(frame)
            const children = shapes(records).filter((shape) => shape.parentId === frame.id)
            expect(children.length).toBeGreaterThan(0)
            for (const child of children) {
              const box = shapeBox(child)
              expect(box.x, child.id).toBeGreaterThanOrEqual(0)
              expect(box.y, child.id).toBeGreaterThanOrEqual(0)
              expect(box.x + box.w, child.id).toBeLessThanOrEqual(bounds.w)
              expect(box.y + box.h, child.id).toBeLessThanOrEqual(bounds.h)
            }
          }
        })
      })
    }
  }

  it('builds valid boards from a challenge with empty texts and no lists', () => {
    const empty: TemplateChallenge = { title: '', summary: '', problemStatements: [], stakeholderGroups: [], municipality: '' }
    for (const { templateId, version } of released) {
      for (const record of build(templateId, 'nn', empty, version)) {
        expect(() => schema.types[record.typeName].validate(record), record.id).not.toThrow()
      }
    }
  })

  it('puts a long challenge in frames that grow to hold it', () => {
    const long: TemplateChallenge = {
      ...grue,
      summary: grue.summary.repeat(6),
      problemStatements: [...grue.problemStatements, ...grue.problemStatements, ...grue.problemStatements],
      stakeholderGroups: [...grue.stakeholderGroups, 'fylkeskommunen', 'Statens vegvesen', 'idrettslaget', 'ungdomsrådet'],
    }
    const records = build('challenge-framing', 'nb', long)
    for (const frame of shapes(records).filter((shape) => shape.type === 'frame')) {
      const bounds = shapeBox(frame)
      for (const child of shapes(records).filter((shape) => shape.parentId === frame.id)) {
        const box = shapeBox(child)
        expect(box.y + box.h, child.id).toBeLessThanOrEqual(bounds.h)
      }
    }
  })
})

describe('templates on a phone', () => {
  // A phone 390 CSS px wide shows a frame fitted to its width less 8 px (client/src/board/boardCamera.ts), and
  // a template's smallest text is 18 px: it reads at 12 CSS px from a zoom of two thirds.
  const phoneZoom = (frameWidth: number) => Math.min(1, 382 / frameWidth)

  for (const templateId of templateIds) {
    const version = methodTemplates.latestVersion(templateId)
    for (const language of templateLanguages) {
      it(`${templateId} v${version} (${language}) opens at a first frame that a phone shows fitted to its width with text of 12 px or more`, () => {
        const records = build(templateId, language, grue, version)
        const [first] = shapes(records).filter((shape) => shape.type === 'frame')
        if (first === undefined) throw new Error(`${templateId} has no frame`)
        const zoom = phoneZoom(shapeBox(first).w)
        for (const child of shapes(records).filter((shape) => shape.parentId === first.id)) {
          const props = child.props as { size?: 's' | 'm' | 'l' | 'xl'; fontSizeAdjustment?: number }
          const px = { s: 18, m: 22, l: 26, xl: 32 }[props.size ?? 's'] * (props.fontSizeAdjustment ?? 1)
          expect(px * zoom, child.id).toBeGreaterThanOrEqual(12)
        }
      })

      it(`${templateId} v${version} (${language}) keeps every frame's instruction on a phone's screen where it shows the frame`, () => {
        // A frame too wide to fit legibly is shown at two thirds from its top-left corner (4 px from the edge).
        const records = build(templateId, language, grue, version)
        for (const frame of shapes(records).filter((shape) => shape.type === 'frame')) {
          const zoom = Math.max(phoneZoom(shapeBox(frame).w), 2 / 3)
          const instruction = shapes(records).find((shape) => shape.parentId === frame.id && shape.id.endsWith('.instruction'))
          if (instruction === undefined) throw new Error(`${frame.id} has no instruction`)
          const box = shapeBox(instruction)
          expect(4 + (box.x + box.w) * zoom, instruction.id).toBeLessThanOrEqual(390)
        }
      })
    }
  }
})

describe('template versions', () => {
  it('are exposed as immutable arrays numbered 1, 2, 3 … in order', () => {
    expect(Object.isFrozen(methodTemplates.templates)).toBe(true)
    for (const template of methodTemplates.templates) {
      expect(Object.isFrozen(template)).toBe(true)
      expect(Object.isFrozen(template.versions)).toBe(true)
      template.versions.forEach((entry, i) => {
        expect(entry.version).toBe(i + 1)
        expect(Object.isFrozen(entry)).toBe(true)
      })
      const mutable = template.versions as MethodTemplate['versions'][number][]
      expect(() => mutable.push({ version: template.versions.length + 1, build: () => undefined })).toThrow(TypeError)
      expect(methodTemplates.latestVersion(template.id)).toBe(template.versions.length)
    }
  })

  it('build version 1 without depending on later versions', () => {
    const firstOnly = createTemplateRegistry(
      methodTemplates.templates.map((template) => ({ ...template, versions: template.versions.slice(0, 1) })),
    )
    for (const templateId of templateIds) {
      for (const language of templateLanguages) {
        expect(firstOnly.build({ templateId, version: 1, language, challenge: grue }).records).toEqual(build(templateId, language))
      }
    }
  })

  it('refuse a list that skips or reorders versions', () => {
    const template = methodTemplates.get('ideas')
    const [first] = template.versions
    if (!first) throw new Error('ideas has no version 1')
    expect(() => defineTemplate({ ...template, versions: [{ ...first, version: 2 }] })).toThrow(/numbered 1, 2, 3/)
    expect(() => defineTemplate({ ...template, versions: [first, first] })).toThrow(/numbered 1, 2, 3/)
  })
})

describe('template requests', () => {
  const request = { templateId: 'ideas', version: 1, language: 'nb', challenge: grue }

  it.each([
    [{ ...request, templateId: 'retro' }, 'unknown_template'],
    [{ ...request, version: 99 }, 'unknown_template_version'],
    [{ ...request, language: 'se' }, 'unknown_language'],
    [{ ...request, challenge: { ...grue, problemStatements: 'one' } as unknown as TemplateChallenge }, 'invalid_challenge'],
  ])('refuses a bad request with a clear error (%#)', (bad, code) => {
    expect(() => methodTemplates.build(bad)).toThrow(TemplateError)
    try {
      methodTemplates.build(bad)
    } catch (error) {
      expect((error as TemplateError).code).toBe(code)
    }
  })
})
