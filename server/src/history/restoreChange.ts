import type { TLRecord } from '@tldraw/tlschema'
import { isEqual } from '@tldraw/utils'
import type * as Y from 'yjs'
import { openRecordMap, readBoardRecords } from '../../../shared/src/board/boardDoc.ts'

/** What a restore puts back. */
export type RestoreScope =
  /** The whole board (people's user records stay: their notes may still need their names). */
  | { kind: 'board' }
  /** Chosen shapes with what was inside them, their arrows' bindings and their images. */
  | { kind: 'shapes'; shapeIds: readonly string[] }
  /** Exactly these records (undoing a restore, or one person's changes). */
  | { kind: 'records'; keys: readonly string[] }

/**
 * Writes into a board's document what makes the records in `scope` what they were in `target`
 * (a past moment): changed records are put back, records that did not exist then are deleted,
 * deleted ones come back. It is a new change on top of the board, which everyone sees and which
 * can itself be undone. Returns the keys it changed.
 */
export function writeRestore(doc: Y.Doc, target: ReadonlyMap<string, TLRecord>, scope: RestoreScope): string[] {
  const current = readBoardRecords(doc)
  const keys = scopeKeys(scope, current, target)
  const changed: string[] = []
  const map = openRecordMap(doc)
  try {
    for (const key of keys) {
      const then = target.get(key)
      const now = current.get(key)
      if (then === undefined) {
        if (now === undefined || (scope.kind === 'board' && now.typeName === 'user')) continue
        map.records.delete(key)
        changed.push(key)
      } else if (now === undefined || !isEqual(now, then)) {
        map.records.set(key, then)
        changed.push(key)
      }
    }
  } finally {
    map.dispose()
  }
  return changed
}

function scopeKeys(scope: RestoreScope, current: ReadonlyMap<string, TLRecord>, target: ReadonlyMap<string, TLRecord>): Set<string> {
  switch (scope.kind) {
    case 'board':
      return new Set([...current.keys(), ...target.keys()])
    case 'records':
      return new Set(scope.keys)
    case 'shapes':
      return shapeFamily(scope.shapeIds, target)
  }
}

/**
 * The chosen shapes, everything they held at the time (a frame's notes, a group's members), the
 * bindings between any of them and anything else, and the assets their images show.
 */
function shapeFamily(shapeIds: readonly string[], target: ReadonlyMap<string, TLRecord>): Set<string> {
  const family = new Set(shapeIds)
  const children = new Map<string, string[]>()
  for (const record of target.values()) {
    if (record.typeName !== 'shape') continue
    const siblings = children.get(record.parentId) ?? []
    siblings.push(record.id)
    children.set(record.parentId, siblings)
  }
  const queue = [...shapeIds]
  while (queue.length > 0) {
    const id = queue.pop() as string
    for (const child of children.get(id) ?? []) {
      if (!family.has(child)) {
        family.add(child)
        queue.push(child)
      }
    }
  }
  for (const record of target.values()) {
    if (record.typeName === 'binding' && (family.has(record.fromId) || family.has(record.toId))) family.add(record.id)
  }
  for (const id of [...family]) {
    const record = target.get(id)
    const assetId = record?.typeName === 'shape' ? (record.props as { assetId?: unknown }).assetId : undefined
    if (typeof assetId === 'string') family.add(assetId)
  }
  return family
}
