/**
 * Where a server's main thread spends its time: reads a V8 .cpuprofile
 * (`node --cpu-prof`) and buckets every sample inside a time window by the
 * innermost frame that names a known kind of work. `BENCH_PROFILE=1 npm run
 * bench -- load` prints this for the relay and the plain server, so a change
 * to the relay can be measured rather than guessed at.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string }
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

/** Node's native socket writes (the syscall and the kernel's loopback TCP path run inside them). */
const nativeWrites = new Set(['writev', 'writeBuffer', 'writeUtf8String', 'writeLatin1String'])

/** Kinds of work, tried from the innermost frame outwards; the first that matches takes the sample. */
const buckets: Array<{ name: string; matches: (frame: ProfileNode['callFrame']) => boolean }> = [
  { name: 'idle (waiting for I/O)', matches: (frame) => frame.functionName === '(idle)' },
  { name: 'garbage collection', matches: (frame) => frame.functionName === '(garbage collector)' },
  {
    name: 'socket writes (writev syscall, loopback TCP)',
    matches: (frame) => frame.url === '' && nativeWrites.has(frame.functionName),
  },
  {
    name: 'SQLite (appendUpdates/writeSnapshot incl. fsync)',
    matches: (frame) => /\/store\/sqlite/.test(frame.url) || frame.url.startsWith('node:sqlite'),
  },
  {
    name: 'Postgres (store and pg driver)',
    matches: (frame) => /\/store\/postgres/.test(frame.url) || /\/node_modules\/(pg|pg-protocol|pg-pool)\//.test(frame.url),
  },
  {
    name: 'Redis bus (cluster code and ioredis)',
    matches: (frame) => /\/src\/cluster\//.test(frame.url) || /\/node_modules\/(ioredis|redis-parser)\//.test(frame.url),
  },
  { name: 'Yjs (apply, encode, state vectors)', matches: (frame) => /\/(yjs|lib0)\//.test(frame.url) },
  { name: 'ws frame parsing (receive)', matches: (frame) => frame.url.includes('ws/lib/receiver') },
  { name: 'ws frame building (send)', matches: (frame) => frame.url.includes('ws/lib/sender') },
  { name: 'Node streams and sockets (JS)', matches: (frame) => /^node:(internal\/)?(streams|net|stream_base)/.test(frame.url) },
  { name: 'relay code', matches: (frame) => frame.url.includes('/server/src/') },
]

export interface ProfileBreakdown {
  /** Main-thread milliseconds in the window that the profile covers. */
  sampledMs: number
  /** Share of the window per kind of work, largest first; "other" is everything unmatched. */
  shares: Array<{ name: string; percent: number }>
}

/**
 * The main thread's .cpuprofile of process `pid` in `dir`, or null. Node names them
 * CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile, and a worker thread (the SQLite commit
 * thread) writes its own, so the main thread is the one numbered 0.
 */
export function findProfile(dir: string, pid: number): string | null {
  const files = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile') && file.includes(`.${pid}.0.`))
  const newest = files.sort().at(-1)
  return newest === undefined ? null : path.join(dir, newest)
}

/**
 * Buckets the samples taken between `fromUs` and `toUs` (microseconds on the
 * monotonic clock, the same clock as `process.hrtime`).
 */
export function breakDownProfile(file: string, fromUs: number, toUs: number): ProfileBreakdown {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const parents = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id)
  const bucketOf = new Map<number, string>()
  const classify = (id: number): string => {
    const known = bucketOf.get(id)
    if (known !== undefined) return known
    let bucket = 'other'
    for (let current: number | undefined = id; current !== undefined; current = parents.get(current)) {
      const frame = nodes.get(current)?.callFrame
      const match = frame === undefined ? undefined : buckets.find((candidate) => candidate.matches(frame))
      if (match !== undefined) {
        bucket = match.name
        break
      }
    }
    bucketOf.set(id, bucket)
    return bucket
  }
  const totals = new Map<string, number>()
  let time = profile.startTime
  let sampled = 0
  profile.samples.forEach((id, index) => {
    time += profile.timeDeltas[index] ?? 0
    const duration = profile.timeDeltas[index + 1] ?? 0
    if (time < fromUs || time > toUs) return
    sampled += duration
    const bucket = classify(id)
    totals.set(bucket, (totals.get(bucket) ?? 0) + duration)
  })
  return {
    sampledMs: sampled / 1000,
    shares: [...totals]
      .map(([name, us]) => ({ name, percent: (us / Math.max(1, sampled)) * 100 }))
      .sort((a, b) => b.percent - a.percent),
  }
}

/** The monotonic clock in microseconds, comparable with .cpuprofile timestamps of other processes. */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n)
}
