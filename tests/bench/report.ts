/**
 * Turns the sections' reports into the bench's printed summary: one table of
 * figures with their targets and PASS/MISS, and a detail block per section
 * (the load and cluster sections' are in loadReport.ts). Figures are
 * reported, not asserted: a MISS does not fail the run.
 */
import type { AwarenessReport } from './awareness.ts'
import type { BrowserReport } from './browserOpen.ts'
import type { PageRequest } from './browser/pageProbes.ts'
import type { SamskapVisit, TemplateOpenResult } from './templateBoardOpen.ts'
import type { JoinCostReport } from './joinCost.ts'
import { formatMs, summarize } from './lib/stats.ts'
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
export const noisyOtherPercent = 15

export const verdict = (pass: boolean): Verdict => (pass ? 'PASS' : 'MISS')
export const median = (values: number[]): number => summarize(values).p50
export const ratio = (value: number): string => `${value.toFixed(2)}×`

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
  if (report.typing !== null) {
    rows.push({
      figure: 'Chromium: typed note, page to page p50',
      value: `${formatMs(report.typing.p50)} ms (p95 ${formatMs(report.typing.p95)}, ${report.typing.count} notes)`,
      target: '< 50 ms',
      verdict: verdict(report.typing.p50 < 50),
    })
  }
  return [...templateOpenRows(report.templateOpen), ...templateShapesRows(report.templateOpen), ...rows]
}

/** Cold within 1.5× and warm within 1.2× of plain tldraw opening an empty board, per viewport (ratio of the medians). */
function templateOpenRows(results: TemplateOpenResult[]): Row[] {
  return results.flatMap((result) =>
    (['cold', 'warm'] as const).map((visit) => {
      const samskap = median((visit === 'cold' ? result.samskapCold : result.samskapWarm).map((v) => v.openedMs))
      const plain = median(visit === 'cold' ? result.plainColdMs : result.plainWarmMs)
      const target = visit === 'cold' ? 1.5 : 1.2
      return {
        figure: `Chromium: template board ${visit}, ${result.viewport} / plain tldraw empty`,
        value: `${samskap.toFixed(0)} / ${plain.toFixed(0)} ms = ${ratio(samskap / plain)}`,
        target: `≤ ${target}×`,
        verdict: verdict(samskap / plain <= target),
      }
    }),
  )
}

/** What tldraw alone pays to show the template's shapes, and Samskap against that (reported, no target). */
function templateShapesRows(results: TemplateOpenResult[]): Row[] {
  return results.flatMap((result) =>
    (['cold', 'warm'] as const).flatMap((visit) => {
      const samskap = median((visit === 'cold' ? result.samskapCold : result.samskapWarm).map((v) => v.openedMs))
      const plain = median(visit === 'cold' ? result.plainColdMs : result.plainWarmMs)
      const plainTemplate = median(visit === 'cold' ? result.plainTemplateColdMs : result.plainTemplateWarmMs)
      return [
        {
          figure: `Chromium: plain tldraw with the template ${visit}, ${result.viewport} / plain tldraw empty`,
          value: `${plainTemplate.toFixed(0)} / ${plain.toFixed(0)} ms = ${ratio(plainTemplate / plain)}`,
          target: 'reported',
          verdict: 'info' as const,
        },
        {
          figure: `Chromium: template board ${visit}, ${result.viewport} / plain tldraw with the template`,
          value: `${samskap.toFixed(0)} / ${plainTemplate.toFixed(0)} ms = ${ratio(samskap / plainTemplate)}`,
          target: 'reported',
          verdict: 'info' as const,
        },
      ]
    }),
  )
}

/** Median start and end of the first request whose path matches, over the visits that made one. */
function requestSpan(visits: SamskapVisit[], matches: (path: string) => boolean): string {
  const found = visits.map((visit) => visit.requests.find((request) => matches(request.path))).filter((request) => request !== undefined)
  if (found.length === 0) return 'none'
  return `${median(found.map((request) => request.startMs)).toFixed(0)}–${median(found.map((request) => request.endMs)).toFixed(0)}`
}

function templateOpenDetail(result: TemplateOpenResult): string[] {
  const list = (values: number[]): string => values.map((value) => value.toFixed(0)).join(', ')
  const roundRatios = (samskap: SamskapVisit[], plain: number[]): string =>
    samskap.map((visit, index) => ratio(visit.openedMs / (plain[index] ?? Number.NaN))).join(', ')
  const scripts = (visit: SamskapVisit): PageRequest[] => visit.requests.filter((request) => request.path.endsWith('.js'))
  const cold = result.samskapCold
  const coldScripts = cold.map(scripts)
  const kilobytes = median(coldScripts.map((files) => files.reduce((sum, file) => sum + file.transferBytes, 0))) / 1000
  const optional = (values: (number | undefined)[]): string => {
    const known = values.filter((value) => value !== undefined)
    return known.length === 0 ? '–' : median(known).toFixed(0)
  }
  return [
    `  Template board (${result.templateId}, ${result.shapes} shapes), ${result.viewport}; load average ${result.loadAverage[0].toFixed(1)} → ${result.loadAverage[1].toFixed(1)}`,
    `    cold: Samskap ${list(cold.map((v) => v.openedMs))} ms; plain tldraw ${list(result.plainColdMs)} ms; per round ${roundRatios(cold, result.plainColdMs)}`,
    `    warm: Samskap ${list(result.samskapWarm.map((v) => v.openedMs))} ms; plain tldraw ${list(result.plainWarmMs)} ms; per round ${roundRatios(result.samskapWarm, result.plainWarmMs)}`,
    `    plain tldraw with the template's shapes: cold ${list(result.plainTemplateColdMs)} ms, warm ${list(result.plainTemplateWarmMs)} ms`,
    `    Samskap cold, medians in ms from navigation start: session ${requestSpan(cold, (path) => path === '/api/session')}, ` +
      `config ${requestSpan(cold, (path) => path === '/api/config')}, context ${requestSpan(cold, (path) => path.endsWith('/context'))}; ` +
      `scripts ${median(coldScripts.map((files) => files[0]?.startMs ?? Number.NaN)).toFixed(0)}–${median(coldScripts.map((files) => Math.max(...files.map((file) => file.endMs)))).toFixed(0)} ` +
      `(${median(coldScripts.map((files) => files.length))} files, ${kilobytes.toFixed(0)} kB over the wire); ` +
      `socket ${optional(cold.map((v) => v.socketMs))}, board data ${optional(cold.map((v) => v.syncedMs))}, shown ${median(cold.map((v) => v.openedMs)).toFixed(0)}`,
  ]
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
  if (report.typing !== null) {
    lines.push(
      `  page to page: p50 ${formatMs(report.typing.p50)} p95 ${formatMs(report.typing.p95)} ` +
        `max ${formatMs(report.typing.max)} ms over ${report.typing.count} notes`,
    )
  }
  for (const result of report.templateOpen) lines.push(...templateOpenDetail(result))
  if (report.foreignRequests.length > 0) lines.push(`  requests to other hosts: ${report.foreignRequests.join(', ')}`)
  if (report.pageErrors.length > 0) lines.push(`  page errors (${report.pageErrors.length}): ${report.pageErrors.slice(0, 5).join(' | ')}`)
  return lines.join('\n')
}
