// What erasing a person leaves of a board: nothing that names them. A person is named on a board
// by their `user` record (their display name and colour), by `meta.createdBy` on what they made,
// by `props.textLastEditedBy` on notes they wrote on, and by their id in notes' reactions
// (noteReactions.ts). The server writes this into each board of the workshop when a facilitator
// erases a participant; a browser whose offline copy predates the erasure applies the same to the
// changes it still has to send (client/src/board/staleCopy.ts).
import type { TLRecord } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { BoardMeta, metaMap, openRecordMap, readBoardRecords, readHistoryGeneration } from './boardDoc.ts'
import { createdByMetaKey, creatorOf } from './boardRules.ts'
import { reactionsMetaKey, rawReactionsOf } from './noteReactions.ts'

export interface PersonErasure {
  /** The person's id (a participant's), as `user:<id>`, `createdBy` and reactions carry it. */
  personId: string
  /** Also delete what they made: their notes, drawings, arrows and images. Otherwise those stay, made by nobody. */
  deleteTheirShapes: boolean
}

/** What erasing a person changes on a board. */
export interface ErasurePlan {
  /** Each record to change, with its new value, or undefined to delete it. */
  changes: Map<string, TLRecord | undefined>
  /** The shapes of theirs that are deleted (notes among them). */
  deletedShapeIds: string[]
}

/** The tldraw user record id of a person. */
export function userRecordId(personId: string): string {
  return `user:${personId}`
}

/**
 * `record` without anything naming `personId`: no `createdBy` of theirs, no signature of theirs on
 * a note's text, none of their reactions. The same object when nothing names them.
 */
export function withoutPerson(record: TLRecord, personId: string): TLRecord {
  let meta = record.meta as Record<string, unknown>
  if (meta[createdByMetaKey] === personId) {
    const { [createdByMetaKey]: _creator, ...rest } = meta
    meta = rest
  }
  const reactions = rawReactionsOf(record)
  if (typeof reactions === 'object' && reactions !== null && Object.values(reactions).some((ids) => Array.isArray(ids) && ids.includes(personId))) {
    const kept = Object.entries(reactions as Record<string, unknown>)
      .map(([reaction, ids]) => [reaction, Array.isArray(ids) ? ids.filter((id) => id !== personId) : ids] as const)
      .filter(([, ids]) => !Array.isArray(ids) || ids.length > 0)
    const { [reactionsMetaKey]: _reactions, ...rest } = meta
    meta = kept.length === 0 ? rest : { ...rest, [reactionsMetaKey]: Object.fromEntries(kept) }
  }
  const signed = record.typeName === 'shape' && record.type === 'note' && record.props.textLastEditedBy === personId
  if (meta === record.meta && !signed) return record
  const changed = { ...record, meta } as TLRecord
  if (signed && changed.typeName === 'shape' && changed.type === 'note') changed.props = { ...changed.props, textLastEditedBy: null }
  return changed
}

/**
 * What erasing the person changes among a board's `records`: their user record goes; with
 * `deleteTheirShapes`, the shapes they made go (except one that still holds someone else's, such
 * as a frame of theirs with others' notes in it: it stays, made by nobody), with the arrows' bindings
 * to them and the images only they used; everything else loses what names them.
 */
export function planPersonErasure(records: ReadonlyMap<string, TLRecord>, erasure: PersonErasure): ErasurePlan {
  const { personId } = erasure
  const changes = new Map<string, TLRecord | undefined>()
  const deleted = erasure.deleteTheirShapes ? theirDeletableShapes(records, personId) : new Set<string>()
  const assetsInUse = new Set<string>()
  for (const record of records.values()) {
    if (record.typeName !== 'shape' || deleted.has(record.id)) continue
    const assetId = (record.props as { assetId?: unknown }).assetId
    if (typeof assetId === 'string') assetsInUse.add(assetId)
  }
  for (const [key, record] of records) {
    if (key === userRecordId(personId) && record.typeName === 'user') {
      changes.set(key, undefined)
      continue
    }
    if (deleted.has(key)) {
      changes.set(key, undefined)
      continue
    }
    if (record.typeName === 'binding' && (deleted.has(record.fromId) || deleted.has(record.toId))) {
      changes.set(key, undefined)
      continue
    }
    if (erasure.deleteTheirShapes && record.typeName === 'asset' && creatorOf(record) === personId && !assetsInUse.has(key)) {
      changes.set(key, undefined)
      continue
    }
    const cleaned = withoutPerson(record, personId)
    if (cleaned !== record) changes.set(key, cleaned)
  }
  return { changes, deletedShapeIds: [...deleted] }
}

/** Their shapes, less any that holds (directly or deeper) a shape that stays. */
function theirDeletableShapes(records: ReadonlyMap<string, TLRecord>, personId: string): Set<string> {
  const theirs = new Set<string>()
  for (const record of records.values()) {
    if (record.typeName === 'shape' && creatorOf(record) === personId) theirs.add(record.id)
  }
  // A parent stays while a child of it stays; repeat until nothing more changes (nesting is shallow).
  for (let changed = true; changed; ) {
    changed = false
    for (const record of records.values()) {
      if (record.typeName !== 'shape' || theirs.has(record.id) || !theirs.has(record.parentId)) continue
      theirs.delete(record.parentId)
      changed = true
    }
  }
  return theirs
}

/**
 * Writes the erasure into the board's document (in the caller's transaction) and returns the keys
 * it changed and the shapes it deleted. The history generation is left to the caller
 * ({@link bumpHistoryGeneration}): the board's stored history is rewritten too.
 */
export function writePersonErasure(doc: Y.Doc, erasure: PersonErasure): { keys: string[]; deletedShapeIds: string[] } {
  const plan = planPersonErasure(readBoardRecords(doc), erasure)
  if (plan.changes.size === 0) return { keys: [], deletedShapeIds: [] }
  const map = openRecordMap(doc)
  try {
    for (const [key, value] of plan.changes) {
      if (value === undefined) map.records.delete(key)
      else map.records.set(key, value)
    }
  } finally {
    map.dispose()
  }
  return { keys: [...plan.changes.keys()], deletedShapeIds: plan.deletedShapeIds }
}

/** Marks the board's history as rewritten: offline copies made before are of an older generation now. */
export function bumpHistoryGeneration(doc: Y.Doc): number {
  const next = readHistoryGeneration(doc) + 1
  metaMap(doc).set(BoardMeta.historyGeneration, next)
  return next
}
