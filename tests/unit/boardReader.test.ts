// The board reader on real template boards (every template, bokmål and nynorsk) with notes put where
// people put them: in each area, in a frame outside the areas, outside every frame, in groups, in a
// turned frame; and the same board read from a Y.Doc written the way the server writes step boards.
import {
  createShapeId,
  createTLSchema,
  toRichText,
  UserRecordType,
  type TLArrowShape,
  type TLFrameShape,
  type TLGeoShape,
  type TLGroupShape,
  type TLNoteShape,
  type TLParentId,
  type TLRecord,
  type TLShape,
  type TLTextShape,
} from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { BoardDoc } from '../../shared/src/board/boardDoc.ts'
import type { BoardItem, BoardReading } from '../../shared/src/board/boardReading.ts'
import { readBoard } from '../../shared/src/board/readBoard.ts'
import { methodTemplates, type TemplateChallenge, type TemplateId } from '../../shared/src/templates/index.ts'
import { initialBoardRow } from '../../server/src/workshop/stepBoards.ts'

const grue: TemplateChallenge = {
  municipality: 'Grue',
  title: 'Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere',
  summary: 'Grue kommune vil utvikle Kirkenær slik at stedet blir attraktivt for næringsaktørene og de som bor der.',
  problemStatements: ['Hvordan kan investeringer gi mer tilbake?', 'Hvordan får vi til samarbeid om sentrum?', 'Hvordan kan vi redusere konflikt?'],
  stakeholderGroups: ['kommune', 'næringsliv', 'innbyggere', 'frivillige organisasjoner', 'utdanningsinstitusjoner'],
}

