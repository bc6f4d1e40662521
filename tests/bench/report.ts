/**
 * Turns the sections' reports into the bench's printed summary: one table of
 * figures with their targets and PASS/MISS, and a detail block per section.
 * Figures are reported, not asserted: a MISS does not fail the run.
 */
import type { AwarenessReport } from './awareness.ts'
import type { BrowserReport } from './browserOpen.ts'
import type { JoinCostReport } from './joinCost.ts'
import { formatMs, summarize } from './lib/stats.ts'
import type { RelayLoadReport, ServerLoadReport } from './relayLoad.ts'
import type { ValidationReport } from './validationCost.ts'
import type { StorageReport } from './workshopStorage.ts'

/** NOISY: other processes took so much CPU during the measurement that the figure says little. */
export type Verdict = 'PASS' | 'MISS' | 'NOISY' | 'info'

export interface Row {
  figure: string
  value: string
  target: string
  verdict: Verdict
}

/** Above this, other processes' CPU (% of one core) during a window is called out next to the figure. */
const noisyOtherPercent = 15

const verdict = (pass: boolean): Verdict => (pass ? 'PASS' : 'MISS')
const median = (values: number[]): number => summarize(values).p50
const ratio = (value: number): string => `${value.toFixed(2)}×`

export function relayLoadRows(report: RelayLoadReport): Row[] {
  const { relay, plain } = report
  const p99Ratio = relay.load.latency.p99 / plain.load.latency.p99
  const perSecond = (load: ServerLoadReport['load']): number => load.windowDelivered / (load.windowMs / 1000)
  const other = Math.max(relay.machine.otherPercent, plain.machine.otherPercent)
  const noise = other > noisyOtherPercent ? `; other processes used ${other.toFixed(0)}% CPU meanwhile` : ''
  const stored = relay.stored
  const allStored = stored !== null && stored.completeClients === stored.clients && stored.missingUpdates === 0
  return [
    {
      figure: 'Relay load: delivered (relay)',
      value: `${perSecond(relay.load).toFixed(0)}/s, missing ${relay.load.missing} of ${relay.load.expectedDeliveries}`,
      target: 'all delivered',
      verdict: verdict(relay.load.missing === 0),
    },
    {
      figure: 'Relay load: p99 latency relay / plain',
      value: `${formatMs(relay.load.latency.p99)} / ${formatMs(plain.load.latency.p99)} ms = ${ratio(p99Ratio)}${noise}`,
      target: '≤ 1.2×',
      verdict: noise === '' ? verdict(p99Ratio <= 1.2) : 'NOISY',
    },
    {
      figure: 'Relay load: every update committed',
      value:
        stored === null
          ? 'not checked'
          : `${stored.completeClients}/${stored.clients} clients complete, ${stored.appendedRows} rows for ${stored.sent} sent`,
      target: 'all stored',
      verdict: verdict(allStored),
    },
  ]
}

export function awarenessRows(report: AwarenessReport): Row[] {
  return [
    {
      figure: `Awareness: relay frames per update (${report.options.people} people)`,
      value: report.samskap.framesPerUpdate.toFixed(3),
      target: '≤ 1.05',
      verdict: verdict(report.samskap.framesPerUpdate <= 1.05),
    },
    {
      figure: 'Awareness: stock y-websocket provider (comparison)',
      value: `${report.stock.framesPerUpdate.toFixed(1)} (N² traffic)`,
      target: '–',
      verdict: 'info',
    },
  ]
}

export function joinRows(report: JoinCostReport): Row[] {
  return [
    {
      figure: `Join: relay CPU per join, ${report.options.shapes} shapes`,
      value: `${report.board.cpuMsPerJoin.toFixed(2)} ms (empty board ${report.emptyBoard.cpuMsPerJoin.toFixed(2)} ms)`,
      target: '< 3 ms',
      verdict: verdict(report.board.cpuMsPerJoin < 3),
    },
  ]
}

export function browserRows(report: BrowserReport): Row[] {
  const rows: Row[] = report.open.map((open) => {
    const relay = median(open.samskapFirstMs)
    const plain = median(open.plainMs)
    return {
      figure: `Chromium: open ${open.notes} notes, relay / plain tldraw`,
      value:
        `${relay.toFixed(0)} / ${plain.toFixed(0)} ms = ${ratio(relay / plain)} ` +
        `(return visit ${median(open.samskapReturnMs).toFixed(0)} ms)`,
      target: '≤ 1.2×',
      verdict: verdict(relay / plain <= 1.2),
    }
  })
  rows.push({
    figure: 'Chromium: typed note, page to page p50',
    value: `${formatMs(report.typing.p50)} ms (p95 ${formatMs(report.typing.p95)}, ${report.typing.count} notes)`,
    target: '< 50 ms',
    verdict: verdict(report.typing.p50 < 50),
  })
  return rows
}

