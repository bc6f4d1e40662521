/**
 * `npm run bench`: every bench in sequence, each bounded in time, then one
 * table of figures with targets and PASS/MISS. Figures are reported, not
 * asserted: the exit code is non-zero only when a bench itself failed.
 *
 *   npm run bench                      all sections
 *   npm run bench -- load join         only those sections (store, validation, load, cluster, awareness, join, browser, storage)
 *   BENCH_RATE=10 npm run bench -- load   other load (see relayLoadOptionsFromEnv); BENCH_PROFILE=1 adds
 *                                      a breakdown of the servers' main threads from node --cpu-prof
 *   BENCH_RUNS=5 npm run bench -- load    the plain-vs-relay comparison five times, each run's p99 ratio reported
 *   npm run bench -- cluster           the same load against relays on SQLite, on Postgres, and three on Postgres + Redis
 *   BENCH_BROWSER_ONLY=template npm run bench -- browser   only the template board against plain tldraw's empty board
 *
 * The full report is also written as JSON to tests/.tmp/bench-results.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { runAwarenessBench } from './awareness.ts'
import { browserOptionsFromEnv, runBrowserBench } from './browserOpen.ts'
import { runJoinCostBench } from './joinCost.ts'
import { ChildProcesses, repoRoot } from './lib/childProcesses.ts'
import { describeMachine, formatMachine } from './lib/machine.ts'
import { clusterDetail, clusterRows, relayLoadDetail, relayLoadRows } from './loadReport.ts'
import { clusterTimeoutMs, runClusterBench } from './clusterLoad.ts'
import { loadRunOverheadMs, relayLoadOptionsFromEnv, runRelayLoadBench, type RelayLoadOptions } from './relayLoad.ts'
import {
  awarenessDetail,
  awarenessRows,
  browserDetail,
  browserRows,
  formatTable,
  joinDetail,
  joinRows,
  storageDetail,
  storageRows,
  validationDetail,
  validationRows,
  type Row,
} from './report.ts'
import { formatStoreBench, runStoreBench } from './storeBench.ts'
import { runValidationBench } from './validationCost.ts'
import { runStorageBench } from './workshopStorage.ts'

interface Section {
  name: string
  timeoutMs: number
  run(children: ChildProcesses): Promise<{ rows: Row[]; detail: string; report: unknown }>
}

const log = (line: string): void => console.log(line)

function benchSections(loadOptions: RelayLoadOptions): Section[] {
  return [
    {
      name: 'store',
      timeoutMs: 60_000,
      run: async () => {
        const report = await runStoreBench()
        return { rows: [], detail: formatStoreBench(report), report }
      },
    },
    {
      name: 'validation',
      timeoutMs: 120_000,
      run: async () => {
        const report = runValidationBench(log)
        return { rows: validationRows(report), detail: validationDetail(report), report }
      },
    },
    {
      name: 'load',
      // Two runs (plain, relay) per comparison, each: a quiet-machine wait, warm-up, window, drain, shutdown.
      timeoutMs: loadOptions.runs * 2 * (loadOptions.warmupMs + loadOptions.durationMs + loadRunOverheadMs),
      run: async (children) => {
        const report = await runRelayLoadBench(children, log, loadOptions)
        return { rows: relayLoadRows(report), detail: relayLoadDetail(report), report }
      },
    },
    {
      name: 'cluster',
      timeoutMs: clusterTimeoutMs(loadOptions),
      run: async (children) => {
        const report = await runClusterBench(children, log, loadOptions)
        return { rows: clusterRows(report), detail: clusterDetail(report), report }
      },
    },
    {
      name: 'awareness',
      timeoutMs: 90_000,
      run: async (children) => {
        const report = await runAwarenessBench(children, log)
        return { rows: awarenessRows(report), detail: awarenessDetail(report), report }
      },
    },
    {
      name: 'join',
      timeoutMs: 60_000,
      run: async (children) => {
        const report = await runJoinCostBench(children, log)
        return { rows: joinRows(report), detail: joinDetail(report), report }
      },
    },
    {
      name: 'browser',
      // Three pages, cold and warm, on two viewports, five rounds: about 11 minutes of the bench's 15.
      timeoutMs: 1_200_000,
      run: async (children) => {
        const report = await runBrowserBench(children, log, browserOptionsFromEnv())
        return { rows: browserRows(report), detail: browserDetail(report), report }
      },
    },
    {
      name: 'storage',
      timeoutMs: 240_000,
      run: async (children) => {
        const report = await runStorageBench(children, log)
        return { rows: storageRows(report), detail: storageDetail(report), report }
      },
    },
  ]
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

async function main(): Promise<number> {
  let loadOptions: RelayLoadOptions
  try {
    loadOptions = relayLoadOptionsFromEnv()
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    return 2
  }
  const sections = benchSections(loadOptions)
  const wanted = process.argv.slice(2)
  const unknown = wanted.filter((name) => !sections.some((section) => section.name === name))
  if (unknown.length > 0) {
    console.error(`Unknown bench section(s): ${unknown.join(', ')}. Sections: ${sections.map((s) => s.name).join(', ')}`)
    return 2
  }
  const selected = wanted.length === 0 ? sections : sections.filter((section) => wanted.includes(section.name))
  const children = new ChildProcesses()
  process.on('exit', () => children.killAll())
  process.on('unhandledRejection', (reason) => {
    console.error('The bench failed with an unhandled rejection:', reason)
    process.exit(1)
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      children.killAll()
      process.exit(130)
    })
  }

  const machine = describeMachine()
  log(`Samskap bench · ${formatMachine(machine)}\n`)
  const started = performance.now()
  const rows: Row[] = []
  const details: string[] = []
  const reports: Record<string, unknown> = {}
  const failures: string[] = []
  for (const section of selected) {
    const sectionStart = performance.now()
    try {
      const result = await withTimeout(section.run(children), section.timeoutMs, `the ${section.name} bench`)
      rows.push(...result.rows)
      details.push(result.detail)
      reports[section.name] = result.report
      log(`  (${section.name}: ${((performance.now() - sectionStart) / 1000).toFixed(0)} s)\n`)
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
      failures.push(`${section.name}: ${message}`)
      log(`  ${section.name} bench FAILED: ${message}\n`)
      children.killAll()
    }
  }

  log(`\n${details.join('\n\n')}\n`)
  if (rows.length > 0) log(`${formatTable(rows)}\n`)
  const misses = rows.filter((row) => row.verdict === 'MISS').length
  const noisy = rows.filter((row) => row.verdict === 'NOISY').length
  log(
    `${rows.filter((row) => row.verdict === 'PASS').length} PASS, ${misses} MISS, ${noisy} NOISY, ${failures.length} failed; ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s in all`,
  )
  const outDir = path.join(repoRoot, 'tests/.tmp')
  mkdirSync(outDir, { recursive: true })
  const outFile = path.join(outDir, 'bench-results.json')
  writeFileSync(outFile, JSON.stringify({ machine, rows, reports, failures }, null, 2))
  log(`Full report: ${path.relative(repoRoot, outFile)}`)
  if (failures.length > 0) {
    log(`\nThe bench itself failed:\n${failures.join('\n')}`)
    return 1
  }
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
