// Builders for the description tests: a method template's board (as a step creates it) with sticky
// notes placed in its areas and frames the way people would, read back with the real board reader.
import { createShapeId, toRichText, type TLNoteShape, type TLRecord, type TLShape } from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'
import { reactionsMetaKey, type NoteReaction } from '../../shared/src/board/noteReactions.ts'
import { readBoard } from '../../shared/src/board/readBoard.ts'
import type { BoardReading } from '../../shared/src/board/boardReading.ts'
import type { DraftChallenge, DraftStep } from '../../shared/src/description/draftFromBoards.ts'
import { dotVotesMetaKey } from '../../shared/src/schema/dotVoting.ts'
import { plainText } from '../../shared/src/templates/boardRecords.ts'
import { methodTemplates, type TemplateLanguage } from '../../shared/src/templates/index.ts'
import { noteShape } from '../helpers/boardNotes.ts'

/** Grue's Kirkenær challenge (public Gnist 2021–22 facts), in bokmål. */
export const grue: DraftChallenge = {
  id: 'challenge-grue',
  name: 'Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere',
  title: 'Hvordan kan Kirkenær bli et attraktivt sentrum for både næringsliv og innbyggere?',
  summary: 'Grue kommune vil utvikle Kirkenær slik at stedet blir attraktivt både for næringsaktørene og de som bor der.',
  themes: ['Stedsutvikling', 'Næringsliv'],
  problemStatements: [
    'Hvordan kan investeringer som er gjort i lokalmiljøet justeres for å gi mer tilbake til de som bor der?',
    'Hvordan får vi til samarbeid om innovativ utvikling av sentrum der beboernes behov står i fokus?',
  ],
  stakeholderGroups: ['kommune', 'næringsliv', 'innbyggere'],
  leadMunicipality: { id: 'municipality-grue', name: 'Grue' },
  coApplicants: [],
  followerMunicipalities: [{ id: 'municipality-aasnes', name: 'Åsnes' }],
}

/** A made-up nynorsk challenge, so the nynorsk boards carry nynorsk notes. */
export const fjordby: DraftChallenge = {
  id: 'challenge-fjordby',
  name: 'Fjordby – ein stad å bu for unge',
  title: 'Korleis kan fleire unge busetje seg i Fjordby?',
  summary: 'Fjordby kommune vil at fleire unge skal velje å bu og arbeide i kommunen.',
  themes: ['Busetjing'],
  problemStatements: ['Korleis kan vi gjere det lettare å finne bustad?', 'Korleis kan unge få arbeid i kommunen?'],
  stakeholderGroups: ['kommune', 'næringsliv', 'ungdom'],
  leadMunicipality: { id: 'municipality-fjordby', name: 'Fjordby' },
  coApplicants: [{ id: 'municipality-vikvik', name: 'Vikvik' }],
  followerMunicipalities: [],
}

/** A participant whose name must never reach a drafted description. */
export const author = { id: 'user:kari-nordmann', name: 'Kari Nordmann' }

/** A template board for one step, built as the server builds it, with notes added by "people". */
export class BoardFixture {
  readonly records: TLRecord[]
  readonly step: DraftStep
  private readonly prefix: string
  private added = 0

  constructor(templateId: string, language: TemplateLanguage, challenge: DraftChallenge, position = 1, version = 1) {
    const template = methodTemplates.get(templateId)
    this.records = methodTemplates.build({
      templateId,
      version,
      language,
      challenge: { ...challenge, problemStatements: [...challenge.problemStatements], stakeholderGroups: [...challenge.stakeholderGroups], municipality: challenge.leadMunicipality.name },
    }).records
    this.records.push({ id: author.id, typeName: 'user', name: author.name, color: '#ff0000', imageUrl: '', meta: {} } as unknown as TLRecord)
    this.prefix = `shape:${templateId}.v${version}.`
    const n = String(position).padStart(4, '0')
    this.step = { id: `step-${n}-id`, boardId: `board-${n}-id`, templateId, templateVersion: version, title: template.name[language] }
  }

