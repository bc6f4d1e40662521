/**
 * Awareness bench: 60 people in one room, each moving its cursor at ~10 Hz,
 * over real y-websocket providers (with `ws` as the WebSocket) against the
 * relay. Every frame the clients send is counted (= what the relay receives).
 *
 * - "samskap": the client's own awareness path, `replaceAwarenessBroadcast`
 *   from client/src/board/awarenessBroadcast.ts, which sends only the client's
 *   own state. Target: frames received by the relay ≤ 1.05 × awareness updates made.
 * - "stock": the provider as shipped, which re-sends every state it receives,
 *   for comparison (about N frames per update in a room of N).
 *
 * The awareness states are what PresenceSync publishes: `{ presence, user }`
 * with a tldraw `instance_presence` record.
 */
import { InstancePresenceRecordType, UserRecordType, type TLInstancePresence } from '@tldraw/tlschema'
import { WebSocket as NodeWebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { replaceAwarenessBroadcast } from '../../client/src/board/awarenessBroadcast.ts'
import { MessageType } from '../../shared/src/protocol/messages.ts'
import { benchPageId } from './boardSeed.ts'
import { ChildProcesses, syncUrl } from './lib/childProcesses.ts'
import { ProcessSampler, type CpuWindow } from './lib/procStats.ts'
import { benchRoomIds, startRelay } from './lib/servers.ts'

export interface AwarenessOptions {
  people: number
  movesPerSecond: number
  durationMs: number
  /** The stock provider makes ~N² frames; a shorter window is enough to show it. */
  stockDurationMs: number
}

export const defaultAwarenessOptions: AwarenessOptions = {
  people: 60,
  movesPerSecond: 10,
  durationMs: 15_000,
  stockDurationMs: 8000,
}

export interface AwarenessModeReport {
  mode: 'samskap' | 'stock'
  people: number
  durationMs: number
  /** Awareness states set by the people (cursor moves). */
  updatesMade: number
  /** Awareness frames all clients sent, i.e. the relay received. */
  awarenessFramesSent: number
  /** Every frame of any type the clients sent in the window. */
  framesSent: number
  framesPerUpdate: number
  /** Remote state changes the clients saw / updates made × (people − 1): did the cursors arrive? */
  deliveredFraction: number
  relayCpu: CpuWindow
}

export interface AwarenessReport {
  options: AwarenessOptions
  samskap: AwarenessModeReport
  stock: AwarenessModeReport
}

interface Counters {
  frames: number
  awarenessFrames: number
}

/**
 * A `ws` WebSocket class for the provider that counts what it sends. The
 * provider wants the DOM WebSocket type; `ws` implements the part it uses
 * (binaryType, on* handlers, send, close, readyState).
 */
function countingWebSocket(counters: Counters): typeof WebSocket {
  class CountingWebSocket extends NodeWebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { perMessageDeflate: false })
    }

    override send(data: SendData, options?: SendOptions | SendCallback, callback?: SendCallback): void {
      counters.frames++
      if (firstByte(data) === MessageType.awareness) counters.awarenessFrames++
      if (typeof options === 'function') super.send(data, options)
      else if (options === undefined) super.send(data, callback)
      else super.send(data, options, callback)
    }
  }
  return CountingWebSocket as unknown as typeof WebSocket
}

type SendData = Parameters<NodeWebSocket['send']>[0]
type SendOptions = Parameters<NodeWebSocket['send']>[1]
type SendCallback = (error?: Error) => void

function firstByte(data: SendData): number | undefined {
  if (data instanceof ArrayBuffer) return new Uint8Array(data, 0, 1)[0]
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, 1)[0]
  return undefined
}

function presenceFor(clientId: number, index: number, x: number, y: number): TLInstancePresence {
  return InstancePresenceRecordType.create({
    id: InstancePresenceRecordType.createId(String(clientId)),
    userId: UserRecordType.createId(`user-${index}`),
    userName: `Deltaker ${index + 1}`,
    color: '#4263eb',
    currentPageId: benchPageId,
    lastActivityTimestamp: Date.now(),
    cursor: { x, y, type: 'default', rotation: 0 },
    camera: { x: 0, y: 0, z: 1 },
    screenBounds: { x: 0, y: 0, w: 1440, h: 900 },
  })
}

function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      if (condition()) resolve()
      else if (performance.now() > deadline) reject(new Error(`timed out waiting for ${what}`))
      else setTimeout(poll, 20)
    }
    poll()
  })
}