/** The relay's work on an update (deciding and applying) beyond what Yjs does to apply it anywhere (µs, medians). */
function addedMicros(edit: ValidationReport['edits'][number]): number {
  return edit.decide.p50 + edit.apply.p50 - edit.plainApply.p50
}

export function validationRows(report: ValidationReport): Row[] {
  return report.edits.map((edit) => ({
    figure: `Validation: ${edit.edit}`,
    value: `+${addedMicros(edit).toFixed(0)} µs per update (Yjs applying it alone: ${edit.plainApply.p50.toFixed(0)} µs)`,
    target: 'reported',
    verdict: 'info',
  }))
}

export function validationDetail(report: ValidationReport): string {
  const lines = [
    `Validation on a board of ${report.options.boardNotes} notes (µs per update, p50 / p99; in process, no socket or storage):`,
  ]
  for (const edit of report.edits) {
    const pair = (summary: ValidationReport['edits'][number]['decide']): string => `${summary.p50.toFixed(1)} / ${summary.p99.toFixed(1)}`
    lines.push(
      `  ${edit.edit} (${edit.records} record${edit.records === 1 ? '' : 's'}, ${edit.meanBytes.toFixed(0)} B, ${edit.updates} updates): ` +
        `decide ${pair(edit.decide)}, apply ${pair(edit.apply)}, plain Yjs apply ${pair(edit.plainApply)}`,
    )
  }
  return lines.join('\n')
}

