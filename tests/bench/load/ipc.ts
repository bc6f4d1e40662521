/** Messages between the bench runner and the load generator process (Node IPC). */
import type { LatencySummary } from '../lib/stats.ts'

export interface LoadConfig {
  /**
   * ws:// bases, e.g. ws://127.0.0.1:1234/sync; a client connects to `${base}/${room}`. With several
   * (relay instances sharing boards), a room's clients take them in turn, so one room's people sit
   * on different instances as they would behind a balancer without sticky sessions.
   */
  syncUrls: string[]
  rooms: string[]
  clientsPerRoom: number
  updatesPerSecond: number
  warmupMs: number
  durationMs: number
  /** Characters in each update's value, so updates have a realistic size. */
  payloadChars: number
  /** The relay answers sync step 1 and acknowledges saves; the plain server does neither. */
  server: 'relay' | 'plain'
  /** How long to wait after the last send for deliveries (and acks) to arrive. */
  drainTimeoutMs: number
}

export interface LoadResult {
  clients: number
  sent: number
  /** Every update must reach every other client of its room. */
  expectedDeliveries: number
  delivered: number
  missing: number
  /** Deliveries that arrived out of order or twice. */
  anomalies: number
  windowMs: number
  windowSent: number
  windowDelivered: number
  /** End-to-end latency (send → receive at another client) of updates sent in the window. */
  latency: LatencySummary
  /** Send → saveAck latency (relay only). */
  ackLatency: LatencySummary | null
  ackedUpdates: number
  rejected: number
  /** The load generator's own load, to tell whether it was the bottleneck. */
  generatorCpuPercent: number
  generatorEventLoopUtilization: number
  /** Updates sent per client, to check the relay stored all of them. */
  perClient: Array<{ room: string; clientId: number; updates: number }>
}

export type ToGenerator = { type: 'connect'; config: LoadConfig } | { type: 'run' }

export type FromGenerator =
  | { type: 'connected'; connectMs: number }
  | { type: 'window-start' }
  | { type: 'window-end' }
  | { type: 'result'; result: LoadResult }
  | { type: 'error'; message: string }

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

export function isToGenerator(value: unknown): value is ToGenerator {
  return isObject(value) && (value.type === 'run' || (value.type === 'connect' && isObject(value.config)))
}

export function isFromGenerator(value: unknown): value is FromGenerator {
  if (!isObject(value)) return false
  switch (value.type) {
    case 'connected':
      return typeof value.connectMs === 'number'
    case 'window-start':
    case 'window-end':
      return true
    case 'result':
      return isObject(value.result)
    case 'error':
      return typeof value.message === 'string'
    default:
      return false
  }
}