/** Resolves once `read()` has not changed for `quietMs` (or after `maxMs`): the echoes have died down. */
function settled(read: () => number, quietMs: number, maxMs: number): Promise<void> {
  const deadline = performance.now() + maxMs
  let last = read()
  let lastChange = performance.now()
  return new Promise((resolve) => {
    const poll = (): void => {
      const now = performance.now()
      const value = read()
      if (value !== last) {
        last = value
        lastChange = now
      }
      if (now - lastChange >= quietMs || now > deadline) resolve()
      else setTimeout(poll, 50)
    }
    poll()
  })
}

async function runMode(
  relay: { pid: number; url: string },
  room: string,
  mode: 'samskap' | 'stock',
  options: AwarenessOptions,
  durationMs: number,
): Promise<AwarenessModeReport> {
  const counters: Counters = { frames: 0, awarenessFrames: 0 }
  const WebSocketClass = countingWebSocket(counters)
  const providers: WebsocketProvider[] = []
  let remoteChanges = 0
  for (let index = 0; index < options.people; index++) {
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(syncUrl(relay.url), room, doc, {
      connect: false,
      disableBc: true,
      WebSocketPolyfill: WebSocketClass,
    })
    // Save acknowledgements are the client's business (ConnectionWatch); here they are only consumed.
    provider.messageHandlers[MessageType.saveAck] = () => undefined
    provider.messageHandlers[MessageType.updateRejected] = () => undefined
    if (mode === 'samskap') replaceAwarenessBroadcast(provider)
    const { awareness } = provider
    awareness.setLocalState({
      presence: presenceFor(doc.clientID, index, 0, 0),
      user: { name: `Deltaker ${index + 1}`, color: '#4263eb' },
    })
    awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
      if (origin !== 'local') remoteChanges += added.length + updated.length
    })
    provider.connect()
    providers.push(provider)
  }
  try {
    await waitFor(
      () => providers.every((provider) => provider.synced && provider.awareness.getStates().size === options.people),
      30_000,
      `${options.people} providers to sync and see each other`,
    )
    await settled(() => counters.frames, 300, 5000)
    counters.frames = 0
    counters.awarenessFrames = 0
    remoteChanges = 0
    const sampler = new ProcessSampler(relay.pid)
    sampler.start()
    let updatesMade = 0
    const periodMs = 1000 / options.movesPerSecond
    const timers = providers.map((provider, index) => {
      let step = 0
      const move = (): void => {
        step++
        const angle = (step / 20) * Math.PI + index
        const x = 400 + index * 10 + Math.cos(angle) * 200
        const y = 300 + Math.sin(angle) * 200
        const state = provider.awareness.getLocalState() as { user: { name: string; color: string } }
        provider.awareness.setLocalState({ presence: presenceFor(provider.doc.clientID, index, x, y), user: state.user })
        updatesMade++
      }
      const start = setTimeout(() => {
        move()
        timers[index] = setInterval(move, periodMs)
      }, (index / providers.length) * periodMs)
      return start
    })
    await new Promise((resolve) => setTimeout(resolve, durationMs))
    for (const timer of timers) clearInterval(timer)
    // Count the frames the last moves still cause (in stock mode: their echoes).
    await settled(() => counters.frames, 500, 10_000)
    const relayCpu = sampler.stop()
    return {
      mode,
      people: options.people,
      durationMs,
      updatesMade,
      awarenessFramesSent: counters.awarenessFrames,
      framesSent: counters.frames,
      framesPerUpdate: counters.awarenessFrames / updatesMade,
      deliveredFraction: remoteChanges / (updatesMade * (options.people - 1)),
      relayCpu,
    }
  } finally {
    for (const provider of providers) {
      provider.destroy()
      provider.doc.destroy()
    }
  }
}

export async function runAwarenessBench(
  children: ChildProcesses,
  log: (line: string) => void,
  options: AwarenessOptions = defaultAwarenessOptions,
): Promise<AwarenessReport> {
  log(`Awareness: ${options.people} people in one room, cursor moves at ${options.movesPerSecond} Hz`)
  const relay = await startRelay(children)
  // Each provider listens for process exit; 2 × 60 of them are expected here.
  const maxListeners = process.getMaxListeners()
  process.setMaxListeners(Math.max(maxListeners, options.people * 2 + 10))
  try {
    const [samskapRoom, stockRoom] = benchRoomIds('awareness', 2)
    if (samskapRoom === undefined || stockRoom === undefined) throw new Error('no room ids')
    const samskap = await runMode(relay, samskapRoom, 'samskap', options, options.durationMs)
    log(`  samskap client path: ${samskap.framesPerUpdate.toFixed(3)} frames per awareness update`)
    const stock = await runMode(relay, stockRoom, 'stock', options, options.stockDurationMs)
    log(`  stock provider: ${stock.framesPerUpdate.toFixed(1)} frames per awareness update`)
    return { options, samskap, stock }
  } finally {
    process.setMaxListeners(maxListeners)
    await relay.stop('SIGTERM')
    relay.removeData()
  }
}
