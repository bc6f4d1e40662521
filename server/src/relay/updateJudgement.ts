import type { TLRecord } from '@tldraw/tlschema'
import { isEqual } from '@tldraw/utils'
import { validateBoardRecord } from '../../../shared/src/board/boardDoc.ts'
import type { BoardLinks } from '../../../shared/src/board/boardLinks.ts'
import type { BoardMode } from '../../../shared/src/board/boardMode.ts'
import { refusalOf, type BoardActor, type RuleContext } from '../../../shared/src/board/boardRules.ts'
import { maxRefusedKeys, UpdateRejection } from '../../../shared/src/protocol/messages.ts'
import { recordBytes, recordOwner, type RecordIndex } from './recordIndex.ts'
import { mayBeEqual, noteValidated, validatedAs } from './valueForms.ts'
import type { UpdateReading } from './updateReading.ts'

/** What an update is judged by, besides what it changes. */
export interface Judge {
  actor: BoardActor
  mode: BoardMode
  links: BoardLinks
  /** The most bytes of records (as encoded in the board's document) one participant may have created on one board. */
  personShareBytes: number
}

export type Judgement =
  /** Allowed; `touched` are the keys of the records it changes (for the board's history). */
  | { kind: 'allowed'; touched: string[] }
  /** Refused: why, and the records whose changes were not allowed (all of them for refusals of the whole update). */
  | { kind: 'refused'; reason: UpdateRejection; keys: string[] }

/**
 * Decides whether an update's record changes are allowed: the board's settings are the
 * server's; every value it writes is a valid record of the board's schema; every change passes
 * the board's rules (shared/src/board/boardRules.ts) for the sender; and a participant stays
 * within their share of the board. One refused change refuses the whole update (a Yjs update
 * cannot be applied in part); the refusal names every key that was not allowed.
 */
export function judgeUpdate(reading: UpdateReading, index: RecordIndex, judge: Judge): Judgement {
  if (reading.writesMeta) return { kind: 'refused', reason: UpdateRejection.serverOnly, keys: [] }
  // Writing a record as it already is changes nothing (a client re-writing what it has), whoever it is.
  const changes = reading.changes.filter(({ before, after }) => !(after.length === 1 && before !== undefined && sameRecord(before, after[0])))
  const touched = changes.map((change) => change.key)

  const afterValue = new Map<string, TLRecord | undefined>()
  const refused = new Map<string, UpdateRejection>()
  const valid = new Map<string, { before: TLRecord | undefined; after: Array<TLRecord | undefined> }>()
  for (const { key, before, after } of changes) {
    // What the board holds passed this check when it came (or is the server's own, or older
    // content from storage: checked here once, in case it predates the check).
    const beforeRecord = before === undefined ? undefined : (validRecord(key, before) ?? undefined)
    const afterRecords: Array<TLRecord | undefined> = []
    for (const value of after) {
      const record = validRecord(key, value, beforeRecord)
      if (record === null) refused.set(key, UpdateRejection.invalidRecord)
      afterRecords.push(record ?? undefined)
    }
    if (after.length === 0) afterRecords.push(undefined)
    afterValue.set(key, afterRecords.at(-1))
    valid.set(key, { before: beforeRecord, after: afterRecords })
  }
  if (refused.size > 0) return refusal(refused)

  const current = (id: string): TLRecord | undefined => index.value(id) as TLRecord | undefined
  const context: RuleContext = {
    actor: judge.actor,
    mode: judge.mode,
    links: judge.links,
    before: current,
    after: (id) => (afterValue.has(id) ? afterValue.get(id) : current(id)),
  }
  for (const [key, { before, after }] of valid) {
    for (const record of after) {
      const reason = refusalOf(context, key, before, record)
      if (reason !== null) refused.set(key, reason)
    }
  }
  if (refused.size > 0) return refusal(refused)

  const person = judge.actor.person
  if (judge.actor.role === 'participant' && person !== null && growsShare(valid, index, person.id, judge.personShareBytes)) {
    return { kind: 'refused', reason: UpdateRejection.personShare, keys: touched.slice(0, maxRefusedKeys) }
  }
  return { kind: 'allowed', touched }
}

/** Deep equality, after a look at the values' encodings that tells changes apart without a walk. */
function sameRecord(a: unknown, b: unknown): boolean {
  return mayBeEqual(a, b) && isEqual(a, b)
}

/**
 * validateBoardRecord, remembered per value. The document holds the very objects the relay
 * judged (see updateDecoding.ts), so a record's current value is usually known valid already.
 */
function validRecord(key: string, value: unknown, before?: TLRecord): TLRecord | null {
  if (typeof value === 'object' && value !== null && validatedAs(value) === key) return value as TLRecord
  const record = validateBoardRecord(key, value, before)
  if (record !== null && typeof value === 'object' && value !== null) noteValidated(value, key)
  return record
}

/** True when the changes would take the person's records on the board past their share (shrinking is always fine). */
function growsShare(
  changes: Map<string, { before: TLRecord | undefined; after: Array<TLRecord | undefined> }>,
  index: RecordIndex,
  personId: string,
  shareBytes: number,
): boolean {
  let delta = 0
  for (const { before, after } of changes.values()) {
    const last = after.at(-1)
    if (before !== undefined && recordOwner(before) === personId) delta -= recordBytes(before)
    if (last !== undefined && recordOwner(last) === personId) delta += recordBytes(last)
  }
  return delta > 0 && index.ownedBytes(personId) + delta > shareBytes
}

function refusal(refused: Map<string, UpdateRejection>): Judgement {
  const [first] = refused.values()
  return { kind: 'refused', reason: first as UpdateRejection, keys: [...refused.keys()].slice(0, maxRefusedKeys) }
}
