// The board as a list (client/src/board/outline): frames and the template's labelled areas in
// reading order with their notes, each note's author mark, reactions and kept dots, where a note
// goes when added or moved, and what the list shows first when one comes from the canvas.
import { toRichText, UserRecordType, type TLNoteShape, type TLRecord, type TLShape } from '@tldraw/tlschema'
import { atom } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { withReaction } from '../../shared/src/board/noteReactions.ts'
import { dotVotesMetaKey } from '../../shared/src/schema/dotVoting.ts'
import { methodTemplates, templateIds, type TemplateChallenge } from '../../shared/src/templates/index.ts'
import {
  newNotesOfOthers,
  outlineItemFor,
  outlineNotes,
  outlineOf,
  outlinePlaces,
  placeOfNote,
  placeTitle,
} from '../../client/src/board/outline/boardOutline.ts'
import { placeNote } from '../../client/src/board/outline/notePlacement.ts'
import { OutlineWatch } from '../../client/src/board/outline/OutlineWatch.ts'
import { addDocumentAndPage, newStore, pageId } from './binding-fixtures.ts'
import { testNote } from '../helpers/testRecords.ts'

const grue: TemplateChallenge = {
  municipality: 'Grue',
  title: 'Kirkenær – et attraktivt sentrum',
  summary: 'Grue kommune vil utvikle Kirkenær.',
  problemStatements: ['Hvordan kan investeringer gi mer tilbake?', 'Hvordan får vi til samarbeid om sentrum?'],
  stakeholderGroups: ['kommune', 'næringsliv'],
}

const board = (templateId: (typeof templateIds)[number]): TLRecord[] =>
  methodTemplates.build({ templateId, version: 1, language: 'nb', challenge: grue }).records

const id = (key: string) => `shape:stakeholder-mapping.v1.${key}`

function shapeOf(records: readonly TLRecord[], shapeId: string): TLShape {
  const found = records.find((record): record is TLShape => record.id === shapeId && record.typeName === 'shape')
  if (!found) throw new Error(`no ${shapeId}`)
  return found
}

/** A note at (x, y) in its frame's coordinates, signed by `author` when given. */
function note(key: string, frame: string, x: number, y: number, text: string, author: string | null = null): TLNoteShape {
  const made = testNote(key, { text, parentId: frame, x, y })
  return { ...made, props: { ...made.props, textLastEditedBy: author } }
}

