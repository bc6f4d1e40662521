import { createShapeId, toRichText, type TLNoteShape, type TLRecord, type TLShapeId } from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'
import { validateBoardRecord } from '../../shared/src/board/boardDoc.ts'
import { createdByMetaKey } from '../../shared/src/board/boardRules.ts'

// Valid board records for tests that need content on a board and do not care which: the relay
// refuses anything tldraw would not accept, so tests write real notes.

/** The page the server gives a new free board (server/src/relay/boardPreparation.ts). */
export const firstPageId = 'page:page'

/** The records the server writes into a new free board before anyone else: its document and first page. */
export const newBoardRecordIds: readonly string[] = ['document:document', firstPageId]

export interface TestNoteOptions {
  /** The note's text (default: empty). */
  text?: string
  /** The person id of its creator (required for participants with a session). */
  createdBy?: string
  parentId?: string
  x?: number
  y?: number
}

/**
 * A sticky note as tldraw makes it, under `key` (a `shape:` id; a bare name gets the prefix), on the
 * first page by default. Throws if the result is not a valid board record.
 *
 * @example client.setRecord(...noteEntry('shape:a', { text: 'Torgdag' }))
 */
export function testNote(key: string, options: TestNoteOptions = {}): TLNoteShape {
  const id = (key.startsWith('shape:') ? key : createShapeId(key)) as TLShapeId
  const note: TLNoteShape = {
    id,
    typeName: 'shape',
    type: 'note',
    parentId: (options.parentId ?? firstPageId) as TLNoteShape['parentId'],
    index: 'a1' as IndexKey,
    x: options.x ?? 0,
    y: options.y ?? 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: options.createdBy === undefined ? {} : { [createdByMetaKey]: options.createdBy },
    props: {
      color: 'yellow',
      labelColor: 'black',
      size: 's',
      font: 'sans',
      fontSizeAdjustment: 1,
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      richText: toRichText(options.text ?? ''),
      scale: 1,
      textLastEditedBy: null,
    },
  }
  if (validateBoardRecord(id, note) === null) throw new Error(`testNote made an invalid record for ${key}`)
  return note
}

/** `[id, record]`, to spread into TestClient.setRecord. */
export function noteEntry(key: string, options: TestNoteOptions = {}): [string, TLRecord] {
  const note = testNote(key, options)
  return [note.id, note]
}

/** The plain text of a note written by testNote. */
export function noteText(record: unknown): string {
  const content = (record as TLNoteShape | undefined)?.props?.richText?.content ?? []
  return content.map((paragraph) => ((paragraph as { content?: { text?: string }[] }).content ?? []).map((node) => node.text ?? '').join('')).join('\n')
}