  /** A note whose centre lies in the template area `key` (e.g. 'grid.cell.1'); each further note sits a little to the right. */
  inArea(key: string, ...texts: string[]): this {
    const area = this.shape(key)
    const { w, h } = area.props as { w: number; h: number }
    for (const text of texts) this.note(area.parentId, area.x + w / 2 - 100 + this.nudge(), area.y + h / 2 - 100, text)
    return this
  }

  /** A note in the lower right part of a frame, outside its template areas (e.g. the questions frame). */
  inFrame(key: string, ...texts: string[]): this {
    const frame = this.shape(key)
    const { w, h } = frame.props as { w: number; h: number }
    for (const text of texts) this.note(frame.id, w - 240 + this.nudge(), h - 220, text)
    return this
  }

  /** A note on the page below the whole board, outside every frame. */
  outsideFrames(...texts: string[]): this {
    const page = this.records.find((record) => record.typeName === 'page')
    if (!page) throw new Error('No page on this board')
    for (const text of texts) this.note(page.id as TLShape['parentId'], this.nudge(), 20_000, text)
    return this
  }

  /** Rewrites a template note's text, as a person editing it would. */
  reword(key: string, text: string): this {
    const note = this.shape(key) as TLNoteShape
    note.props = { ...note.props, richText: toRichText(text), textLastEditedBy: author.id }
    return this
  }

  /** Moves a template note by (dx, dy) within its parent, as a person dragging it would. */
  move(key: string, dx: number, dy: number): this {
    const note = this.shape(key)
    note.x += dx
    note.y += dy
    return this
  }

  /** Moves a template note into the template area `areaKey` (e.g. a stakeholder group into a grid quadrant). */
  moveInto(key: string, areaKey: string): this {
    const note = this.shape(key)
    const area = this.shape(areaKey)
    const { w, h } = area.props as { w: number; h: number }
    Object.assign(note, { parentId: area.parentId, x: area.x + w / 2 - 100 + this.nudge(), y: area.y + h / 2 - 100 })
    this.added += 1
    return this
  }

  /** Keeps a dot vote's result on the note with this text (a template key or a person's note), as the server writes it. */
  votes(text: string, dots: number): this {
    const note = this.noteWithText(text)
    note.meta = { ...note.meta, [dotVotesMetaKey]: dots }
    return this
  }

  /** People's reactions on the note with this text. */
  react(text: string, reaction: NoteReaction, people: string[]): this {
    const note = this.noteWithText(text)
    note.meta = { ...note.meta, [reactionsMetaKey]: { [reaction]: people } }
    return this
  }

  /** Removes a template shape (a note people deleted). */
  remove(key: string): this {
    const index = this.records.findIndex((record) => record.id === `${this.prefix}${key}`)
    if (index >= 0) this.records.splice(index, 1)
    return this
  }

  read(): BoardReading {
    return readBoard(this.records)
  }

  entry(): { step: DraftStep; reading: BoardReading } {
    return { step: this.step, reading: this.read() }
  }

  private noteWithText(text: string): TLShape {
    const note = this.records.find((record): record is TLNoteShape => record.typeName === 'shape' && record.type === 'note' && plainText(record.props.richText) === text)
    if (!note) throw new Error(`No note "${text}" on this board`)
    return note
  }

  private shape(key: string): TLShape {
    const shape = this.records.find((record): record is TLShape => record.id === `${this.prefix}${key}`)
    if (!shape) throw new Error(`No template shape ${key} on this board`)
    return shape
  }

  /** Notes in one area line up left to right in the order they were added, so reading order is theirs. */
  private nudge(): number {
    return (this.added % 8) * 6 - 24
  }

  private note(parentId: TLShape['parentId'], x: number, y: number, text: string): void {
    this.added += 1
    this.records.push(
      noteShape({
        id: createShapeId(`person-note-${this.added}`),
        parentId,
        index: `a${String(this.added).padStart(4, '0')}` as IndexKey,
        x,
        y,
        text,
        author: author.id,
      }),
    )
  }
}
