import { createTLSchema, DocumentRecordType, TLDOCUMENT_ID, type TLRecord } from '@tldraw/tlschema'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { BoardDoc, schemaMetaKey } from '../../../shared/src/board/boardDoc.ts'
import type { Challenge } from '../../../shared/src/schema/challenge.ts'
import type { TemplateChallenge } from '../../../shared/src/templates/index.ts'

// A step's board starts as the records of its method template, written into
// the board document exactly as the client's YjsStoreBinding writes them
// (client/src/board/YjsStoreBinding.ts): one YKeyValue entry per record in the
// 'records' array, and tldraw's serialized schema under meta 'schema'. With the
// client's own schema stored, the client opens the board as current: it
// neither migrates it nor shows it read-only.

/**
 * The schema of tldraw's default shapes and bindings, which is what the client's
 * store uses (createTLStore with defaultShapeUtils and defaultBindingUtils);
 * tests/integration/stepBoards.test.ts checks that they serialize alike.
 */
const boardSchema = createTLSchema()

/** The challenge facts a template puts on a board. */
export function templateChallenge(challenge: Challenge, leadMunicipalityName: string): TemplateChallenge {
  return {
    title: challenge.title,
    summary: challenge.summary,
    problemStatements: [...challenge.problemStatements],
    stakeholderGroups: [...challenge.stakeholderGroups],
    municipality: leadMunicipalityName,
  }
}

/**
 * The first state of a board holding `records` (a template's page and shapes),
 * as one Yjs update to append to the board's log. Every record is checked
 * against tldraw's validators first, so a broken template fails here and not in
 * every browser that opens the board.
 */
export function initialBoardUpdate(records: readonly TLRecord[]): Uint8Array {
  // The client writes the document record with the first page; without it the
  // client would drop the document record from its store when it loads the board.
  const all: TLRecord[] = [DocumentRecordType.create({ id: TLDOCUMENT_ID }), ...records]
  for (const record of all) boardSchema.types[record.typeName].validate(record)
  const doc = new Y.Doc()
  try {
    const keyValue = new YKeyValue<TLRecord>(doc.getArray<{ key: string; val: TLRecord }>(BoardDoc.records))
    doc.transact(() => {
      doc.getMap<unknown>(BoardDoc.meta).set(schemaMetaKey, boardSchema.serialize())
      for (const record of all) keyValue.set(record.id, record)
    })
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}
