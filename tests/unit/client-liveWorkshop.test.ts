// A workshop's room as a browser keeps it live: the server's clock from every message, snapshots
// only ever newer, and the person's own actions shown at once and taken back when refused. The
// stream and the HTTP answers are the client's own seams (a fake EventSource, a scripted fetch).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiClient } from '../../client/src/app/apiClient.ts'
import { SessionService } from '../../client/src/app/SessionService.ts'
import { LiveWorkshop, type LiveEventSource } from '../../client/src/workshop/LiveWorkshop.ts'
import type { SessionInfo } from '../../shared/src/schema/access.ts'
import { initialFacilitation, type FacilitationSnapshot, type FacilitationState } from '../../shared/src/schema/facilitation.ts'
import { type FacilitationActor } from '../../shared/src/schema/facilitationRules.ts'

const workshopId = 'workshop-1'
const stepIds = ['step-framing', 'step-stakeholders']
const facilitator: FacilitationActor = { role: 'facilitator', facilitatorId: 'facilitator-1', participantId: null }
const participant: FacilitationActor = { role: 'participant', facilitatorId: null, participantId: 'participant-1' }

const session: SessionInfo = {
  setupRequired: false,
  facilitator: { facilitatorId: 'facilitator-1', email: 'f@grue.kommune.no', displayName: 'Frida', color: '#175CD3', csrfToken: 'facilitator-token' },
  guest: {
    role: 'participant',
    workshopId,
    participantId: 'participant-1',
    displayName: 'Kari',
    affiliation: 'citizen',
    color: '#067647',
    csrfToken: 'guest-token',
  },
}

/** The browser's EventSource as the tests drive it: messages, an open, an error. */
class FakeEventSource implements LiveEventSource {
  readyState = 0
  onopen: ((event: Event) => void) | null = null
  onerror: ((event: Event) => void) | null = null
  closed = false
  private readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>()

  readonly url: string

  constructor(url: string) {
    this.url = url
  }

  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }

  close(): void {
    this.closed = true
    this.readyState = 2
  }

  open(): void {
    this.readyState = 1
    this.onopen?.(new Event('open'))
  }

  /** An error: `closed` as after an error answer (the browser gives up), else a dropped stream it retries. */
  fail(closed: boolean): void {
    this.readyState = closed ? 2 : 0
    this.onerror?.(new Event('error'))
  }

  send(type: 'facilitation' | 'clock', data: unknown): void {
    const text = typeof data === 'string' ? data : JSON.stringify(data)
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data: text }))
  }
}

/** A fetch whose answers the test gives when it likes, so a request can be held while the page shows its action. */
function heldFetch() {
  const requests: { url: string; init: RequestInit; answer(response: Response): void }[] = []
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((resolve) => requests.push({ url: String(input), init: init ?? {}, answer: resolve }))) as typeof globalThis.fetch
  return { fetch, requests }
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

function snapshot(version: number, state: Partial<FacilitationState>, serverNow = 1_000_000): FacilitationSnapshot {
  return { workshopId, version, serverNow, state: { ...initialFacilitation, ...state }, voteTally: null }
}

/** A live workshop over a fake stream and a held fetch, with a device clock the test sets. */
function liveWorkshop(actor: FacilitationActor = facilitator) {
  const sources: FakeEventSource[] = []
  const { fetch, requests } = heldFetch()
  const device = { now: 500_000 }
  const timers: { fn: () => void; ms: number }[] = []
  const live = new LiveWorkshop({
    workshopId,
    actor,
    api: new ApiClient({ session: new SessionService(async () => session), fetch }),
    openEvents: (url) => {
      const source = new FakeEventSource(url)
      sources.push(source)
      return source
    },
    clock: () => device.now,
    setTimer: (fn, ms) => {
      const timer = { fn, ms }
      timers.push(timer)
      return () => timers.splice(timers.indexOf(timer), 1)
    },
  })
  live.setStepIds(stepIds)
  const stream = () => sources.at(-1) as FakeEventSource
  /** Lets the request through ApiClient (it awaits the session first). */
  const nextRequest = async () => {
    await vi.waitFor(() => expect(requests.length).toBeGreaterThan(0))
    return requests.shift() as (typeof requests)[number]
  }
  return { live, sources, stream, requests, nextRequest, device, timers }
}