const range = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}.${i}`)

/** What each template draws: its frames (in reading order), its areas, and which frame holds template notes. */
const expected: Record<TemplateId, { frames: string[]; areas: string[]; templateNotes: [string, string[]] | null }> = {
  'challenge-framing': {
    frames: ['context', 'questions', 'needs', 'assumptions', 'knowledge'],
    areas: [...range('needs.group', 5), 'assumptions.area.0', ...range('knowledge.area', 2)],
    templateNotes: ['questions', grue.problemStatements],
  },
  'stakeholder-mapping': {
    frames: ['groups', 'grid', 'ring'],
    areas: [...range('grid.cell', 4), 'ring.circle', ...range('ring.sector', 6), 'ring.centre'],
    templateNotes: ['groups', grue.stakeholderGroups],
  },
  ideas: { frames: ['questions', 'writing', 'clusters'], areas: [...range('writing.group', 5), 'clusters.area.0'], templateNotes: ['questions', grue.problemStatements] },
  prototyping: {
    frames: ['questions', 'storyboard', 'canvas'],
    areas: [...range('storyboard.panel', 6), ...range('canvas.field', 6)],
    templateNotes: ['questions', grue.problemStatements],
  },
  prioritising: { frames: ['parking', 'matrix'], areas: ['parking.area.0', ...range('matrix.cell', 4)], templateNotes: null },
}

const schema = createTLSchema()
let counter = 0

function build(templateId: TemplateId, language: 'nb' | 'nn'): TLRecord[] {
  return methodTemplates.build({ templateId, version: 1, language, challenge: grue }).records
}

function shapeOf(records: readonly TLRecord[], id: string): TLShape {
  const shape = records.find((record): record is TLShape => record.id === id && record.typeName === 'shape')
  if (!shape) throw new Error(`no shape ${id}`)
  return shape
}

/** A template shape's box on the page (template shapes are not turned, so offsets add up). */
function pageBox(records: readonly TLRecord[], id: string): { x: number; y: number; w: number; h: number } {
  const shape = shapeOf(records, id)
  const props = shape.props as { w: number; h: number }
  const parent = records.find((record) => record.id === shape.parentId)
  const origin = parent?.typeName === 'shape' ? pageBox(records, parent.id) : { x: 0, y: 0 }
  return { x: origin.x + shape.x, y: origin.y + shape.y, w: props.w, h: props.h }
}

/** A person's shape, validated by tldraw's own schema so the fixtures are records tldraw would write. */
function shape<S extends TLShape>(type: S['type'], parentId: TLParentId, x: number, y: number, props: S['props'], rotation = 0): S {
  const record = {
    id: createShapeId(`person${++counter}`), typeName: 'shape', type, parentId, index: 'a9' as IndexKey,
    x, y, rotation, isLocked: false, opacity: 1, meta: {}, props,
  } as unknown as S
  schema.types.shape.validate(record)
  return record
}

/** A sticky note as tldraw (and BoardRecords.note) makes it. */
function note(parentId: TLParentId, x: number, y: number, text: string, textLastEditedBy: string | null = null): TLNoteShape {
  return shape<TLNoteShape>('note', parentId, x, y, {
    color: 'yellow', labelColor: 'black', size: 's', font: 'sans', fontSizeAdjustment: 1, align: 'middle',
    verticalAlign: 'middle', growY: 0, url: '', richText: toRichText(text), scale: 1, textLastEditedBy,
  })
}

function items(reading: BoardReading): BoardItem[] {
  return [...reading.frames.flatMap((frame) => frame.items), ...reading.loose]
}

function itemWithText(reading: BoardReading, text: string): BoardItem {
  const found = items(reading).find((item) => item.text === text)
  if (!found) throw new Error(`no item "${text}"`)
  return found
}

describe('readBoard on every template board', () => {
  for (const templateId of Object.keys(expected) as TemplateId[]) {
    for (const language of ['nb', 'nn'] as const) {
      it(`${templateId} (${language}): notes in every area land in that area and frame`, () => {
        const records = build(templateId, language)
        const pageId = records[0]?.id as TLParentId
        const prefix = `shape:${templateId}.v1.`
        const { frames, areas, templateNotes } = expected[templateId]
        const placeable = areas.filter((key) => key !== 'ring.circle')
        const added = placeable.map((key, i) => {
          const area = pageBox(records, prefix + key)
          const frame = pageBox(records, prefix + key.split('.')[0])
          const [cx, cy] = [area.x + area.w / 2, area.y + area.h / 2]
          // Half the notes hang on the page, half on the frame, as tldraw leaves them when dragged.
          return i % 2 === 0
            ? note(pageId, cx - 100, cy - 100, `${language} ${key}`)
            : note(`${prefix}${key.split('.')[0]}` as TLParentId, cx - frame.x - 100, cy - frame.y - 100, `${language} ${key}`)
        })
        const reading = readBoard([...records, ...added])

        expect(reading.template).toEqual({ id: templateId, version: 1 })
        expect(reading.frames.map((frame) => frame.key)).toEqual(frames)
        expect(reading.areas.map((area) => area.key).sort()).toEqual([...areas].sort())
        for (const area of reading.areas) expect(area.frameKey).toBe(area.key.split('.')[0])
        expect(reading.loose).toEqual([])
        for (const key of placeable) {
          const item = itemWithText(reading, `${language} ${key}`)
          expect(item).toMatchObject({ kind: 'note', frameKey: key.split('.')[0], fromTemplate: false, groupId: null, authorName: null })
          expect(item.areaKeys[0]).toBe(key)
          expect(item.markdown).toBe(item.text)
        }
        // Only the template's notes and ours are items: its instructions, headers and areas are structure.
        expect(items(reading).filter((item) => item.fromTemplate).map((item) => item.text)).toEqual(templateNotes?.[1] ?? [])
        if (templateNotes) {
          const frame = reading.frames.find((candidate) => candidate.key === templateNotes[0])
          expect(frame?.items.filter((item) => item.fromTemplate).map((item) => item.text)).toEqual(templateNotes[1])
        }
        expect(items(reading)).toHaveLength(placeable.length + (templateNotes?.[1].length ?? 0))
      })
    }
  }

  it('labels areas with their text, innermost first', () => {
    const records = build('stakeholder-mapping', 'nb')
    const reading = readBoard(records)
    expect(reading.areas.find((area) => area.key === 'grid.cell.1')?.label).toBe('Stor innflytelse, stor interesse:\nSamarbeid tett')
    expect(reading.areas.find((area) => area.key === 'ring.sector.3')?.label).toBe('Frivillige organisasjoner')
    const nn = readBoard(build('prioritising', 'nn'))
    expect(nn.areas.find((area) => area.key === 'matrix.cell.0')?.label).toBe('Stor effekt, lite arbeid:\nGjer dette først')
    // A note on the ring between sectors is in the ring only; one in a sector is in the sector, then the ring.
    const ring = pageBox(records, 'shape:stakeholder-mapping.v1.ring.circle')
    const sector = pageBox(records, 'shape:stakeholder-mapping.v1.ring.sector.0')
    const between = note(records[0]?.id as TLParentId, ring.x + ring.w * 0.3 - 100, ring.y + ring.h * 0.2 - 100, 'between')
    const inSector = note(records[0]?.id as TLParentId, sector.x + 20, sector.y, 'in sector')
    const withNotes = readBoard([...records, between, inSector])
    expect(itemWithText(withNotes, 'between').areaKeys).toEqual(['ring.circle'])
    expect(itemWithText(withNotes, 'in sector').areaKeys).toEqual(['ring.sector.0', 'ring.circle'])
  })
})

describe('readBoard on what people do', () => {
  const records = build('stakeholder-mapping', 'nb')
  const pageId = records[0]?.id as TLParentId
  const gridId = 'shape:stakeholder-mapping.v1.grid' as TLParentId
  const grid = pageBox(records, gridId)
  const cell = pageBox(records, 'shape:stakeholder-mapping.v1.grid.cell.3')
  const cell0 = pageBox(records, 'shape:stakeholder-mapping.v1.grid.cell.0')
  const groups = pageBox(records, 'shape:stakeholder-mapping.v1.groups')
  const cellProps = (shapeOf(records, 'shape:stakeholder-mapping.v1.grid.cell.0') as TLGeoShape).props
  const kari = UserRecordType.create({ id: UserRecordType.createId('kari'), name: 'Kari Nordmann', color: '#f00', imageUrl: '' })
  const turned = shape<TLFrameShape>('frame', pageId, 5000, 0, { w: 400, h: 600, name: 'Egen ramme', color: 'black' }, Math.PI / 2)
  const inner = shape<TLFrameShape>('frame', turned.id, 0, 300, { w: 400, h: 300, name: 'Indre', color: 'black' })
  const group = shape<TLGroupShape>('group', gridId, cell.x - grid.x + 10, cell.y - grid.y + 40, {})
  const label = toRichText('Tavle')
  const extra: TLRecord[] = [
    kari,
    note(pageId, cell.x + 10, cell.y + 40, 'by Kari', 'kari'),
    note(pageId, cell.x + 10, cell.y + 40, 'by someone unknown', 'ola'),
    note(pageId, -2000, -2000, 'outside every frame'),
    note(gridId, -3000, 0, 'dragged out of its frame'),
    note('shape:stakeholder-mapping.v1.groups' as TLParentId, 24, groups.h - 220, 'in groups, below the template notes'),
    note(pageId, grid.x + grid.w - 150, grid.y - 80, 'in the grid, above the cells'),
    note(pageId, 0, 0, ''),
    group,
    note(group.id, 0, 0, 'grouped a'),
    note(group.id, 150, 60, 'grouped b'),
    turned,
    note(turned.id, 50, 50, 'in the turned frame'),
    note(pageId, 4650, 220, 'on the page, under the turned frame'),
    inner,
    note(inner.id, 100, 50, 'in the inner frame'),
    shape<TLTextShape>('text', pageId, -2000, 500, { color: 'black', size: 's', font: 'sans', textAlign: 'start', w: 300, richText: toRichText('a text'), scale: 1, autoSize: false }),
    shape<TLGeoShape>('geo', gridId, cell0.x - grid.x + 30, cell0.y - grid.y + 30, { ...cellProps, w: 100, h: 80, richText: label }),
    shape<TLGeoShape>('geo', gridId, cell0.x - grid.x + 30, cell0.y - grid.y + 200, { ...cellProps, w: 100, h: 80, richText: toRichText('') }),
    shape<TLArrowShape>('arrow', pageId, -2000, 1000, {
      kind: 'arc', labelColor: 'black', color: 'black', fill: 'none', dash: 'draw', size: 'm', arrowheadStart: 'none',
      arrowheadEnd: 'arrow', font: 'draw', start: { x: 0, y: 0 }, end: { x: 200, y: 100 }, bend: 0,
      richText: toRichText('leads to'), labelPosition: 0.5, scale: 1, elbowMidPoint: 0.5,
    }),
  ]
  const reading = readBoard([...records, ...extra])

  it('names the author from the user records, and only when there is one', () => {
    expect(itemWithText(reading, 'by Kari')).toMatchObject({ authorId: 'kari', authorName: 'Kari Nordmann', areaKeys: ['grid.cell.3'] })
    expect(itemWithText(reading, 'by someone unknown')).toMatchObject({ authorId: 'ola', authorName: null })
  })

  it('puts notes in the frame their centre lies in, wherever they hang', () => {
    expect(reading.loose.map((item) => item.text)).toEqual(['outside every frame', 'dragged out of its frame', 'a text', 'leads to'])
    expect(itemWithText(reading, 'in groups, below the template notes')).toMatchObject({ frameKey: 'groups', areaKeys: [] })
    expect(itemWithText(reading, 'in the grid, above the cells')).toMatchObject({ frameKey: 'grid', areaKeys: [] })
    expect(items(reading).some((item) => item.text === '')).toBe(false)
  })

  it('composes positions through groups and turned frames', () => {
    for (const text of ['grouped a', 'grouped b']) {
      expect(itemWithText(reading, text)).toMatchObject({ groupId: group.id, frameKey: 'grid', areaKeys: ['grid.cell.3'] })
    }
    expect(itemWithText(reading, 'grouped b').bounds).toMatchObject({ x: cell.x + 160, y: cell.y + 100, w: 200, h: 200 })
    // Turned a quarter clockwise about (5000, 0): the frame's local (x, y) is the page's (5000 - y, x).
    const turnedItem = itemWithText(reading, 'in the turned frame')
    expect(turnedItem.frameKey).toBe(turned.id)
    expect(turnedItem.bounds).toEqual({ x: 4750, y: 50, w: 200, h: 200 })
    expect(itemWithText(reading, 'on the page, under the turned frame').frameKey).toBe(turned.id)
    expect(itemWithText(reading, 'in the inner frame').frameKey).toBe(inner.id)
    const frame = reading.frames.find((candidate) => candidate.key === turned.id)
    expect(frame).toMatchObject({ name: 'Egen ramme', bounds: { w: 600, h: 400 } })
    expect(frame?.items.map((item) => item.text)).toEqual(['in the turned frame', 'on the page, under the turned frame'])
  })

  it('reads texts, labelled shapes and arrows people made, not unlabelled ones', () => {
    expect(itemWithText(reading, 'a text')).toMatchObject({ kind: 'text', frameKey: null })
    expect(itemWithText(reading, 'Tavle')).toMatchObject({ kind: 'geo', frameKey: 'grid', areaKeys: ['grid.cell.0'], color: 'light-green' })
    expect(itemWithText(reading, 'leads to')).toMatchObject({ kind: 'arrow', bounds: { x: -2000, y: 1000, w: 200, h: 100 } })
    expect(items(reading).filter((item) => item.kind === 'geo')).toHaveLength(1)
  })

  it('orders items in rows, top to bottom and left to right', () => {
    const base = build('prioritising', 'nb')
    const area = pageBox(base, 'shape:prioritising.v1.parking.area.0')
    const page = base[0]?.id as TLParentId
    const reading = readBoard([
      ...base,
      note(page, area.x + 240, area.y + 30, 'row 1, right'),
      note(page, area.x + 10, area.y + 70, 'row 1, left'),
      note(page, area.x + 10, area.y + 300, 'row 2'),
    ])
    expect(reading.frames[0]?.items.map((item) => item.text)).toEqual(['row 1, left', 'row 1, right', 'row 2'])
  })
})

describe('readBoard on a Y.Doc', () => {
  it('reads a step board written as the server writes it, with later edits from a client', () => {
    const records = build('ideas', 'nn')
    const doc = new Y.Doc()
    Y.applyUpdate(doc, initialBoardRow('boardReaderTest', records).row.update)
    const cluster = pageBox(records, 'shape:ideas.v1.clusters.area.0')
    const idea = note(records[0]?.id as TLParentId, cluster.x + 50, cluster.y + 50, 'Eit **torg** <b>', 'kari')
    const kari = UserRecordType.create({ id: UserRecordType.createId('kari'), name: 'Kari', color: '#0f0', imageUrl: '' })
    const question = shapeOf(records, 'shape:ideas.v1.questions.note.1') as TLNoteShape
    const edited = { ...question, props: { ...question.props, richText: toRichText('Omskrive spørsmål') } }
    const keyValue = new YKeyValue<TLRecord>(doc.getArray<{ key: string; val: TLRecord }>(BoardDoc.records))
    keyValue.set(idea.id, idea)
    keyValue.set(kari.id, kari)
    keyValue.set(question.id, edited)
    keyValue.destroy()
    // Two clients writing one key at once leave two entries until a YKeyValue cleans up (none is open
    // on `stored`, as on the server): the rightmost counts.
    const stored = new Y.Doc()
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(doc))
    const stale = { ...question, props: { ...question.props, richText: toRichText('stale') } }
    stored.getArray<{ key: string; val: TLRecord }>(BoardDoc.records).insert(0, [{ key: question.id, val: stale }])
    const before = Y.encodeStateAsUpdate(stored)

    const reading = readBoard(stored)
    expect(Y.encodeStateAsUpdate(stored)).toEqual(before)
    expect(itemWithText(reading, 'Eit **torg** <b>')).toMatchObject({
      frameKey: 'clusters', areaKeys: ['clusters.area.0'], authorName: 'Kari', markdown: 'Eit \\*\\*torg\\*\\* \\<b\\>',
    })
    expect(items(reading).some((item) => item.text === 'stale')).toBe(false)
    const questions = reading.frames.find((frame) => frame.key === 'questions')?.items.map((item) => item.text)
    expect(questions).toEqual([grue.problemStatements[0], 'Omskrive spørsmål', grue.problemStatements[2]])
    expect(reading).toEqual(readBoard([...records.filter((record) => record.id !== question.id), edited, idea, kari]))
    doc.destroy()
    stored.destroy()
  })
})