describe('the outline of a board', () => {
  it('lists every template frame in reading order with its labelled areas and its own notes', () => {
    for (const templateId of templateIds) {
      const records = board(templateId)
      const outline = outlineOf(records)
      const frames = records.filter((record) => record.typeName === 'shape' && record.type === 'frame')
      expect(outline.sections.map((section) => section.id).sort()).toEqual(frames.map((frame) => frame.id).sort())
      for (const section of outline.sections) {
        expect(section.title).not.toBe('')
        for (const area of section.areas) expect(area.label.trim()).not.toBe('')
      }
      // A template's instructions are shown with their frames.
      expect(outline.sections.some((section) => section.instruction !== null)).toBe(true)
    }
    const stakeholders = outlineOf(board('stakeholder-mapping'))
    expect(stakeholders.sections.map((section) => section.id)).toEqual([id('groups'), id('grid'), id('ring')])
    const grid = stakeholders.sections[1]
    expect(grid?.areas.map((area) => area.id)).toEqual([0, 1, 2, 3].map((i) => id(`grid.cell.${i}`)))
    // The template's stakeholder groups are the frame's own notes, in the order they were laid out.
    expect(stakeholders.sections[0]?.notes.map((entry) => entry.text)).toEqual(grue.stakeholderGroups)
    // An unlabelled area (the ring drawn round the sectors) is no place in the list.
    expect(stakeholders.sections[2]?.areas.map((area) => area.id)).not.toContain(id('ring.circle'))
  })

  it('puts notes under their area in reading order, with author, reactions and kept dots', () => {
    const records = board('stakeholder-mapping')
    const cell = shapeOf(records, id('grid.cell.1'))
    const kari = UserRecordType.create({ id: UserRecordType.createId('kari'), name: 'Kari Kirkenær', color: '#f00', imageUrl: '' })
    // Placed from the quadrant's own size, so that the test holds when the template's layout changes.
    const { w } = cell.props as { w: number }
    const right = note('right', id('grid'), cell.x + w - 204, cell.y + 40, 'Til høyre', 'kari')
    const left = note('left', id('grid'), cell.x + 4, cell.y + 50, 'Til venstre', 'ola')
    const below = note('below', id('grid'), cell.x + 4, cell.y + 150, 'Under', null)
    const liked = withReaction(withReaction(right, 'like', 'ola', true), 'like', 'per', true)
    const voted: TLNoteShape = { ...left, meta: { ...left.meta, [dotVotesMetaKey]: 3 } }
    const outline = outlineOf([...records, kari, liked, voted, below], new Set([below.id]))
    const area = outline.sections[1]?.areas[1]
    expect(area?.notes.map((entry) => entry.text)).toEqual(['Til venstre', 'Til høyre', 'Under'])
    expect(area?.notes.map((entry) => entry.authorName)).toEqual([null, 'Kari Kirkenær', null])
    expect(area?.notes.map((entry) => entry.authorId)).toEqual(['ola', 'kari', null])
    expect(area?.notes[1]?.reactions).toEqual({ like: 2 })
    expect(area?.notes[0]?.keptVotes).toBe(3)
    expect(area?.notes[1]?.keptVotes).toBeNull()
    expect(area?.notes.map((entry) => entry.isPrivate)).toEqual([false, false, true])
    expect(placeOfNote(outline, right.id)).toEqual({ frameId: id('grid'), areaId: id('grid.cell.1') })
    expect(placeTitle(outline, { frameId: id('grid'), areaId: id('grid.cell.1') })).toBe('Stor innflytelse, stor interesse')
    expect(placeTitle(outline, { frameId: id('grid'), areaId: null })).toBe('Interesse og innflytelse')
    // Reading order runs frame by frame: the groups' template notes come before the grid's.
    expect(outline.readingOrder.slice(-3)).toEqual([left.id, right.id, below.id])
    expect(outlineNotes(outline)).toHaveLength(grue.stakeholderGroups.length + 3)
  })

  it('keeps notes outside every frame apart, and a free board is one section', () => {
    const records = board('prioritising')
    const page = records[0]?.id as string
    const loose = note('loose', page, -3000, -3000, 'Langt unna')
    const outline = outlineOf([...records, loose])
    const outside = outline.sections.at(-1)
    expect(outside?.id).toBeNull()
    expect(outside?.notes.map((entry) => entry.text)).toEqual(['Langt unna'])
    expect(placeTitle(outline, { frameId: null, areaId: null })).toBeNull()

    const free = outlineOf([testNote('a', { text: 'Første' }), testNote('b', { text: 'Andre', x: 300 }), testNote('c', { text: '' })])
    expect(free.sections).toHaveLength(1)
    // An empty note is not listed (nothing to read yet).
    expect(free.sections[0]?.notes.map((entry) => entry.text)).toEqual(['Første', 'Andre'])
    expect(outlinePlaces(free).map(({ place }) => place)).toEqual([{ frameId: null, areaId: null }])
    expect(outlineOf([]).sections).toHaveLength(1)
  })

  it('opens at the selected shape, else at the first note in view, else at an area or frame in view', () => {
    const records = board('stakeholder-mapping')
    const cell = shapeOf(records, id('grid.cell.3'))
    const grid = shapeOf(records, id('grid'))
    const inCell = note('in-cell', id('grid'), cell.x + 10, cell.y + 10, 'I ruta')
    const outline = outlineOf([...records, inCell])
    const cellBox = outline.sections[1]?.areas[3]?.bounds
    if (!cellBox) throw new Error('no cell')
    expect(outlineItemFor(outline, [id('ring')], null)).toBe(id('ring'))
    expect(outlineItemFor(outline, ['shape:unknown', inCell.id], null)).toBe(inCell.id)
    expect(outlineItemFor(outline, [], cellBox)).toBe(inCell.id)
    const emptyCell = outline.sections[1]?.areas[0]?.bounds
    if (!emptyCell) throw new Error('no cell')
    expect(outlineItemFor(outline, [], emptyCell)).toBe(id('grid.cell.0'))
    expect(outlineItemFor(outline, [], { x: grid.x + 1, y: grid.y + 1, w: 20, h: 20 })).toBe(null)
    expect(outlineItemFor(outline, [], { x: -9000, y: -9000, w: 10, h: 10 })).toBeNull()
  })

  it('tells the notes others added, not one’s own', () => {
    const records = board('ideas')
    const before = outlineOf(records)
    const frame = 'shape:ideas.v1.writing'
    const mine = note('mine', frame, 30, 300, 'Min', 'kari')
    const theirs = note('theirs', frame, 300, 300, 'Deres', 'ola')
    const unsigned = note('unsigned', frame, 600, 300, 'Usignert', null)
    const after = outlineOf([...records, mine, theirs, unsigned])
    expect(newNotesOfOthers(before, after, 'kari').map((entry) => entry.text).sort()).toEqual(['Deres', 'Usignert'])
    expect(newNotesOfOthers(after, after, 'kari')).toEqual([])
    const edited = outlineOf([...records, mine, { ...theirs, props: { ...theirs.props, richText: toRichText('Endret') } }, unsigned])
    expect(newNotesOfOthers(after, edited, 'kari')).toEqual([])
  })
})

