/**
 * Micro-benchmark of the SQLite board store: appendUpdates throughput and commit
 * latency (WAL, synchronous=FULL, so every commit reaches the disk) for group
 * commits of 1, 20 and 100 updates of 200 bytes spread over 10 boards.
 * Run: node_modules/.bin/node tests/bench/storeBench.ts
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { PendingUpdate } from '../../server/src/store/BoardStore.ts'
import { openSqliteBoardStore } from '../../server/src/store/sqliteBoardStore.ts'

export interface StoreBenchRow {
  batchSize: number
  updates: number
  commits: number
  updatesPerSecond: number
  commitP50Ms: number
  commitP99Ms: number
}

export interface StoreBenchResult {
  updateBytes: number
  boards: number
  rows: StoreBenchRow[]
}

const updateBytes = 200
const boards = Array.from({ length: 10 }, (_, i) => `bench-board-${i}`)
/** Enough commits per batch size for a stable p99, small enough to finish in seconds. */
const plan = [
  { batchSize: 1, commits: 2000 },
  { batchSize: 20, commits: 500 },
  { batchSize: 100, commits: 200 },
]

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

async function measure(file: string, batchSize: number, commits: number): Promise<StoreBenchRow> {
  const store = openSqliteBoardStore({ file, retention: { keepLast: 10, keepDaily: 30 } })
  try {
    const update = new Uint8Array(updateBytes).fill(7)
    const batches: PendingUpdate[][] = Array.from({ length: commits }, (_, commit) =>
      Array.from({ length: batchSize }, (_, i) => ({ boardId: boards[(commit + i) % boards.length] ?? 'bench-board-0', update })),
    )
    await store.appendUpdates(batches[0] ?? []) // warm-up: first-touch of the board rows
    const commitMs: number[] = []
    const started = performance.now()
    for (const batch of batches) {
      const before = performance.now()
      await store.appendUpdates(batch)
      commitMs.push(performance.now() - before)
    }
    const elapsedS = (performance.now() - started) / 1000
    commitMs.sort((a, b) => a - b)
    return {
      batchSize,
      updates: batchSize * commits,
      commits,
      updatesPerSecond: Math.round((batchSize * commits) / elapsedS),
      commitP50Ms: percentile(commitMs, 50),
      commitP99Ms: percentile(commitMs, 99),
    }
  } finally {
    await store.close()
  }
}

/** Runs every batch size on a fresh SQLite file under the OS temp dir, removed afterwards. */
export async function runStoreBench(): Promise<StoreBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'samskap-store-bench-'))
  try {
    const rows: StoreBenchRow[] = []
    for (const { batchSize, commits } of plan) {
      rows.push(await measure(join(dir, `batch-${batchSize}.sqlite`), batchSize, commits))
    }
    return { updateBytes, boards: boards.length, rows }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export function formatStoreBench(result: StoreBenchResult): string {
  const header = `SQLite store: appendUpdates, ${result.updateBytes}-byte updates over ${result.boards} boards (WAL, synchronous=FULL)`
  const lines = result.rows.map(
    (row) =>
      `  batch ${String(row.batchSize).padStart(3)}: ${String(row.updatesPerSecond).padStart(8)} updates/s` +
      `   commit p50 ${row.commitP50Ms.toFixed(3)} ms   p99 ${row.commitP99Ms.toFixed(3)} ms   (${row.commits} commits)`,
  )
  return [header, ...lines].join('\n')
}

if (import.meta.main) {
  console.log(formatStoreBench(await runStoreBench()))
}