const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`

export function storageRows(report: StorageReport): Row[] {
  const { people, notesPerPerson, movesPerPerson } = report.options.model
  return [
    {
      figure: `Storage: an hour of ${people} people (${notesPerPerson} notes, ${movesPerPerson} drags each)`,
      value: `${megabytes(report.perHour.totalBytes)} (log ${megabytes(report.perHour.logBytes)}, hourly snapshot ${megabytes(report.perHour.snapshotBytes)})`,
      target: 'reported',
      verdict: 'info',
    },
  ]
}

export function storageDetail(report: StorageReport): string {
  const cost = (logged: StorageReport['perNote']): string =>
    `${logged.rows.toFixed(1)} rows, ${logged.updateBytes.toFixed(0)} B of updates + ${logged.historyBytes.toFixed(0)} B of history`
  const { onDisk } = report
  return [
    `Storage (${report.options.notes} notes typed ${report.options.keyDelayMs} ms per key, each dragged over ${report.options.dragFrames} frames):`,
    `  per note written: ${cost(report.perNote)}`,
    `  per drag: ${cost(report.perDrag)}`,
    `  on disk: log ${onDisk.logBytes} B for ${onDisk.loggedBytes} B stored (${(onDisk.logBytes / Math.max(1, onDisk.loggedBytes)).toFixed(2)}×); ` +
      `${onDisk.snapshots} snapshot(s) of ${onDisk.snapshotBytes} B in ${onDisk.snapshotTableBytes} B; board state ${report.stateBytesPerNote.toFixed(0)} B per note`,
  ].join('\n')
}

export function formatTable(rows: Row[]): string {
  const header: Row = { figure: 'Figure', value: 'Value', target: 'Target', verdict: 'info' }
  const widths = {
    figure: Math.max(...[header, ...rows].map((row) => row.figure.length)),
    value: Math.max(...[header, ...rows].map((row) => row.value.length)),
    target: Math.max(...[header, ...rows].map((row) => row.target.length)),
  }
  const line = (row: Row, result: string): string =>
    `${row.figure.padEnd(widths.figure)}  ${row.value.padEnd(widths.value)}  ${row.target.padEnd(widths.target)}  ${result}`
  const rule = '-'.repeat(widths.figure + widths.value + widths.target + 12)
  return [line(header, 'Result'), rule, ...rows.map((row) => line(row, row.verdict))].join('\n')
}

function loadDetail(report: ServerLoadReport): string {
  const { load, serverCpu, generatorCpu, machine } = report
  const latency = load.latency
  const threads = serverCpu.threads.map((thread) => `${thread.name} ${thread.cpuPercent.toFixed(0)}%`).join(', ')
  const percent = (value: number): string => `${value.toFixed(0)}%`
  const lines = [
    `  ${report.server.padEnd(5)}: sent ${load.sent} updates (${load.windowSent} in the window), ` +
      `delivered ${load.delivered}/${load.expectedDeliveries}, missing ${load.missing}, ` +
      `out of order or twice ${load.anomalies}, rejected ${load.rejected}`,
    `         latency p50 ${formatMs(latency.p50)}  p95 ${formatMs(latency.p95)}  p99 ${formatMs(latency.p99)}  ` +
      `max ${formatMs(latency.max)} ms` +
      (load.ackLatency === null
        ? ''
        : `; save ack p50 ${formatMs(load.ackLatency.p50)}  p99 ${formatMs(load.ackLatency.p99)} ms (${load.ackedUpdates} acked)`),
    `         server CPU ${percent(serverCpu.cpuPercent)} of a core (${percent(serverCpu.systemPercent)} in the kernel; ` +
      `${threads}), RSS ${serverCpu.rssMeanMiB.toFixed(0)} MiB mean / ${serverCpu.rssMaxMiB.toFixed(0)} MiB max`,
    `         generator CPU ${percent(generatorCpu.cpuPercent)} (${percent(generatorCpu.systemPercent)} in the kernel), ` +
      `event loop ${percent(load.generatorEventLoopUtilization * 100)} busy; ` +
      `machine ${percent(machine.busyPercent)} busy, other processes ${percent(machine.otherPercent)}`,
  ]
  if (report.profile !== null) {
    lines.push(
      `         main thread over ${(report.profile.sampledMs / 1000).toFixed(1)} s: ` +
        report.profile.shares.map((share) => `${share.name} ${share.percent.toFixed(1)}%`).join(', '),
    )
  }
  return lines.join('\n')
}

export function relayLoadDetail(report: RelayLoadReport): string {
  const { options } = report
  return [
    `Relay load: ${options.rooms} rooms × ${options.clientsPerRoom} clients × ${options.updatesPerSecond} updates/s, ` +
      `${options.durationMs / 1000} s measured after ${options.warmupMs / 1000} s warm-up, ${options.payloadChars}-character values` +
      (report.pinned ? '; server pinned to core 0, load generator to core 1' : ''),
    loadDetail(report.plain),
    loadDetail(report.relay),
  ].join('\n')
}

export function awarenessDetail(report: AwarenessReport): string {
  return [report.samskap, report.stock]
    .map(
      (mode) =>
        `Awareness (${mode.mode === 'samskap' ? 'Samskap client path' : 'stock provider, for comparison'}): ` +
        `${mode.updatesMade} updates in ${mode.durationMs / 1000} s (${(mode.updatesMade / (mode.durationMs / 1000)).toFixed(0)}/s), ` +
        `${mode.awarenessFramesSent} awareness frames to the relay (${mode.framesSent} frames in all), ` +
        `${(mode.deliveredFraction * 100).toFixed(1)}% of the cursor moves reached every other person; ` +
        `relay CPU ${mode.relayCpu.cpuPercent.toFixed(0)}%, RSS ${mode.relayCpu.rssMaxMiB.toFixed(0)} MiB`,
    )
    .join('\n')
}

export function joinDetail(report: JoinCostReport): string {
  const series = (name: string, s: JoinCostReport['board']): string =>
    `  ${name}: ${s.joins} joins, ${(s.stateBytes / 1e6).toFixed(2)} MB state each, relay CPU ${s.cpuMsPerJoin.toFixed(2)} ms/join, ` +
    `wall p50 ${formatMs(s.wallMs.p50)} ms p95 ${formatMs(s.wallMs.p95)} ms`
  return [
    `Join cost: board stored as ${report.seed.updates} updates (${(report.seed.bytes / 1e6).toFixed(2)} MB); ` +
      `relay RSS ${report.relayRssMiB.toFixed(0)} MiB`,
    series(`${report.options.shapes} shapes`, report.board),
    series('empty board', report.emptyBoard),
  ].join('\n')
}

export function browserDetail(report: BrowserReport): string {
  const lines = [`Chromium ${report.chromium}`]
  for (const open of report.open) {
    const list = (values: number[]): string => values.map((value) => value.toFixed(0)).join(', ')
    lines.push(
      `  ${open.notes} notes: plain tldraw ${list(open.plainMs)} ms; Samskap first visit ${list(open.samskapFirstMs)} ms ` +
        `(board data from the relay in the page at ${list(open.samskapSyncedMs)} ms); return visit ${list(open.samskapReturnMs)} ms`,
    )
  }
  lines.push(
    `  page to page: p50 ${formatMs(report.typing.p50)} p95 ${formatMs(report.typing.p95)} ` +
      `max ${formatMs(report.typing.max)} ms over ${report.typing.count} notes`,
  )
  if (report.foreignRequests.length > 0) lines.push(`  requests to other hosts: ${report.foreignRequests.join(', ')}`)
  if (report.pageErrors.length > 0) lines.push(`  page errors (${report.pageErrors.length}): ${report.pageErrors.slice(0, 5).join(' | ')}`)
  return lines.join('\n')
}