describe('the server’s clock', () => {
  it('is this device’s clock plus the offset of the last message, whichever kind', () => {
    const { live, stream, device } = liveWorkshop()
    expect(live.now()).toBe(500_000)
    stream().send('facilitation', snapshot(1, {}, 505_000))
    expect(live.now()).toBe(505_000)
    device.now += 1_000
    expect(live.now()).toBe(506_000)
    // The device's clock drifted (or was set): the next message puts it right.
    stream().send('clock', { serverNow: 503_000 })
    expect(live.now()).toBe(503_000)
    device.now += 250
    expect(live.now()).toBe(503_250)
  })

  it('ignores a clock message that does not match its schema', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { live, stream } = liveWorkshop()
    stream().send('clock', { serverNow: 'soon' })
    stream().send('clock', 'not json')
    expect(live.now()).toBe(500_000)
    expect(warn).toHaveBeenCalledTimes(2)
  })
})

describe('snapshots', () => {
  afterEach(() => vi.restoreAllMocks())

  it('open the workshop’s stream and keep only newer versions', () => {
    const { live, stream } = liveWorkshop()
    expect(stream().url).toBe(`/api/workshops/${workshopId}/live`)
    expect(live.room.get()).toMatchObject({ state: null, version: -1, connected: false })
    stream().open()
    stream().send('facilitation', snapshot(3, { currentStepId: 'step-stakeholders' }))
    expect(live.room.get()).toMatchObject({ version: 3, connected: true, state: { currentStepId: 'step-stakeholders' } })
    // A slow message from before the newest one changes nothing; nor does the same version again.
    stream().send('facilitation', snapshot(2, { currentStepId: 'step-framing' }))
    stream().send('facilitation', snapshot(3, { currentStepId: 'step-framing' }))
    expect(live.room.get()).toMatchObject({ version: 3, state: { currentStepId: 'step-stakeholders' } })
    stream().send('facilitation', snapshot(4, { currentStepId: null }))
    expect(live.room.get()).toMatchObject({ version: 4, state: { currentStepId: null } })
  })

  it('from another workshop, or not matching the schema, are ignored', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { live, stream } = liveWorkshop()
    stream().send('facilitation', { ...snapshot(5, {}), workshopId: 'workshop-2' })
    stream().send('facilitation', { ...snapshot(6, {}), state: { currentStepId: 7 } })
    stream().send('facilitation', '{"version":')
    expect(live.room.get().state).toBeNull()
  })

  it('come again on a stream the browser gave up on, after a growing pause; a dropped one it reopens itself', () => {
    const { live, sources, stream, timers } = liveWorkshop()
    stream().open()
    stream().fail(false)
    expect(live.room.get().connected).toBe(false)
    expect(timers).toEqual([])
    stream().fail(true)
    expect(sources[0]?.closed).toBe(true)
    expect(timers.map((timer) => timer.ms)).toEqual([2_000])
    timers[0]?.fn()
    expect(sources).toHaveLength(2)
    stream().fail(true)
    expect(timers.at(-1)?.ms).toBe(4_000)
    live.destroy()
    expect(stream().closed).toBe(true)
    expect(timers).toHaveLength(1)
  })
})

