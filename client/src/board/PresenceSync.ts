import {
  InstancePresenceRecordType,
  createPresenceStateDerivation,
  react,
  type Signal,
  type TLInstancePresence,
  type TLStore,
  type TLUser,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import type { AwarenessChanges } from './awarenessBroadcast.ts'

/** What each client publishes in Yjs awareness. */
export interface BoardAwarenessState {
  presence: TLInstancePresence | null
  user: { name: string; color: string }
}

export interface PresenceSyncOptions {
  awareness: Awareness
  store: TLStore
  /** The person at this client; presence is published only while it is non-null. */
  user: Signal<TLUser | null>
  /** Runs `fn` before the next paint and returns a cancel function (default: requestAnimationFrame). */
  scheduleFrame?: (fn: () => void) => () => void
  /**
   * False for observers: they see the others' cursors but publish nothing (their
   * awareness state stays null), so they are not shown and the relay, which closes an
   * observer's socket on any awareness update, never gets one. Default: true.
   */
  publish?: boolean
}

function defaultScheduleFrame(fn: () => void): () => void {
  if (typeof requestAnimationFrame === 'function') {
    const handle = requestAnimationFrame(fn)
    return () => cancelAnimationFrame(handle)
  }
  const handle = setTimeout(fn, 16)
  return () => clearTimeout(handle)
}

function presenceOf(state: unknown): TLInstancePresence | null {
  if (typeof state !== 'object' || state === null) return null
  const presence = (state as { presence?: unknown }).presence
  if (typeof presence !== 'object' || presence === null) return null
  const { id, typeName } = presence as { id?: unknown; typeName?: unknown }
  if (typeName !== 'instance_presence' || typeof id !== 'string') return null
  return presence as TLInstancePresence
}

/**
 * Maps presence between a tldraw store and Yjs awareness: our own cursor, selection and
 * name (tldraw's presence derivation) go out as `{ presence, user }`, at most once per
 * frame; other people's states become `instance_presence` records, which tldraw shows as
 * their cursors, selections and names.
 */
export class PresenceSync {
  private readonly awareness: Awareness
  private readonly store: TLStore
  private readonly user: Signal<TLUser | null>
  private readonly scheduleFrame: (fn: () => void) => () => void
  /** Presence record id each other client currently has in the store. */
  private readonly peers = new Map<number, TLInstancePresence['id']>()
  private readonly stopReacting: () => void
  private cancelFrame: (() => void) | null = null

  constructor({ awareness, store, user, scheduleFrame = defaultScheduleFrame, publish = true }: PresenceSyncOptions) {
    this.awareness = awareness
    this.store = store
    this.user = user
    this.scheduleFrame = scheduleFrame

    if (publish) {
      const instanceId = InstancePresenceRecordType.createId(String(awareness.clientID))
      const $presence = createPresenceStateDerivation(user, { instanceId })(store)
      this.stopReacting = react('publish presence', () => {
        $presence.get()
        this.schedulePublish(() => $presence.get())
      })
    } else {
      this.stopReacting = () => undefined
    }

    awareness.on('change', this.handleAwarenessChange)
    this.handleAwarenessChange({ added: [...awareness.getStates().keys()], updated: [], removed: [] })
  }

  /** Stops publishing and removes the other people's presence records from the store. */
  destroy(): void {
    this.stopReacting()
    this.cancelFrame?.()
    this.cancelFrame = null
    this.awareness.off('change', this.handleAwarenessChange)
    const ids = [...this.peers.values()].filter((id) => this.store.has(id))
    this.peers.clear()
    if (ids.length > 0) this.store.mergeRemoteChanges(() => this.store.remove(ids))
  }

  private schedulePublish(getPresence: () => TLInstancePresence | null): void {
    if (this.cancelFrame !== null) return
    let published = false
    const cancel = this.scheduleFrame(() => {
      published = true
      this.cancelFrame = null
      if (this.awareness.getLocalState() === null) return
      const user = this.user.get()
      const state: BoardAwarenessState = {
        presence: getPresence(),
        user: { name: user?.name ?? '', color: user?.color ?? '' },
      }
      this.awareness.setLocalState(state)
    })
    // A scheduler may run the callback at once; then nothing is pending.
    if (!published) this.cancelFrame = cancel
  }

  private readonly handleAwarenessChange = ({ added, updated, removed }: AwarenessChanges): void => {
    const states = this.awareness.getStates()
    const puts: TLInstancePresence[] = []
    const removals: TLInstancePresence['id'][] = []
    for (const clientId of [...added, ...updated]) {
      if (clientId === this.awareness.clientID) continue
      const presence = presenceOf(states.get(clientId))
      const previous = this.peers.get(clientId)
      if (previous !== undefined && previous !== presence?.id) removals.push(previous)
      if (presence === null) this.peers.delete(clientId)
      else {
        this.peers.set(clientId, presence.id)
        puts.push(presence)
      }
    }
    for (const clientId of removed) {
      const previous = this.peers.get(clientId)
      if (previous === undefined) continue
      this.peers.delete(clientId)
      removals.push(previous)
    }
    this.applyToStore(puts, removals)
  }

  private applyToStore(puts: TLInstancePresence[], removals: TLInstancePresence['id'][]): void {
    const present = removals.filter((id) => this.store.has(id))
    if (present.length > 0) this.store.mergeRemoteChanges(() => this.store.remove(present))
    // One by one: a presence from a client on another tldraw version may not validate.
    for (const presence of puts) {
      try {
        this.store.mergeRemoteChanges(() => this.store.put([presence]))
      } catch {
        // Not shown; that client's cursor is missing rather than the whole board failing.
      }
    }
  }
}
