import type { JsonValue, Signal, TLRecord, TLStore } from 'tldraw'
import type { BoardLinks } from '../../../shared/src/board/boardLinks.ts'
import type { BoardMode } from '../../../shared/src/board/boardMode.ts'
import { createdByMetaKey, creatorOf, keptVotesOf, refusalOf, type BoardActor, type RuleContext } from '../../../shared/src/board/boardRules.ts'
import { isReactionOnlyChange, reactionsOf, rawReactionsOf, sameReactions, withOwnReactions, withReactions } from '../../../shared/src/board/noteReactions.ts'
import type { UpdateRejection } from '../../../shared/src/protocol/messages.ts'
import { dotVotesMetaKey } from '../../../shared/src/schema/dotVoting.ts'

export interface BoardRuleGuardOptions {
  store: TLStore
  /** Who is at this browser, on this board. */
  actor: BoardActor
  /** The board's mode, as its document says. */
  mode: Signal<BoardMode>
  links: BoardLinks
  /**
   * Told when a change this person made was not allowed and was undone on the spot; not for
   * changes tldraw makes on its own in answer to someone else's (a group tidied up after a note
   * in it was deleted elsewhere), which are simply left unmade.
   */
  onRefused(reason: UpdateRejection): void
}

/** The record types the rules judge (the board's document scope). */
const judgedTypes = ['shape', 'binding', 'asset', 'user', 'page', 'document'] as const

/**
 * The board's rules (shared/src/board/boardRules.ts) applied in this browser before anything
 * is sent, through the store's side effects: a change the relay would refuse is not made at all.
 * Registered on the store before tldraw's editor registers its own, so a refused deletion
 * stops before the editor starts tidying up around it.
 *
 * New shapes, bindings and assets are stamped with their creator (a participant always, a
 * facilitator when nobody is named yet: putting back someone else's note keeps their name).
 */
export class BoardRuleGuard {
  readonly #options: BoardRuleGuardOptions
  readonly #disposers: Array<() => void> = []
  /** Above zero while the store merges remote changes (and tldraw reacts to them). */
  #remoteDepth = 0
  /** Set while the guard undoes a refused creation itself. */
  #undoing = false
  /** The last note record this person reacted on, per note: their reactions as they want them (see ownReactionsOn). */
  readonly #reacted = new Map<string, TLRecord>()

