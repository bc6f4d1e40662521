/**
 * Join cost: what one person opening a big board costs the relay when nothing
 * on the board changed. A board of N note shapes is stored on the relay, one
 * connection keeps the room loaded, then people join one after another (step 1,
 * answer the relay's step 1, wait for its step 2, close). The relay's CPU time
 * (user + system, all threads, from /proc) over the joins, divided by the
 * joins, is the cost. The same on an empty board shows the fixed part (TCP,
 * WebSocket handshake, protocol) apart from the part that grows with the board.
 */
import * as Y from 'yjs'
import { noteBoardRecords, writeBoardRecords } from './boardSeed.ts'
import { ChildProcesses, syncUrl } from './lib/childProcesses.ts'
import { readCpuMs, readRssMiB } from './lib/procStats.ts'
import { benchRoomIds, startRelay } from './lib/servers.ts'
import { summarize, type LatencySummary } from './lib/stats.ts'
import { handshake, joinOnce, seedBoard, SyncSocket } from './lib/syncSocket.ts'

export interface JoinCostOptions {
  shapes: number
  joins: number
  warmupJoins: number
}

export const defaultJoinCostOptions: JoinCostOptions = { shapes: 5000, joins: 200, warmupJoins: 5 }

export interface JoinSeries {
  joins: number
  /** Bytes of board state each join received (the relay's sync step 2). */
  stateBytes: number
  cpuMsPerJoin: number
  wallMs: LatencySummary
}

export interface JoinCostReport {
  options: JoinCostOptions
  seed: { updates: number; bytes: number; ms: number }
  board: JoinSeries
  emptyBoard: JoinSeries
  relayRssMiB: number
}

async function keepLoaded(url: string, boardId: string): Promise<SyncSocket> {
  const socket = await SyncSocket.open(url, boardId)
  await handshake(socket, new Y.Doc())
  await socket.allSaved()
  return socket
}

async function measureJoins(
  relay: { pid: number; url: string },
  boardId: string,
  options: JoinCostOptions,
): Promise<JoinSeries> {
  const url = syncUrl(relay.url)
  let stateBytes = 0
  for (let join = 0; join < options.warmupJoins; join++) stateBytes = await joinOnce(url, boardId)
  const wall: number[] = []
  const cpuBefore = readCpuMs(relay.pid)
  for (let join = 0; join < options.joins; join++) {
    const start = performance.now()
    stateBytes = await joinOnce(url, boardId)
    wall.push(performance.now() - start)
  }
  // The relay answers this after it handled the last close frame that came before it.
  const health = await fetch(new URL('/healthz', relay.url))
  await health.arrayBuffer()
  const cpuMs = readCpuMs(relay.pid) - cpuBefore
  return { joins: options.joins, stateBytes, cpuMsPerJoin: cpuMs / options.joins, wallMs: summarize(wall) }
}

export async function runJoinCostBench(
  children: ChildProcesses,
  log: (line: string) => void,
  options: JoinCostOptions = defaultJoinCostOptions,
): Promise<JoinCostReport> {
  log(`Join cost: board of ${options.shapes} note shapes, ${options.joins} joins with nothing changing`)
  const relay = await startRelay(children)
  try {
    const url = syncUrl(relay.url)
    const [boardId, emptyBoardId] = benchRoomIds('join', 2)
    if (boardId === undefined || emptyBoardId === undefined) throw new Error('no room ids')
    const records = noteBoardRecords(options.shapes)
    const seedStart = performance.now()
    const seeded = await seedBoard(url, boardId, (doc) => writeBoardRecords(doc, records))
    const seed = { ...seeded, ms: performance.now() - seedStart }
    const megabytes = (seeded.bytes / 1e6).toFixed(2)
    log(`  stored ${records.length} records in ${seeded.updates} updates (${megabytes} MB) in ${seed.ms.toFixed(0)} ms`)
    const anchors = [await keepLoaded(url, boardId), await keepLoaded(url, emptyBoardId)]
    const board = await measureJoins(relay, boardId, options)
    const emptyBoard = await measureJoins(relay, emptyBoardId, options)
    const relayRssMiB = readRssMiB(relay.pid)
    for (const anchor of anchors) await anchor.close()
    return { options, seed, board, emptyBoard, relayRssMiB }
  } finally {
    await relay.stop('SIGTERM')
    relay.removeData()
  }
}
