import { voteResults, type VoteNote } from '../../../shared/src/schema/dotVoting.ts'
import {
  stateForViewer,
  type FacilitationAction,
  type FacilitationSnapshot,
  type FacilitationState,
  type RevealArrangement,
} from '../../../shared/src/schema/facilitation.ts'
import { applyFacilitation, forgetMissing, type FacilitationActor, type FacilitationRefusal } from '../../../shared/src/schema/facilitationRules.ts'
import type { LiveBoards } from '../board/liveBoards.ts'
import { personOwner } from '../relay/clientOwners.ts'
import type { Role } from '../../../shared/src/schema/access.ts'
import type { ClusterBus, LiveEvent } from '../cluster/clusterBus.ts'
import { facilitationRefused } from '../errors.ts'
import type { Logger } from '../logger.ts'
import type { SocketFilter } from '../relay/boardAccess.ts'
import type { AccessStore } from '../store/AccessStore.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import type { FacilitationStore, StoredFacilitation } from '../store/FacilitationStore.ts'
import { clearRevealed, layOutReveal, privateNotesOf, writeRevealed, type PrivateNotes } from './privateReveal.ts'
import type { StepHolds } from './stepHolds.ts'
import { voteNoteOf, writeVoteResults } from './voteBoard.ts'

/** Someone watching a workshop's room state (a browser's event stream). */
export interface FacilitationStream {
  workshopId: string
  /** Whose it is: a stream ends with its session, as the same person's board sockets do. */
  viewer: { sessionIdHash: string; linkId: string | null; role: Role; personId: string | null }
  send(snapshot: FacilitationSnapshot): void
  /** The server's clock, so that timers count alike on every screen between changes. */
  clock(serverNow: number): void
  /** Closes it: for good when the session ended, or for the browser to reconnect (elsewhere) when the server stops. */
  end(why: 'sessionEnded' | 'serverStopping'): void
}

export interface FacilitationHubOptions {
  store: FacilitationStore
  domain: DomainStore
  access: AccessStore
  bus: ClusterBus
  /** The boards, through the relay: a vote reads its notes there and writes a kept result there. */
  boards: LiveBoards
  /** The relay's view of "keep everyone on this step", kept current with every state seen. */
  holds: StepHolds
  logger: Logger
  now: () => number
  /** How often every stream gets the server's clock (and its connection some traffic). */
  clockIntervalMs?: number
}

/**
 * Where a workshop's facilitation state changes and from where it reaches everyone: actions are
 * judged by the shared rules inside the store's transaction, and the stored state goes to the
 * streams on this instance at once and, through the bus, to those on the others, which read it
 * from the store. Nothing of it lives only in this process.
 */
export class FacilitationHub {
  readonly #options: FacilitationHubOptions
  readonly #streams = new Map<string, Map<FacilitationStream, { version: number }>>()
  readonly #clock: NodeJS.Timeout
  #closed = false

  constructor(options: FacilitationHubOptions) {
    this.#options = options
    this.#options.bus.onEvent((event) => this.#onLiveEvent(event))
    this.#clock = setInterval(() => this.#tick(), options.clockIntervalMs ?? 15_000)
    this.#clock.unref()
  }

  /** Adds the stream and sends it the current state; the result removes it. */
  async open(stream: FacilitationStream): Promise<() => void> {
    let streams = this.#streams.get(stream.workshopId)
    if (streams === undefined) {
      streams = new Map()
      this.#streams.set(stream.workshopId, streams)
    }
    streams.set(stream, { version: -1 })
    const remove = (): void => {
      const current = this.#streams.get(stream.workshopId)
      current?.delete(stream)
      if (current?.size === 0) this.#streams.delete(stream.workshopId)
    }
    try {
      this.#deliver(await this.#options.store.get(stream.workshopId), [stream])
    } catch (error) {
      remove()
      throw error
    }
    return remove
  }

