import type { AuditAction, AuditDetail, AuditTarget } from '../../../shared/src/schema/auditLog.ts'
import type { Logger } from '../logger.ts'
import type { AuditFilter, AuditStore, StoredAuditEntry } from '../store/AuditStore.ts'

/** The facilitator who acted: their account (its id and display name are kept as they are now). */
export interface AuditActorAccount {
  id: string
  displayName: string
}

/** What an action was about, by id, and facts about no one (shared AuditDetail); leave out what does not apply. */
export type AuditAbout = Partial<AuditTarget> & { detail?: AuditDetail }

/**
 * Actions recorded as one entry, counted, while the same facilitator repeats them on the same
 * targets within this time: a draft is saved as its editor types, and a line per save would
 * bury everything else.
 */
const coalesceWithinMs: Partial<Record<AuditAction, number>> = {
  'description.edit': 15 * 60 * 1000,
}

/**
 * The audit log as the routes write it: `record(actor, action, about)` once the action has
 * succeeded.
 *
 * Why after and not in the action's transaction: the actions run through several stores and the
 * relay (a board change commits in the relay's commit thread, a deletion goes through the
 * relay's retirement of the boards, facilitation through its own store's retried transaction),
 * so one transaction would mean threading the log through each of them. Recorded after success,
 * an entry never tells of an action that failed or was refused (those throw before `record` is
 * reached); the price is that a crash between the action's commit and the entry's loses that
 * one entry. A failed write is logged as an error and does not fail the request: the action is
 * done, and answering 500 would make a browser do it again.
 *
 * @example await deps.audit.record(account, 'workshop.delete', workshopTarget(workshop))
 */
export class AuditLog {
  readonly #store: AuditStore
  readonly #now: () => number
  readonly #logger: Logger

  constructor(deps: { store: AuditStore; now: () => number; logger: Logger }) {
    this.#store = deps.store
    this.#now = deps.now
    this.#logger = deps.logger
  }

  /** Writes that `actor` did `action` to what `about` names, at the server's time. */
  async record(actor: AuditActorAccount, action: AuditAction, about: AuditAbout = {}): Promise<void> {
    const { detail = {}, ...ids } = about
    const target: AuditTarget = {
      workshopId: ids.workshopId ?? null,
      challengeId: ids.challengeId ?? null,
      stepId: ids.stepId ?? null,
      boardId: ids.boardId ?? null,
      municipalityId: ids.municipalityId ?? null,
      facilitatorId: ids.facilitatorId ?? null,
    }
    try {
      await this.#store.append(
        { at: this.#now(), actor: { facilitatorId: actor.id, displayName: actor.displayName }, action, target, detail },
        { coalesceWithinMs: coalesceWithinMs[action] },
      )
    } catch (error) {
      this.#logger.error({ err: error, action, facilitatorId: actor.id }, 'could not write an audit entry')
    }
  }

  /** The entries `filter` asks for, newest first (for GET /api/audit). */
  list(filter: AuditFilter): Promise<StoredAuditEntry[]> {
    return this.#store.list(filter)
  }
}

/** A workshop's ids as the log names it: with its challenge, so that both filters find the entry. */
export function workshopTarget(workshop: { id: string; challengeId: string }): Pick<AuditTarget, 'workshopId' | 'challengeId'> {
  return { workshopId: workshop.id, challengeId: workshop.challengeId }
}

/**
 * The names of the fields a change gave a new value (never the values), for `detail.fields`: a form
 * sends all of its fields, and the log names only those that differ from `before`.
 */
export function changedFields(patch: object, before: object): string[] {
  const previous = before as Record<string, unknown>
  return Object.entries(patch)
    .filter(([name, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(previous[name]))
    .map(([name]) => name)
}
