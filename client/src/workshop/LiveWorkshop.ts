import { z } from 'zod'
import { FacilitationAction, FacilitationSnapshot, LiveClock, liveEvents, type FacilitationActionInput, type FacilitationState } from '../../../shared/src/schema/facilitation.ts'
import { applyFacilitation, FacilitationRefusal, type FacilitationActor, type FacilitationContext } from '../../../shared/src/schema/facilitationRules.ts'
import type { DotVoteTally } from '../../../shared/src/schema/dotVoting.ts'
import type { ApiClient } from '../app/apiClient.ts'
import { ApiRequestError } from '../app/apiErrors.ts'
import { Observable } from '../app/Observable.ts'


/** The part of the browser's EventSource this needs; tests pass a fake. */
export interface LiveEventSource {
  readonly readyState: number
  onopen: ((event: Event) => void) | null
  onerror: ((event: Event) => void) | null
  addEventListener(type: string, listener: (event: MessageEvent) => void): void
  close(): void
}

/** EventSource's readyState once it has given up (an error status, a wrong content type). */
const closedState = 2
/** How long to wait before opening a stream the browser gave up on, doubling up to the most. */
const firstRetryMs = 2_000
const mostRetryMs = 60_000

/** What the page shows of the room: the state, and whether the stream is live. */
export interface LiveRoom {
  /**
   * The server's latest state with this browser's own actions that are still on their way
   * applied on top, so a click shows at once. Null until the first snapshot.
   */
  state: FacilitationState | null
  /** The version of the server's state underneath. */
  version: number
  /** How far the vote got (and its result once revealed), as the server counts it. */
  voteTally: DotVoteTally | null
  /** The stream is open; false while connecting or reconnecting. */
  connected: boolean
}

/** Why an action did not take: the rules' reason, or that the server could not be asked. */
export type ActRefusal = FacilitationRefusal | 'failed'
export type ActOutcome = { ok: true } | { ok: false; reason: ActRefusal }

export interface LiveWorkshopOptions {
  workshopId: string
  /** Who acts from this browser; observers take no actions. */
  actor: FacilitationActor
  /** Sends the actions, with the session's CSRF token. */
  api: Pick<ApiClient, 'send'>
  /** Opens the stream (the browser: `(url) => new EventSource(url)`). */
  openEvents(url: string): LiveEventSource
  /** This device's clock (default Date.now). */
  clock?: () => number
  /** Timers for reopening the stream (default setTimeout). */
  setTimer?: (fn: () => void, ms: number) => () => void
}

interface PendingAction {
  action: FacilitationAction
  /** The server's time, as this browser reckons it, when the person acted. */
  at: number
  note: FacilitationContext['note']
}

/** What the rules need besides the state, from the page: a dot is judged by the note it goes on. */
export interface ActContext {
  note?: FacilitationContext['note']
}

const defaultSetTimer = (fn: () => void, ms: number) => {
  const handle = setTimeout(fn, ms)
  return () => clearTimeout(handle)
}

/**
 * One workshop's facilitation state as it is live on the server: the stream of snapshots
 * (`GET …/live`), the server's clock, and this browser's own actions, which are applied here
 * first by the same rules the server runs and sent; a refusal takes them back to what the
 * server says.
 */
export class LiveWorkshop {
  readonly room = new Observable<LiveRoom>({ state: null, version: -1, voteTally: null, connected: false })
  private readonly workshopId: string
  private readonly actor: FacilitationActor
  private readonly api: Pick<ApiClient, 'send'>
  private readonly openEvents: (url: string) => LiveEventSource
  private readonly clock: () => number
  private readonly setTimer: (fn: () => void, ms: number) => () => void
  private stepIds: readonly string[] | null = null
  private confirmed: FacilitationSnapshot | null = null
  private pending: PendingAction[] = []
  /** The server's clock minus this device's, as of the last message. */
  private offsetMs = 0
  private source: LiveEventSource | null = null
  private cancelRetry: (() => void) | null = null
  private retryMs = firstRetryMs
  private destroyed = false

  constructor(options: LiveWorkshopOptions) {
    this.workshopId = options.workshopId
    this.actor = options.actor
    this.api = options.api
    this.openEvents = options.openEvents
    this.clock = options.clock ?? Date.now
    this.setTimer = options.setTimer ?? defaultSetTimer
    this.open()
  }

  /** The server's clock now, as well as this browser knows it. */
  now(): number {
    return this.clock() + this.offsetMs
  }

  /** The workshop's steps, in order: actions naming another step are not applied here first. */
  setStepIds(stepIds: readonly string[]): void {
    this.stepIds = [...stepIds]
  }