  /**
   * Takes `actor`'s action if the rules allow it, stores the result and tells everyone.
   * Throws `facilitation_<reason>` when the rules refuse it (nothing is stored then).
   */
  async act(workshopId: string, action: FacilitationAction, actor: FacilitationActor): Promise<FacilitationSnapshot> {
    const { store, domain, access, now } = this.#options
    const [steps, participants] = await Promise.all([domain.listSteps(workshopId), access.listParticipants(workshopId)])
    const stepIds = steps.map((step) => step.id)
    const present = new Set(participants.filter((participant) => participant.removedAt == null).map((participant) => participant.id))
    const boardOf = (stepId: string) => steps.find((step) => step.id === stepId)?.boardId ?? null
    // What the rules need from a board is read before the transaction, which must not wait on one.
    const note = action.type === 'castVote' ? await this.#voteNote(workshopId, action.noteId, boardOf) : null
    if (action.type === 'keepVote' && actor.role === 'facilitator') await this.#keepResult(workshopId, actor, boardOf)
    if (action.type === 'revealPrivate' && actor.role === 'facilitator') await this.#reveal(workshopId, action.arrangement, actor, boardOf)
    let refusal: FacilitationRefusal | null = null
    const stored = await store.update(workshopId, (current) => {
      // Steps deleted and people removed since the last change leave nothing behind.
      const context = { stepIds, now: now(), note: () => note }
      const outcome = applyFacilitation(forgetMissing(current.state, stepIds, present), action, actor, context)
      if (outcome.ok) return outcome.state
      refusal = outcome.reason
      return null
    })
    if (refusal !== null) throw facilitationRefused(refusal)
    const { currentStepId, privateWriting } = stored.state
    const holdBoards = { current: currentStepId === null ? null : boardOf(currentStepId), private: privateWriting === null ? null : boardOf(privateWriting.stepId) }
    this.#options.holds.note(workshopId, stored.version, stored.state, holdBoards)
    this.#deliver(stored)
    this.#options.bus.publishEvent({ kind: 'facilitation', workshopId, version: stored.version })
    return this.#snapshot(stored, actor.participantId)
  }

