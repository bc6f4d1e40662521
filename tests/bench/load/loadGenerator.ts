/**
 * The load generator process: forked by the relay load bench so that it does
 * not share an event loop with the measurements. It connects rooms × clients,
 * sends updates at a fixed open-loop rate (a late tick catches up, so a slow
 * server sees the full offered load), and reports what arrived.
 */
import { performance } from 'node:perf_hooks'
import { SampleBuffer, summarize } from '../lib/stats.ts'
import { isToGenerator, type FromGenerator, type LoadConfig, type LoadResult } from './ipc.ts'
import { LoadClient, type Measurement, type RoomPeers } from './loadClient.ts'

const tickMs = 2
const connectTimeoutMs = 30_000

function send(message: FromGenerator): void {
  process.send?.(message)
}

function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      if (condition()) resolve()
      else if (performance.now() > deadline) reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))
      else setTimeout(poll, 20)
    }
    poll()
  })
}

class LoadGenerator {
  readonly #config: LoadConfig
  readonly clients: LoadClient[] = []
  readonly #measurement: Measurement = {
    windowStart: Number.POSITIVE_INFINITY,
    windowEnd: Number.POSITIVE_INFINITY,
    latencies: new SampleBuffer(),
    ackLatencies: new SampleBuffer(),
    windowDelivered: 0,
    delivered: 0,
    anomalies: 0,
    rejected: 0,
  }

  constructor(config: LoadConfig) {
    if (config.syncUrls.length === 0) throw new Error('no server to connect to')
    this.#config = config
    const periodMs = 1000 / config.updatesPerSecond
    // A client sends at most one update per period from its first send time to the end (each is made before the run).
    const maxUpdates = Math.ceil((config.warmupMs + config.durationMs) / periodMs) + 2
    for (const room of config.rooms) {
      const peers: RoomPeers = { byClientId: new Map(), size: config.clientsPerRoom }
      for (let index = 0; index < config.clientsPerRoom; index++) {
        const client = new LoadClient({
          url: config.syncUrls[index % config.syncUrls.length] ?? '',
          room,
          indexInRoom: index,
          peers,
          measurement: this.#measurement,
          expectsSync: config.server === 'relay',
          payloadChars: config.payloadChars,
          maxUpdates,
        })
        peers.byClientId.set(client.clientId, client)
        this.clients.push(client)
      }
    }
  }

  async connect(): Promise<number> {
    const start = performance.now()
    await waitFor(() => this.clients.every((client) => client.open && client.synced), connectTimeoutMs, 'all clients to sync')
    return performance.now() - start
  }

  async run(): Promise<LoadResult> {
    const config = this.#config
    const periodMs = 1000 / config.updatesPerSecond
    const start = performance.now()
    const windowStart = start + config.warmupMs
    const end = windowStart + config.durationMs
    // Spread the clients' send times evenly over one period. A late tick sends what is
    // due at once (open loop), stamped with the real send time.
    const nextSendAt = Float64Array.from(this.clients, (_client, index) => start + (index / this.clients.length) * periodMs)
    let windowOpen = false
    let cpuInWindow = process.cpuUsage()
    let eluInWindow = performance.eventLoopUtilization()
    let windowCpuPercent = 0
    let windowElu = 0
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const now = performance.now()
        if (!windowOpen && now >= windowStart) {
          windowOpen = true
          this.#measurement.windowStart = windowStart
          this.#measurement.windowEnd = end
          cpuInWindow = process.cpuUsage()
          eluInWindow = performance.eventLoopUtilization()
          send({ type: 'window-start' })
        }
        const sendUntil = Math.min(now, end)
        for (let index = 0; index < this.clients.length; index++) {
          const client = this.clients[index]
          if (client === undefined) continue
          let due = nextSendAt[index] ?? end
          while (due <= sendUntil) {
            client.sendUpdate(performance.now())
            due += periodMs
          }
          nextSendAt[index] = due
        }
        if (now >= end) {
          clearInterval(timer)
          const cpu = process.cpuUsage(cpuInWindow)
          windowCpuPercent = ((cpu.user + cpu.system) / 1000 / (now - windowStart)) * 100
          windowElu = performance.eventLoopUtilization(eluInWindow).utilization
          send({ type: 'window-end' })
          resolve()
        }
      }, tickMs)
    })
    await waitFor(() => this.clients.every((client) => client.isDrained()), config.drainTimeoutMs, 'deliveries').catch(
      () => undefined, // what is missing is reported below
    )
    return this.#result(windowCpuPercent, windowElu)
  }

  #result(generatorCpuPercent: number, generatorEventLoopUtilization: number): LoadResult {
    const config = this.#config
    const measurement = this.#measurement
    let sent = 0
    let windowSent = 0
    let expectedDeliveries = 0
    let inOrderDelivered = 0
    let ackedUpdates = 0
    for (const client of this.clients) {
      sent += client.updates
      expectedDeliveries += client.updates * (config.clientsPerRoom - 1)
      for (let clock = 0; clock < client.updates; clock++) {
        const sentAt = client.sendTimes[clock] ?? 0
        if (sentAt >= measurement.windowStart && sentAt < measurement.windowEnd) windowSent++
      }
      ackedUpdates += client.ackedUpdates
    }
    for (const receiver of this.clients) {
      for (const sender of this.clients) {
        if (sender !== receiver && sender.room === receiver.room) inOrderDelivered += receiver.receivedFrom(sender)
      }
    }
    return {
      clients: this.clients.length,
      sent,
      expectedDeliveries,
      delivered: measurement.delivered,
      missing: expectedDeliveries - inOrderDelivered,
      anomalies: measurement.anomalies,
      windowMs: config.durationMs,
      windowSent,
      windowDelivered: measurement.windowDelivered,
      latency: summarize(measurement.latencies.values()),
      ackLatency: config.server === 'relay' ? summarize(measurement.ackLatencies.values()) : null,
      ackedUpdates,
      rejected: measurement.rejected,
      generatorCpuPercent,
      generatorEventLoopUtilization,
      perClient: this.clients.map((client) => ({ room: client.room, clientId: client.clientId, updates: client.updates })),
    }
  }

  close(): void {
    for (const client of this.clients) client.close()
  }
}

let generator: LoadGenerator | null = null

process.on('message', (message: unknown) => {
  if (!isToGenerator(message)) {
    send({ type: 'error', message: `unexpected message ${JSON.stringify(message)}` })
    return
  }
  const step = async (): Promise<void> => {
    if (message.type === 'connect') {
      generator = new LoadGenerator(message.config)
      const connectMs = await generator.connect()
      // Making the edits left garbage in the old generation; collected now, it is not collected in the window.
      globalThis.gc?.()
      send({ type: 'connected', connectMs })
    } else {
      if (generator === null) throw new Error('run before connect')
      const result = await generator.run()
      generator.close()
      send({ type: 'result', result })
    }
  }
  step().catch((error: unknown) => {
    send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) })
  })
})

process.on('disconnect', () => process.exit(0))
