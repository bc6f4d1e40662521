import type { TLRecord } from '@tldraw/tlschema'
import { readBoardMode } from '../../../shared/src/board/boardDoc.ts'
import type { BoardLinks } from '../../../shared/src/board/boardLinks.ts'
import type { BoardActor } from '../../../shared/src/board/boardRules.ts'
import { maxRefusedKeys, UpdateRejection } from '../../../shared/src/protocol/messages.ts'
import type { BoardGrant } from './boardAccess.ts'
import { ClientOwners, ownerOfGrant } from './clientOwners.ts'
import type { RoomDocument } from './roomDocument.ts'
import { judgeUpdate } from './updateJudgement.ts'
import type { RecordChange } from './updateReading.ts'
import type { StepHoldLookup } from '../workshop/stepHolds.ts'

/** The settings the board's rules need from the server's configuration. */
export interface BoardRuleSettings {
  links: BoardLinks
  personShareBytes: number
  /** Boards the facilitator holds read-only for participants (keeping everyone on the current step). */
  holds?: StepHoldLookup
}

export type Decision =
  /** Apply it; store `claims` (client ids new to the board) with it; `touched` names the records it changes. */
  | { kind: 'allowed'; owner: string; claims: number[]; touched: string[] }
  /** Refuse it: why, and the records whose changes were not allowed. */
  | { kind: 'refused'; reason: UpdateRejection; keys: string[] }

/** The sender of an update as the board's rules see them (observers never get this far). */
export function actorOfGrant(grant: BoardGrant): BoardActor {
  return { role: grant.role === 'facilitator' ? 'facilitator' : 'participant', person: grant.person }
}

/**
 * The relay's authority over one board: decides, before an update is applied, whether its
 * sender may make it. In order: it must decode into a board's structure; every Yjs client id it
 * writes under must be the sender's (ids belong to whoever used them first, and stay theirs);
 * the board's settings are the server's; every record must be valid and every change allowed by
 * the board's rules for the sender's role and the board's mode; a participant stays within their
 * share of the board.
 */
export class BoardAuthority {
  readonly #document: RoomDocument
  readonly #settings: BoardRuleSettings
  readonly owners: ClientOwners

  constructor(document: RoomDocument, owners: ClientOwners, settings: BoardRuleSettings) {
    this.#document = document
    this.owners = owners
    this.#settings = settings
  }

  decide(grant: BoardGrant, update: Uint8Array): Decision {
    const { workshopId, stepBoardId } = grant
    if (grant.role === 'participant' && workshopId !== null && stepBoardId !== null && this.#settings.holds?.isHeld(workshopId, stepBoardId) === true) {
      return { kind: 'refused', reason: UpdateRejection.stepHeld, keys: [] }
    }
    const reading = this.#document.read(update)
    if (typeof reading === 'number') return { kind: 'refused', reason: reading, keys: [] }
    const owner = ownerOfGrant(grant)
    const ownership = this.owners.check(reading.writers, owner, (clientId) => this.#document.hasClient(clientId))
    if (ownership.kind === 'foreign') return { kind: 'refused', reason: UpdateRejection.foreignClient, keys: [] }
    const judgement = judgeUpdate(reading, this.#document.index, {
      actor: actorOfGrant(grant),
      mode: readBoardMode(this.#document.doc),
      links: this.#settings.links,
      personShareBytes: this.#settings.personShareBytes,
    })
    if (judgement.kind === 'refused') return judgement
    const kept = this.#privateNotes(grant, reading.changes)
    if (kept.length > 0) return { kind: 'refused', reason: UpdateRejection.privateWriting, keys: kept.slice(0, maxRefusedKeys) }
    return { kind: 'allowed', owner, claims: ownership.claims, touched: judgement.touched }
  }

  /**
   * The new notes a participant puts on a shared board whose step (or frame) is private: they
   * belong on their private board, and here they would reach everyone (an offline browser that
   * missed the start, or one that ignores it).
   */
  #privateNotes({ role, workshopId, stepBoardId, privateBoard }: BoardGrant, changes: readonly RecordChange[]): string[] {
    if (role !== 'participant' || privateBoard || workshopId === null || stepBoardId === null) return []
    const scope = this.#settings.holds?.privateScope(workshopId, stepBoardId)
    if (scope === undefined) return []
    const lookup = (id: string) => this.#document.index.value(id) as TLRecord | undefined
    return changes
      .filter(({ before, after }) => before === undefined && after.some((value) => isNoteWithin(value as TLRecord, scope.frameId, lookup)))
      .map(({ key }) => key)
  }
}

/** Whether a (valid) record is a note inside the frame (anywhere on the board when null). */
function isNoteWithin(record: TLRecord, frameId: string | null, lookup: (id: string) => TLRecord | undefined): boolean {
  if (record.typeName !== 'shape' || record.type !== 'note') return false
  if (frameId === null) return true
  let parent = lookup(record.parentId)
  for (let depth = 0; parent?.typeName === 'shape' && depth < 100; depth++) {
    if (parent.id === frameId) return true
    parent = lookup(parent.parentId)
  }
  return false
}