  /** The note someone votes on, as the vote's board holds it now (null: no note there, or no vote). */
  async #voteNote(workshopId: string, noteId: string, boardOf: (stepId: string) => string | null): Promise<VoteNote | null> {
    const { state } = await this.#options.store.get(workshopId)
    const boardId = state.vote === null ? null : boardOf(state.vote.stepId)
    if (boardId === null) return null
    return this.#options.boards.readBoard(boardId, (doc) => voteNoteOf(doc, noteId))
  }

  /**
   * Writes a revealed vote's result onto its board's notes, as a change made for the facilitator
   * (in the board's history); the action then marks the vote kept.
   */
  async #keepResult(workshopId: string, actor: FacilitationActor, boardOf: (stepId: string) => string | null): Promise<void> {
    const { state } = await this.#options.store.get(workshopId)
    const vote = state.vote
    const boardId = vote === null ? null : boardOf(vote.stepId)
    if (vote === null || vote.status !== 'revealed' || boardId === null) throw facilitationRefused('vote_state')
    const results = voteResults(vote)
    await this.#options.boards.changeBoard(boardId, (doc) => writeVoteResults(doc, results), {
      author: personOwner(actor.facilitatorId as string),
      kind: 'facilitation',
      detail: JSON.stringify({ keptVote: vote.id, notes: results.length }),
    })
  }

  /** The workshop's room state as stored (everyone's dots included: for the server's own reading). */
  stored(workshopId: string): Promise<StoredFacilitation> {
    return this.#options.store.get(workshopId)
  }

  /**
   * Forgets a participant a facilitator erased: their raised hand, their "done" marks and their
   * ballot (its dots with it) leave the workshop's state, and everyone's stream is told.
   */
  async forgetParticipant(workshopId: string, participantId: string): Promise<void> {
    const before = await this.#options.store.get(workshopId)
    const stored = await this.#options.store.update(workshopId, (current) => withoutParticipant(current.state, participantId))
    if (stored.version === before.version) return
    await this.#refresh(workshopId)
    this.#options.bus.publishEvent({ kind: 'facilitation', workshopId, version: stored.version })
  }

  /** Ends the streams of sessions that ended (as the relay ends their board sockets); returns how many. */
  endStreams(filter: SocketFilter): number {
    let ended = 0
    for (const [workshopId, streams] of this.#streams) {
      if (filter.workshopId !== undefined && filter.workshopId !== workshopId) continue
      for (const stream of [...streams.keys()]) {
        if (!matches(stream, filter)) continue
        streams.delete(stream)
        stream.end('sessionEnded')
        ended += 1
      }
      if (streams.size === 0) this.#streams.delete(workshopId)
    }
    return ended
  }

  /**
   * Moves every participant's private notes of the private step onto its shared board (as a
   * change made for the facilitator), then off their private boards; the action then ends
   * private writing. Both writes go through the relay, so each is stored before anyone sees it.
   */
  async #reveal(workshopId: string, arrangement: RevealArrangement, actor: FacilitationActor, boardOf: (stepId: string) => string | null): Promise<void> {
    const { store, domain, boards } = this.#options
    const writing = (await store.get(workshopId)).state.privateWriting
    const sharedId = writing === null ? null : boardOf(writing.stepId)
    if (writing === null || sharedId === null) throw facilitationRefused('private_state')
    const privateBoards = await domain.listPrivateBoards(writing.stepId)
    const people: Array<PrivateNotes & { boardId: string }> = []
    for (const { boardId, personId } of privateBoards) {
      people.push({ boardId, personId, notes: await boards.readBoard(boardId, privateNotesOf) })
    }
    const author = personOwner(actor.facilitatorId as string)
    const placed = await boards.readBoard(sharedId, (doc) => layOutReveal(doc, people, writing.frameId, arrangement))
    if (placed.length > 0) {
      const detail = JSON.stringify({ revealedPrivate: arrangement, notes: placed.length })
      await boards.changeBoard(sharedId, (doc) => writeRevealed(doc, placed), { author, kind: 'facilitation', detail })
    }
    for (const { boardId, notes } of people) {
      if (notes.length === 0) continue
      const ids = notes.map((note) => note.id)
      await boards.changeBoard(boardId, (doc) => clearRevealed(doc, ids), { author, kind: 'facilitation', detail: JSON.stringify({ revealedTo: sharedId }) })
    }
  }

  /** Ends every stream (the server is stopping: browsers reconnect elsewhere or later). */
  close(): void {
    this.#closed = true
    clearInterval(this.#clock)
    for (const streams of this.#streams.values()) for (const stream of streams.keys()) stream.end('serverStopping')
    this.#streams.clear()
  }

  #onLiveEvent(event: LiveEvent): void {
    if (this.#closed) return
    if (event.kind === 'endSockets') this.endStreams(event.filter)
    if (event.kind !== 'facilitation') return
    const streams = this.#streams.get(event.workshopId)
    const streamsBehind = streams !== undefined && [...streams.values()].some(({ version }) => version < event.version)
    if (!streamsBehind && !this.#options.holds.follows(event.workshopId)) return
    this.#refresh(event.workshopId).catch((error: unknown) =>
      this.#options.logger.error({ err: error, workshopId: event.workshopId }, 'reading a workshop’s facilitation state failed'),
    )
  }

  /** Reads the state another instance stored and passes it on: to this instance's streams and holds. */
  async #refresh(workshopId: string): Promise<void> {
    const stored = await this.#options.store.get(workshopId)
    const boardOf = async (stepId: string | null) => (stepId === null ? null : ((await this.#options.domain.getStep(stepId))?.boardId ?? null))
    const [current, writing] = await Promise.all([boardOf(stored.state.currentStepId), boardOf(stored.state.privateWriting?.stepId ?? null)])
    this.#options.holds.note(workshopId, stored.version, stored.state, { current, private: writing })
    this.#deliver(stored)
  }

  /** Sends the state to the workshop's streams (or `only` those) that have not had it or a newer one. */
  #deliver(stored: StoredFacilitation, only?: readonly FacilitationStream[]): void {
    const streams = this.#streams.get(stored.workshopId)
    if (streams === undefined) return
    for (const stream of only ?? [...streams.keys()]) {
      const seen = streams.get(stream)
      // Reads finish in any order: an older state never follows a newer one.
      if (seen === undefined || seen.version >= stored.version) continue
      seen.version = stored.version
      const { role, personId } = stream.viewer
      stream.send(this.#snapshot(stored, role === 'participant' ? personId : null))
    }
  }

  /** The snapshot as `participantId` may see it (null: a facilitator or observer, who see no one's dots). */
  #snapshot(stored: StoredFacilitation, participantId: string | null): FacilitationSnapshot {
    const { state, voteTally } = stateForViewer(stored.state, participantId)
    return { workshopId: stored.workshopId, version: stored.version, serverNow: this.#options.now(), state, voteTally }
  }

  #tick(): void {
    const serverNow = this.#options.now()
    for (const streams of this.#streams.values()) for (const stream of streams.keys()) stream.clock(serverNow)
  }
}

/** The state without anything of `participantId`, or null when nothing in it was theirs. */
function withoutParticipant(state: FacilitationState, participantId: string): FacilitationState | null {
  const theirs = (id: string) => id === participantId
  const inReady = Object.values(state.ready).some((ids) => ids.some(theirs))
  const inHands = state.hands.some((hand) => theirs(hand.participantId))
  const inVote = state.vote !== null && participantId in state.vote.ballots
  if (!inReady && !inHands && !inVote) return null
  return {
    ...state,
    hands: state.hands.filter((hand) => !theirs(hand.participantId)),
    ready: Object.fromEntries(Object.entries(state.ready).map(([stepId, ids]) => [stepId, ids.filter((id) => !theirs(id))])),
    vote:
      state.vote === null
        ? null
        : { ...state.vote, ballots: Object.fromEntries(Object.entries(state.vote.ballots).filter(([id]) => !theirs(id))) },
  }
}

function matches({ workshopId, viewer }: FacilitationStream, filter: SocketFilter): boolean {
  if (filter.sessionIdHash !== undefined && viewer.sessionIdHash !== filter.sessionIdHash) return false
  if (filter.linkId !== undefined && viewer.linkId !== filter.linkId) return false
  if (filter.workshopId !== undefined && workshopId !== filter.workshopId) return false
  // Streams belong to workshops, not boards: ending a board's sockets leaves them.
  if (filter.boardIds !== undefined) return false
  if (filter.roles !== undefined && !filter.roles.includes(viewer.role)) return false
  if (filter.personId !== undefined && viewer.personId !== filter.personId) return false
  return true
}