describe('where a note is put', () => {
  const size = { w: 200, h: 200 }

  it('takes the first free spot in reading order', () => {
    expect(placeNote({ x: 0, y: 0, w: 500, h: 500 }, [], size)).toEqual({ x: 0, y: 0 })
    expect(placeNote({ x: 0, y: 0, w: 500, h: 500 }, [{ x: 0, y: 0, w: 200, h: 200 }], size)).toEqual({ x: 200, y: 0 })
    expect(placeNote({ x: 0, y: 0, w: 500, h: 500 }, [{ x: 0, y: 0, w: 500, h: 200 }], size)).toEqual({ x: 0, y: 200 })
  })

  it('keeps the centre inside an area smaller than a note, and overlaps least when nothing is free', () => {
    const area = { x: 100, y: 100, w: 240, h: 150 }
    const spot = placeNote(area, [], size)
    expect(spot.x).toBeGreaterThanOrEqual(100)
    expect(spot.y + size.h / 2).toBeGreaterThanOrEqual(100)
    expect(spot.y + size.h / 2).toBeLessThanOrEqual(250)
    const full = { x: 0, y: 0, w: 300, h: 300 }
    const crowded = placeNote(full, [{ x: 0, y: 0, w: 300, h: 200 }], size)
    expect(crowded.y).toBe(100)
  })
})

describe('news of notes others add', () => {
  it('tells a note once its text has stopped changing, with the text it has then, and not one’s own', () => {
    const store = newStore()
    addDocumentAndPage(store)
    const timers: (() => void)[] = []
    const heard: string[][] = []
    const watch = new OutlineWatch({
      store,
      privateIds: atom('private', new Set<string>()),
      ownId: 'kari',
      onNewNotes: (notes) => heard.push(notes.map((entry) => `${entry.authorId}: ${entry.text}`)),
      setTimer: (fn) => {
        timers.push(fn)
        return () => timers.splice(timers.indexOf(fn), 1)
      },
    })
    const put = (record: TLNoteShape) => store.mergeRemoteChanges(() => store.put([record]))
    put(note('mine', pageId, 0, 0, 'Min egen', 'kari'))
    put(note('theirs', pageId, 400, 0, 'G', 'ola'))
    expect(watch.$outline.get().readingOrder).toHaveLength(2)
    // Ola is still typing: the timer starts again with each change of the note.
    expect(timers).toHaveLength(1)
    const typed = store.get('shape:theirs' as TLNoteShape['id']) as TLNoteShape
    put({ ...typed, props: { ...typed.props, richText: toRichText('Gratis buss') } })
    expect(timers).toHaveLength(1)
    expect(heard).toEqual([])
    timers.shift()?.()
    expect(heard).toEqual([['ola: Gratis buss']])
    // A note told once is no news when it changes again.
    put({ ...typed, props: { ...typed.props, richText: toRichText('Gratis buss til torget') } })
    expect(timers).toHaveLength(0)
    watch.destroy()
  })
})
