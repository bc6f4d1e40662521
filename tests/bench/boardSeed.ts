/**
 * Boards full of sticky notes, built from tldraw's own schema so every record
 * is valid: the document and page records plus N note shapes in a grid. The
 * same records seed the relay's board (written into the YKeyValue 'records'
 * array, as the client writes them) and plain tldraw's local storage.
 */
import {
  createShapeId,
  DocumentRecordType,
  PageRecordType,
  TLDOCUMENT_ID,
  toRichText,
  type TLNoteShape,
  type TLRecord,
} from '@tldraw/tlschema'
import { getIndices, type IndexKey } from '@tldraw/utils'
import type * as Y from 'yjs'
import { boardSchema, putBoardRecords } from '../../shared/src/board/boardDoc.ts'

const colors = ['yellow', 'light-blue', 'light-green', 'orange', 'light-violet', 'light-red'] as const
export const ideas = [
  'Felles innbyggerdialog før budsjettet',
  'Digital postkasse for lag og foreninger',
  'Samkjøring til idrettshallen',
  'Åpne skolebiblioteket på kveldstid',
  'Kartlegg tomme lokaler i sentrum',
  'Ungdomsråd med eget budsjett',
]

export const benchSchema = boardSchema
export const benchPageId = PageRecordType.createId('page')

/** A sticky note on the board's first page, the `index`-th in a grid of `columns`; deterministic. */
export function benchNote(name: string, index: number, columns = 10, fractionalIndex: IndexKey = 'a1' as IndexKey): TLNoteShape {
  return benchSchema.types.shape.create({
    id: createShapeId(name),
    type: 'note',
    parentId: benchPageId,
    index: fractionalIndex,
    x: (index % columns) * 240,
    y: Math.floor(index / columns) * 240,
    props: {
      color: colors[index % colors.length] ?? 'yellow',
      labelColor: 'black',
      richText: toRichText(`${ideas[index % ideas.length] ?? ''} (${index + 1})`),
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      fontSizeAdjustment: 1,
      url: '',
      scale: 1,
      textLastEditedBy: null,
    },
  }) as TLNoteShape
}

/** The document record, one page and `count` note shapes laid out in a grid; deterministic. */
export function noteBoardRecords(count: number): TLRecord[] {
  const document = DocumentRecordType.create({ id: TLDOCUMENT_ID })
  const indices = getIndices(count + 1)
  const page = PageRecordType.create({ id: benchPageId, name: 'Side 1', index: indices[0] ?? ('a1' as IndexKey) })
  const columns = Math.ceil(Math.sqrt(count))
  const notes = Array.from({ length: count }, (_value, index) => benchNote(`note-${index}`, index, columns, indices[index + 1]))
  const records: TLRecord[] = [document, page, ...notes]
  for (const record of records) {
    const recordType: { validate(value: unknown): unknown } = benchSchema.types[record.typeName]
    recordType.validate(record)
  }
  return records
}

/**
 * Writes the notes of `records` into a board the way the client's binding does (the board's
 * format: shared/src/board/boardDoc.ts); the document and page are the server's, which wrote
 * them when the board first loaded. `chunk` records per transaction, so each update stays well
 * under the relay's frame size limit.
 */
export function writeBoardRecords(doc: Y.Doc, records: readonly TLRecord[], chunk = 250): void {
  const shapes = records.filter((record) => record.typeName === 'shape')
  for (let start = 0; start < shapes.length; start += chunk) putBoardRecords(doc, shapes.slice(start, start + chunk))
}