  /**
   * Applies `action` here at once and sends it. Resolves when the server has answered; a
   * refusal has by then taken the change back.
   */
  async act(input: FacilitationActionInput, context: ActContext = {}): Promise<ActOutcome> {
    const action = FacilitationAction.parse(input)
    const at = this.now()
    const shown = this.room.get().state
    const entry: PendingAction = { action, at, note: context.note }
    if (shown !== null && this.judgedHere(entry)) {
      const outcome = applyFacilitation(shown, action, this.actor, { stepIds: this.stepIds ?? [], now: at, note: entry.note })
      // An honest browser does not send what the rules refuse.
      if (!outcome.ok) return { ok: false, reason: outcome.reason }
    }
    this.pending.push(entry)
    this.publish()
    try {
      const answer = await this.api.send({
        method: 'POST',
        path: `/api/workshops/${this.workshopId}/facilitation`,
        body: action,
        as: this.actor.role === 'facilitator' ? 'facilitator' : 'guest',
        response: FacilitationSnapshot,
      })
      this.settle(entry, answer)
      return { ok: true }
    } catch (error) {
      this.settle(entry, null)
      return { ok: false, reason: refusalOf(error) }
    }
  }

  /** Closes the stream; later answers change nothing. */
  destroy(): void {
    this.destroyed = true
    this.cancelRetry?.()
    this.cancelRetry = null
    this.source?.close()
    this.source = null
  }

  private open(): void {
    const source = this.openEvents(`/api/workshops/${this.workshopId}/live`)
    this.source = source
    source.onopen = () => {
      this.retryMs = firstRetryMs
      this.setConnected(true)
    }
    source.onerror = () => {
      this.setConnected(false)
      // The browser reconnects by itself after a dropped stream, but not after an error answer.
      if (source.readyState === closedState && !this.destroyed) this.reopenLater()
    }
    source.addEventListener(liveEvents.facilitation, (event) => this.receiveSnapshot(event.data))
    source.addEventListener(liveEvents.clock, (event) => this.receiveClock(event.data))
    // The session is over: asking again would only be refused.
    source.addEventListener(liveEvents.end, () => {
      source.close()
      this.source = null
      this.setConnected(false)
    })
  }

  private reopenLater(): void {
    this.source?.close()
    this.source = null
    const delay = this.retryMs
    this.retryMs = Math.min(mostRetryMs, this.retryMs * 2)
    this.cancelRetry = this.setTimer(() => {
      this.cancelRetry = null
      if (!this.destroyed) this.open()
    }, delay)
  }

  private receiveSnapshot(data: unknown): void {
    const snapshot = parseMessage(FacilitationSnapshot, data)
    if (snapshot === null || snapshot.workshopId !== this.workshopId) return
    this.offsetMs = snapshot.serverNow - this.clock()
    this.setConnected(true)
    this.accept(snapshot)
  }

  private receiveClock(data: unknown): void {
    const clock = parseMessage(LiveClock, data)
    if (clock !== null) this.offsetMs = clock.serverNow - this.clock()
  }

  private accept(snapshot: FacilitationSnapshot): void {
    if (this.destroyed) return
    // Versions only grow: an older snapshot (a late answer, a slow stream) is already superseded.
    if (this.confirmed !== null && snapshot.version <= this.confirmed.version) return
    this.confirmed = snapshot
    this.publish()
  }

  private settle(entry: PendingAction, answer: FacilitationSnapshot | null): void {
    this.pending = this.pending.filter((pending) => pending !== entry)
    if (answer !== null && answer.workshopId === this.workshopId) this.accept(answer)
    this.publish()
  }

  /** The server's state with the actions still on their way applied on top, in the order they were taken. */
  private publish(): void {
    if (this.destroyed) return
    const confirmed = this.confirmed
    let state = confirmed?.state ?? null
    for (const entry of this.pending) {
      if (state === null || !this.judgedHere(entry)) continue
      const outcome = applyFacilitation(state, entry.action, this.actor, { stepIds: this.stepIds ?? [], now: entry.at, note: entry.note })
      if (outcome.ok) state = outcome.state
    }
    const current = this.room.get()
    const version = confirmed?.version ?? -1
    if (current.state === state && current.version === version) return
    this.room.set({ ...current, state, version, voteTally: confirmed?.voteTally ?? null })
  }

  /** Whether this browser knows enough to apply the action first: the steps, and for a dot the note. */
  private judgedHere({ action, note }: PendingAction): boolean {
    return this.stepIds !== null && (action.type !== 'castVote' || note !== undefined)
  }

  private setConnected(connected: boolean): void {
    const current = this.room.get()
    if (current.connected !== connected && !this.destroyed) this.room.set({ ...current, connected })
  }
}

function parseMessage<T>(schema: z.ZodType<T>, data: unknown): T | null {
  let json: unknown
  try {
    json = typeof data === 'string' ? JSON.parse(data) : null
  } catch {
    json = null
  }
  const parsed = schema.safeParse(json)
  if (parsed.success) return parsed.data
  console.warn('Samskap: a live message that does not match its schema was ignored', parsed.error.issues)
  return null
}

/** The rules' reason from a `facilitation_<reason>` error code, or 'failed' for anything else. */
function refusalOf(error: unknown): ActRefusal {
  if (!(error instanceof ApiRequestError)) return 'failed'
  const reason = FacilitationRefusal.safeParse(error.code.replace(/^facilitation_/, ''))
  return error.code.startsWith('facilitation_') && reason.success ? reason.data : 'failed'
}
