import { DocumentRecordType, PageRecordType, TLDOCUMENT_ID, type TLRecord } from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'
import { isEqual } from '@tldraw/utils'
import type * as Y from 'yjs'
import {
  BoardMeta,
  boardSchema,
  metaMap,
  openRecordMap,
  readBoardRecords,
  writeBoardMeta,
} from '../../../shared/src/board/boardDoc.ts'
import { classifyDocSchema } from '../../../shared/src/board/boardSchemaVersion.ts'
import type { ChangeKind } from '../store/BoardStore.ts'

/** A change the server makes to a board when its room loads. */
export interface BoardPreparation {
  kind: ChangeKind
  /** Why, for the log. */
  reason: string
  write: (doc: Y.Doc) => void
}

/**
 * What the server writes when a board's room loads, since only the server writes a board's
 * schema: a board without one (a free board opened for the first time) gets the records a
 * tldraw editor needs (the document and a first page) and this build's schema; a board written
 * by an older schema is migrated, records and schema together. A board of a newer schema is
 * left alone (this server cannot read it; clients of the newer build can). Null when the board
 * is current.
 */
export function boardPreparation(doc: Y.Doc): BoardPreparation | null {
  const status = classifyDocSchema(boardSchema, metaMap(doc).get(BoardMeta.schema))
  switch (status.kind) {
    case 'same':
    case 'newer':
      return null
    case 'absent':
      return { kind: 'build', reason: 'a new board gets its first page and schema', write: initializeBoard }
    case 'older': {
      const stored = readBoardRecords(doc)
      const result = boardSchema.migrateStoreSnapshot({ schema: status.schema, store: Object.fromEntries(stored) })
      if (result.type === 'error') return null
      const migrated = result.value as Record<string, TLRecord>
      return {
        kind: 'migrate',
        reason: 'the board was written by an older schema',
        write: (target) => {
          const map = openRecordMap(target)
          try {
            for (const key of stored.keys()) if (!(key in migrated)) map.records.delete(key)
            for (const [key, record] of Object.entries(migrated)) {
              if (!isEqual(stored.get(key), record)) map.records.set(key, record)
            }
          } finally {
            map.dispose()
          }
          writeBoardMeta(target, { schema: true })
        },
      }
    }
  }
}

/** The records a tldraw editor makes for an empty store, so that no browser has to. */
function initializeBoard(doc: Y.Doc): void {
  const records = readBoardRecords(doc)
  const map = openRecordMap(doc)
  try {
    if (!records.has(TLDOCUMENT_ID)) map.records.set(TLDOCUMENT_ID, DocumentRecordType.create({ id: TLDOCUMENT_ID }))
    if (![...records.values()].some((record) => record.typeName === 'page')) {
      const page = PageRecordType.create({ id: PageRecordType.createId('page'), name: 'Side 1', index: 'a1' as IndexKey })
      map.records.set(page.id, page)
    }
  } finally {
    map.dispose()
  }
  writeBoardMeta(doc, { schema: true })
}
