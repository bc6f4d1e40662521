/**
 * The load and cluster sections' rows and detail. Both hold a relay to the
 * same targets against the plain broadcast floor: every update delivered to
 * every other client of its room, p99 latency at most 1.2× the floor's, and
 * every sent update in the store after the relay stopped.
 */
import type { ClusterReport } from './clusterLoad.ts'
import { formatMs } from './lib/stats.ts'
import type { LoadPair, RelayLoadReport, ServerLoadReport } from './relayLoad.ts'
import { median, noisyOtherPercent, ratio, verdict, type Row, type Verdict } from './report.ts'

/** The relay's p99 latency may be this many times the plain floor's. */
export const p99RatioTarget = 1.2

export const loadTargets = {
  delivered: 'all delivered',
  p99: `≤ ${p99RatioTarget}×`,
  stored: 'all stored',
} as const

const percent = (value: number): string => `${value.toFixed(0)}%`
const count = (value: number): string => value.toLocaleString('en-US')
const perSecond = (load: ServerLoadReport['load']): number => load.windowDelivered / (load.windowMs / 1000)
const p99Ratio = (relay: ServerLoadReport, floor: ServerLoadReport): number => relay.load.latency.p99 / floor.load.latency.p99
const allStored = (report: ServerLoadReport): boolean =>
  report.stored !== null && report.stored.completeClients === report.stored.clients && report.stored.missingUpdates === 0

/** Other processes' CPU in either window, when it was enough to make the comparison say little. */
function noiseOf(relay: ServerLoadReport, floor: ServerLoadReport): number | null {
  const other = Math.max(relay.machine.otherPercent, floor.machine.otherPercent)
  return other > noisyOtherPercent ? other : null
}

function deliveredValue(report: ServerLoadReport): string {
  const { load } = report
  const fraction = (load.expectedDeliveries - load.missing) / Math.max(1, load.expectedDeliveries)
  return `${count(Math.round(perSecond(load)))}/s, ${(fraction * 100).toFixed(3)}% (missing ${count(load.missing)} of ${count(load.expectedDeliveries)})`
}

function storedValue(report: ServerLoadReport): string {
  const stored = report.stored
  if (stored === null) return 'not checked'
  const missing = stored.missingUpdates > 0 ? `, ${count(stored.missingUpdates)} updates missing` : ''
  return `${stored.completeClients}/${stored.clients} clients complete${missing}, ${count(stored.appendedRows)} rows for ${count(stored.sent)} sent`
}

function p99Row(figure: string, relay: ServerLoadReport, floor: ServerLoadReport): Row {
  const { latency } = relay.load
  const noise = noiseOf(relay, floor)
  return {
    figure,
    value:
      `${formatMs(latency.p99)} / ${formatMs(floor.load.latency.p99)} ms = ${ratio(p99Ratio(relay, floor))} ` +
      `(p50 ${formatMs(latency.p50)} / ${formatMs(floor.load.latency.p50)} ms = ${ratio(latency.p50 / floor.load.latency.p50)})` +
      (noise === null ? '' : `; other processes used ${noise.toFixed(0)}% CPU meanwhile`),
    target: loadTargets.p99,
    verdict: noise === null ? verdict(p99Ratio(relay, floor) <= p99RatioTarget) : 'NOISY',
  }
}

function relayRows(name: string, relay: ServerLoadReport, floor: ServerLoadReport, prefix: string): Row[] {
  return [
    { figure: `${prefix}: delivered (${name})`, value: deliveredValue(relay), target: loadTargets.delivered, verdict: verdict(relay.load.missing === 0) },
    p99Row(`${prefix}: p99 latency ${name} / plain`, relay, floor),
    { figure: `${prefix}: every update committed (${name})`, value: storedValue(relay), target: loadTargets.stored, verdict: verdict(allStored(relay)) },
  ]
}