describe('acting', () => {
  afterEach(() => vi.restoreAllMocks())

  it('shows the action at once by the shared rules, sends it, and takes the server’s answer', async () => {
    const { live, stream, nextRequest } = liveWorkshop()
    stream().send('facilitation', snapshot(1, {}, 500_000))
    const outcome = live.act({ type: 'startStep', stepId: 'step-stakeholders', timerMinutes: 15 })
    // Before any answer: the step is current and its timer runs from the server's time now.
    expect(live.room.get()).toMatchObject({
      version: 1,
      state: { currentStepId: 'step-stakeholders', timers: { 'step-stakeholders': { durationMs: 900_000, endsAt: 1_400_000 } } },
    })
    const request = await nextRequest()
    expect(request.url).toBe(`/api/workshops/${workshopId}/facilitation`)
    expect(request.init.method).toBe('POST')
    expect(new Headers(request.init.headers).get('X-CSRF-Token')).toBe('facilitator-token')
    expect(JSON.parse(String(request.init.body))).toEqual({ type: 'startStep', stepId: 'step-stakeholders', timerMinutes: 15 })
    const answer = snapshot(2, {
      currentStepId: 'step-stakeholders',
      timers: { 'step-stakeholders': { durationMs: 900_000, endsAt: 1_400_250, remainingMs: null } },
    })
    request.answer(json(200, answer))
    await expect(outcome).resolves.toEqual({ ok: true })
    expect(live.room.get()).toMatchObject({ version: 2, state: answer.state })
  })

  it('keeps its own action on top of what the stream brings meanwhile', async () => {
    const { live, stream, nextRequest } = liveWorkshop(participant)
    stream().send('facilitation', snapshot(1, { currentStepId: 'step-framing' }, 500_000))
    const outcome = live.act({ type: 'raiseHand' })
    expect(live.room.get().state?.hands.map((hand) => hand.participantId)).toEqual(['participant-1'])
    const request = await nextRequest()
    expect(new Headers(request.init.headers).get('X-CSRF-Token')).toBe('guest-token')
    // Someone else's hand goes up first on the server.
    stream().send('facilitation', snapshot(2, { currentStepId: 'step-framing', hands: [{ participantId: 'participant-2', raisedAt: 500_100 }] }))
    expect(live.room.get().state?.hands.map((hand) => hand.participantId)).toEqual(['participant-2', 'participant-1'])
    const answer = snapshot(3, {
      currentStepId: 'step-framing',
      hands: [
        { participantId: 'participant-2', raisedAt: 500_100 },
        { participantId: 'participant-1', raisedAt: 500_200 },
      ],
    })
    request.answer(json(200, answer))
    await expect(outcome).resolves.toEqual({ ok: true })
    expect(live.room.get()).toMatchObject({ version: 3, state: answer.state })
  })

  it('takes a refused action back to the server’s state and says why', async () => {
    const { live, stream, nextRequest } = liveWorkshop()
    const running = { 'step-framing': { durationMs: 600_000, endsAt: 900_000, remainingMs: null } }
    stream().send('facilitation', snapshot(4, { currentStepId: 'step-framing', timers: running }, 500_000))
    const outcome = live.act({ type: 'pauseTimer', stepId: 'step-framing' })
    expect(live.room.get().state?.timers['step-framing']).toEqual({ durationMs: 600_000, endsAt: null, remainingMs: 400_000 })
    const request = await nextRequest()
    request.answer(json(409, { error: { code: 'facilitation_timer_state', message: 'Another facilitator stopped it.' } }))
    await expect(outcome).resolves.toEqual({ ok: false, reason: 'timer_state' })
    expect(live.room.get()).toMatchObject({ version: 4, state: { timers: running } })
  })

  it('takes an action back when the server cannot be reached', async () => {
    const { live, stream, nextRequest } = liveWorkshop(participant)
    stream().send('facilitation', snapshot(1, { currentStepId: 'step-framing' }))
    const outcome = live.act({ type: 'setReady', stepId: 'step-framing', ready: true })
    expect(live.room.get().state?.ready).toEqual({ 'step-framing': ['participant-1'] })
    const request = await nextRequest()
    request.answer(json(503, { error: { code: 'unavailable', message: 'Try again.' } }))
    await expect(outcome).resolves.toEqual({ ok: false, reason: 'failed' })
    expect(live.room.get().state?.ready).toEqual({})
  })

  it('does not send what the rules refuse here already', async () => {
    const { live, stream, requests } = liveWorkshop(participant)
    stream().send('facilitation', snapshot(1, {}))
    await expect(live.act({ type: 'startStep', stepId: 'step-framing' })).resolves.toEqual({ ok: false, reason: 'forbidden' })
    await expect(live.act({ type: 'setReady', stepId: 'step-elsewhere', ready: true })).resolves.toEqual({ ok: false, reason: 'unknown_step' })
    expect(live.room.get().version).toBe(1)
    expect(requests).toEqual([])
  })

  it('ignores an answer older than what the stream has brought since', async () => {
    const { live, stream, nextRequest } = liveWorkshop()
    stream().send('facilitation', snapshot(1, {}))
    const outcome = live.act({ type: 'keepOnStep', keep: true })
    const request = await nextRequest()
    stream().send('facilitation', snapshot(3, { keepOnStep: false, currentStepId: 'step-framing' }))
    request.answer(json(200, snapshot(2, { keepOnStep: true })))
    await expect(outcome).resolves.toEqual({ ok: true })
    expect(live.room.get()).toMatchObject({ version: 3, state: { keepOnStep: false, currentStepId: 'step-framing' } })
  })
})