  constructor(options: BoardRuleGuardOptions) {
    this.#options = options
    const { store } = options
    const effects = store.sideEffects
    for (const typeName of judgedTypes) {
      this.#disposers.push(
        effects.registerBeforeCreateHandler(typeName, (record, source) => (source === 'user' ? this.#stamp(record) : record)),
        effects.registerAfterCreateHandler(typeName, (record, source) => {
          if (source === 'user') this.#checkCreated(record)
        }),
        effects.registerBeforeChangeHandler(typeName, (before, after, source) => {
          if (source !== 'user') return after
          const change = withKeptVotes(before, this.#withReactionsKept(before, after))
          if (this.#refuse(before.id, before, change)) return before
          if (isReactionOnlyChange(before, change)) this.#reacted.set(before.id, change)
          return change
        }),
        effects.registerBeforeDeleteHandler(typeName, (record, source) => {
          // A binding goes with the shape it connects, whoever drew it; the relay sees both go.
          if (source !== 'user' || this.#undoing || record.typeName === 'binding') return
          return this.#refuse(record.id, record, undefined) ? false : undefined
        }),
      )
    }
    // Changes tldraw makes while (and right after) merging someone else's are not this person's doing.
    const merge = store.mergeRemoteChanges.bind(store)
    store.mergeRemoteChanges = (fn) => {
      this.#remoteDepth += 1
      try {
        merge(fn)
      } finally {
        this.#remoteDepth -= 1
      }
    }
    this.#disposers.push(() => {
      store.mergeRemoteChanges = merge
    })
  }

  /** Whether this person may change `key` from `before` to `after` now (null: allowed). */
  refusal(key: string, before: TLRecord | undefined, after: TLRecord | undefined): UpdateRejection | null {
    return refusalOf(this.#context(), key, before, after)
  }

  /**
   * The note `key` as this person last reacted on it, or undefined: their reactions as they want
   * them, to give again when the relay refused them (someone else's reaction on the note came first).
   */
  ownReactionsOn(key: string): TLRecord | undefined {
    return this.#reacted.get(key)
  }

  /** Forgets the reactions given so far (once the board's copy is rebuilt, what was refused is settled). */
  forgetOwnReactions(): void {
    this.#reacted.clear()
  }

  dispose(): void {
    for (const dispose of this.#disposers.splice(0)) dispose()
  }

  #context(): RuleContext {
    const { store, actor, mode, links } = this.#options
    const lookup = (id: string) => store.unsafeGetWithoutCapture(id as TLRecord['id'])
    return { actor, mode: mode.get(), links, before: lookup, after: lookup }
  }

  #refuse(key: string, before: TLRecord | undefined, after: TLRecord | undefined): boolean {
    const reason = this.refusal(key, before, after)
    if (reason === null) return false
    if (this.#remoteDepth === 0) this.#options.onRefused(reason)
    return true
  }

  #checkCreated(record: TLRecord): void {
    if (!this.#refuse(record.id, undefined, record)) return
    this.#undoing = true
    try {
      this.#options.store.remove([record.id])
    } finally {
      this.#undoing = false
    }
  }

  /**
   * A note's reactions are each person's own: a change that gives or takes back only this person's
   * reactions keeps everyone else's as the board has them now (it may have been made on an older
   * copy of the note), and any other change of a note (a move, an undo) keeps all of them.
   */
  #withReactionsKept<R extends TLRecord>(before: R, after: R): R {
    if (after.typeName !== 'shape' || after.type !== 'note' || sameReactions(before, after)) return after
    const person = this.#options.actor.person
    if (isReactionOnlyChange(before, after)) return person === null ? after : withOwnReactions(before, after, person.id)
    return withReactions(after, reactionsOf(before))
  }

  /** Names the creator of a new shape, binding or asset, and signs a participant's pasted or duplicated note as theirs. */
  #stamp<R extends TLRecord>(record: R): R {
    const { person, role } = this.#options.actor
    if (person === null) return record
    let stamped: TLRecord = record
    if (
      (record.typeName === 'shape' || record.typeName === 'binding' || record.typeName === 'asset') &&
      (role === 'participant' || creatorOf(record) === null) &&
      creatorOf(record) !== person.id
    ) {
      stamped = { ...record, meta: { ...record.meta, [createdByMetaKey]: person.id } } as TLRecord
    }
    if (
      role === 'participant' &&
      stamped.typeName === 'shape' &&
      stamped.type === 'note' &&
      stamped.props.textLastEditedBy !== null &&
      stamped.props.textLastEditedBy !== person.id
    ) {
      stamped = { ...stamped, props: { ...stamped.props, textLastEditedBy: person.id } } as TLRecord
    }
    // A pasted note does not bring a kept vote's dots along: those are the server's to write.
    if (role === 'participant' && keptVotesOf(stamped) !== undefined) {
      const { [dotVotesMetaKey]: _dots, ...meta } = stamped.meta as Record<string, JsonValue>
      stamped = { ...stamped, meta } as TLRecord
    }
    // A participant's new note carries no one else's reactions (a note put back after it was deleted).
    if (role === 'participant' && rawReactionsOf(stamped) !== undefined) {
      stamped = withOwnReactions(withReactions(stamped, {}), stamped, person.id)
    }
    return stamped as R
  }
}

/** A change keeps a note's kept vote as the board has it (the server may have written it meanwhile). */
function withKeptVotes<R extends TLRecord>(before: R, after: R): R {
  const kept = keptVotesOf(before)
  if (kept === keptVotesOf(after)) return after
  const { [dotVotesMetaKey]: _dots, ...meta } = after.meta as Record<string, JsonValue>
  return { ...after, meta: kept === undefined ? meta : { ...meta, [dotVotesMetaKey]: kept } } as R
}