/** Several comparisons: each run's ratio, and in how many the relay met the target. */
function repeatedP99Row(runs: LoadPair[]): Row {
  const judged = runs.map(({ plain, relay }) => ({ ratio: p99Ratio(relay, plain), noisy: noiseOf(relay, plain) !== null }))
  const quiet = judged.filter((run) => !run.noisy)
  const met = quiet.filter((run) => run.ratio <= p99RatioTarget).length
  const list = judged.map((run) => `${ratio(run.ratio)}${run.noisy ? ' (noisy)' : ''}`).join(', ')
  const result: Verdict = quiet.length === 0 ? 'NOISY' : verdict(met === quiet.length)
  return {
    figure: `Relay load: p99 latency relay / plain, ${runs.length} runs`,
    value:
      `met in ${met} of ${quiet.length}${quiet.length < runs.length ? ' quiet' : ''} runs: ${list}; ` +
      `median ${ratio(median((quiet.length > 0 ? quiet : judged).map((run) => run.ratio)))}`,
    target: `${loadTargets.p99} every run`,
    verdict: result,
  }
}

export function relayLoadRows(report: RelayLoadReport): Row[] {
  const [first] = report.runs
  if (first === undefined) return []
  if (report.runs.length === 1) return relayRows('relay', first.relay, first.plain, 'Relay load')
  const relays = report.runs.map((run) => run.relay)
  const missing = relays.reduce((sum, relay) => sum + relay.load.missing, 0)
  const expected = relays.reduce((sum, relay) => sum + relay.load.expectedDeliveries, 0)
  const complete = relays.filter(allStored).length
  return [
    {
      figure: `Relay load: delivered (relay), ${relays.length} runs`,
      value: `missing ${count(missing)} of ${count(expected)}`,
      target: loadTargets.delivered,
      verdict: verdict(missing === 0),
    },
    repeatedP99Row(report.runs),
    {
      figure: `Relay load: every update committed, ${relays.length} runs`,
      value: `all stored in ${complete} of ${relays.length} runs`,
      target: loadTargets.stored,
      verdict: verdict(complete === relays.length),
    },
  ]
}

function cpuSummary(report: ServerLoadReport): string {
  const servers = report.serverCpu.map((cpu) => percent(cpu.cpuPercent)).join(' + ')
  const services = report.services.map((service) => `, ${service.name} ${percent(service.cpuPercent)}`).join('')
  return `${report.serverCpu.length === 1 ? 'relay' : 'relays'} ${servers}${services} of a core`
}

function commitsSummary(report: ServerLoadReport): string {
  const { commits } = report
  if (commits === null) return 'no store'
  const transactions = commits.transactionsPerSecond === null ? '' : ` in ≈ ${count(Math.round(commits.transactionsPerSecond))} transactions/s`
  return `${count(Math.round(commits.rowsPerSecond))} rows/s${transactions}`
}

export function clusterRows(report: ClusterReport): Row[] {
  const { floor } = report
  const rows: Row[] = [
    {
      figure: 'Cluster: plain floor',
      value: `p50 ${formatMs(floor.load.latency.p50)} p99 ${formatMs(floor.load.latency.p99)} ms, server ${percent(floor.serverCpu[0]?.cpuPercent ?? Number.NaN)} of a core`,
      target: '–',
      verdict: 'info',
    },
  ]
  for (const relay of report.relays) {
    rows.push(...relayRows(relay.server, relay, floor, 'Cluster'), {
      figure: `Cluster: commits and CPU (${relay.server})`,
      value: `${commitsSummary(relay)}; ${cpuSummary(relay)}`,
      target: 'reported',
      verdict: 'info',
    })
  }
  return rows
}

function loadDetail(report: ServerLoadReport): string {
  const { load, generatorCpu, machine } = report
  const latency = load.latency
  const name = report.server.padEnd(5)
  const indent = ' '.repeat(name.length + 4)
  const lines = [
    `  ${name}: sent ${load.sent} updates (${load.windowSent} in the window), ` +
      `delivered ${load.delivered}/${load.expectedDeliveries}, missing ${load.missing}, ` +
      `out of order or twice ${load.anomalies}, rejected ${load.rejected}` +
      (report.protocol === 'relay' ? `, acked ${load.ackedUpdates} of ${load.sent}` : ''),
    `${indent}latency p50 ${formatMs(latency.p50)}  p95 ${formatMs(latency.p95)}  p99 ${formatMs(latency.p99)}  ` +
      `max ${formatMs(latency.max)} ms` +
      (load.ackLatency === null ? '' : `; save ack p50 ${formatMs(load.ackLatency.p50)}  p99 ${formatMs(load.ackLatency.p99)} ms`),
  ]
  report.serverCpu.forEach((cpu, index) => {
    const threads = cpu.threads.map((thread) => `${thread.name} ${percent(thread.cpuPercent)}`).join(', ')
    const which = report.serverCpu.length === 1 ? 'server' : `server ${index + 1}`
    lines.push(
      `${indent}${which} CPU ${percent(cpu.cpuPercent)} of a core (${percent(cpu.systemPercent)} in the kernel; ` +
        `${threads}), RSS ${cpu.rssMeanMiB.toFixed(0)} MiB mean / ${cpu.rssMaxMiB.toFixed(0)} MiB max` +
        (report.exitCodes[index] === 0 || report.protocol === 'plain' ? '' : `; exited ${report.exitCodes[index]} on SIGTERM`),
    )
  })
  for (const service of report.services) {
    lines.push(`${indent}${service.name} CPU ${percent(service.cpuPercent)} of a core (${service.processes} processes)`)
  }
  if (report.commits !== null) lines.push(`${indent}store: ${commitsSummary(report)} during the window (${count(report.commits.rows)} rows)`)
  lines.push(
    `${indent}generator CPU ${percent(generatorCpu.cpuPercent)} (${percent(generatorCpu.systemPercent)} in the kernel), ` +
      `event loop ${percent(load.generatorEventLoopUtilization * 100)} busy; ` +
      `machine ${percent(machine.busyPercent)} busy (softirq ${percent(machine.softirqPercent)}, steal ${percent(machine.stealPercent)}), ` +
      `not ours ${percent(machine.otherPercent)}` +
      (machine.topOthers.length === 0 ? '' : ` (${machine.topOthers.map((other) => `${other.name} ${percent(other.cpuPercent)}`).join(', ')})`) +
      '; ' +
      (report.pinned ? 'pinned' : 'not pinned'),
  )
  if (report.serverLog.lines > 0) {
    lines.push(`${indent}the server${report.serverCpu.length === 1 ? '' : 's'} logged ${report.serverLog.lines} warning or error line(s), last:`)
    for (const line of report.serverLog.last) lines.push(`${indent}  ${line.slice(0, 300)}`)
  }
  report.profiles.forEach((profile, index) => {
    if (profile === null) return
    const which = report.profiles.length === 1 ? '' : `server ${index + 1} `
    lines.push(
      `${indent}${which}main thread over ${(profile.sampledMs / 1000).toFixed(1)} s: ` +
        profile.shares.map((share) => `${share.name} ${share.percent.toFixed(1)}%`).join(', '),
    )
  })
  return lines.join('\n')
}

function loadHeading(title: string, options: RelayLoadReport['options']): string {
  return (
    `${title}: ${options.rooms} rooms × ${options.clientsPerRoom} clients × ${options.updatesPerSecond} updates/s, ` +
    `${options.durationMs / 1000} s measured after ${options.warmupMs / 1000} s warm-up, ${options.payloadChars}-character values`
  )
}

export function relayLoadDetail(report: RelayLoadReport): string {
  const lines = [loadHeading('Relay load', report.options) + (report.runs[0]?.relay.pinned ? '; server pinned to core 0, load generator to core 1' : '')]
  report.runs.forEach((run, index) => {
    if (report.runs.length > 1) lines.push(` run ${index + 1}: p99 ratio ${ratio(p99Ratio(run.relay, run.plain))}`)
    lines.push(loadDetail(run.plain), loadDetail(run.relay))
  })
  return lines.join('\n')
}

export function clusterDetail(report: ClusterReport): string {
  return [
    loadHeading('Cluster load', report.options) +
      '; floor and SQLite relay pinned (server core 0, generator core 1), the Postgres runs not (more busy processes than cores)',
    loadDetail(report.floor),
    ...report.relays.map(loadDetail),
  ].join('\n')
}
