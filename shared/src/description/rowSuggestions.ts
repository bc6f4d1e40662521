// A list field a person edited, merged with a new draft run row by row, and the person's answers to
// its suggested rows. Rows are known by their key (listRows.ts). The rules:
// - a row the boards give that is new (not in the previous run's value), not in the person's list,
//   not deleted and not dismissed by them, waits in `pendingRows` to be added or dismissed on its own;
// - a drafted row the person removed is recorded in `deletedRows` and no re-draft brings it back
//   (until the person adds it again themselves);
// - a dismissed suggestion stays dismissed while the boards say the same of that row: when the
//   board's row changes (a ranking sets its priority) it is offered again, and when the boards stop
//   giving it, the dismissal is forgotten;
// - inside a row the person kept, each cell they changed stays theirs; a cell they left as drafted
//   follows the boards (a priority a prioritising board set later, a sector the ring now gives),
//   since that is the boards saying more about the same row, not overwriting the person.
import { DescriptionFields, type FieldProvenance } from './challengeDescription.ts'
import { rowKey, rowKeys, validRow, type ListFieldKey } from './listRows.ts'
import { sameValue } from './sameValue.ts'

/** What a person does with one suggested row (or, whole-field, with all of them). */
export type RowAction = 'accept' | 'dismiss'

/** The per-row part of a field's provenance. */
export type RowProvenance = Pick<FieldProvenance, 'pendingRows' | 'deletedRows' | 'dismissedRows'>

/** The most keys kept of each kind (the schema's limit): the oldest go first. */
const maxKeys = 1000

export interface EditedRowsMerge<K extends ListFieldKey> {
  value: DescriptionFields[K]
  rows: RowProvenance
  /** A row was suggested that was not waiting before: the run has something new for the person. */
  offered: boolean
}

/**
 * An edited list field after a draft run: the person's rows (cells they left as drafted updated from
 * the boards) and the boards' new rows waiting as suggestions.
 * @example mergeEditedRows('stakeholders', person, previousProvenance, newlyDrafted).rows.pendingRows // [{ actor: 'Grue Frivilligsentral', … }]
 */
export function mergeEditedRows<K extends ListFieldKey>(
  key: K,
  current: DescriptionFields[K],
  before: FieldProvenance | undefined,
  drafted: DescriptionFields[K],
): EditedRowsMerge<K> {
  const mine: readonly unknown[] = current
  const fresh: readonly unknown[] = drafted
  const previous = byKey(key, Array.isArray(before?.drafted) ? before.drafted : [])
  const next = byKey(key, fresh)
  const kept = rowKeys(key, mine)
  // A whole-field suggestion stored before rows were suggested one by one: its rows are offered row by row.
  const legacy = rowKeys(key, Array.isArray(before?.pending) ? before.pending : [])
  const waiting = rowKeys(key, validRows(key, before?.pendingRows ?? []))
  const dismissedBefore = new Set(before?.dismissedRows ?? [])
  // A drafted row that is neither in the person's list nor waiting nor dismissed was removed by them
  // (drafts stored before deletions were recorded learn it here).
  const removed = [...previous.keys()].filter((k) => !kept.has(k) && !waiting.has(k) && !dismissedBefore.has(k) && !legacy.has(k))
  const deleted = new Set([...(before?.deletedRows ?? []), ...removed].filter((k) => !kept.has(k)))
  const dismissed = [...dismissedBefore].filter((k) => !kept.has(k) && next.has(k) && sameValue(next.get(k), previous.get(k)))

  const value = mine.map((row) => refreshed(row, previous.get(rowKey(key, row)), next.get(rowKey(key, row))))
  const skip = new Set([...kept, ...deleted, ...dismissed])
  const pendingRows = [...next].flatMap(([k, row]) => {
    if (skip.has(k)) return []
    const isNew = !previous.has(k) || dismissedBefore.has(k)
    return isNew || waiting.has(k) || legacy.has(k) ? [row] : []
  })
  return {
    value: value as DescriptionFields[K],
    rows: { pendingRows: pendingRows.slice(0, maxKeys), deletedRows: last([...deleted]), dismissedRows: last(dismissed) },
    offered: pendingRows.some((row) => !waiting.has(rowKey(key, row)) && !legacy.has(rowKey(key, row))),
  }
}

/**
 * What a person's new value of a list field does to its rows: a drafted row they removed is
 * deleted for good, a row they (re)wrote themselves is neither deleted nor waiting any more.
 */
export function recordRowEdit<K extends ListFieldKey>(
  key: K,
  before: DescriptionFields[K],
  after: DescriptionFields[K],
  entry: FieldProvenance,
): RowProvenance {
  const now = rowKeys(key, after)
  const drafted = rowKeys(key, Array.isArray(entry.drafted) ? entry.drafted : [])
  const removed = [...rowKeys(key, before)].filter((k) => !now.has(k) && drafted.has(k))
  return {
    pendingRows: entry.pendingRows.filter((row) => !now.has(rowKey(key, row))),
    deletedRows: last([...new Set([...entry.deletedRows, ...removed])].filter((k) => !now.has(k))),
    dismissedRows: entry.dismissedRows.filter((k) => !now.has(k)),
  }
}

/**
 * The field after the person's answers to suggested rows (`answerOf` a row's key; undefined leaves it waiting):
 * an accepted row is added at the end unless the list has it already, a dismissed one is remembered.
 * A waiting row comes from storage as JSON: it is added only if it is still a valid row, and dropped
 * otherwise; one that would overfill the list stays waiting.
 */
export function resolveRows<K extends ListFieldKey>(
  key: K,
  value: DescriptionFields[K],
  entry: FieldProvenance,
  answerOf: (rowKey: string) => RowAction | undefined,
): { value: DescriptionFields[K]; rows: RowProvenance } {
  const fits = (rows: unknown[]) => DescriptionFields.shape[key].safeParse(rows).success
  let rows: unknown[] = [...value]
  const pendingRows: unknown[] = []
  const dismissed = [...entry.dismissedRows]
  for (const pending of entry.pendingRows) {
    const k = rowKey(key, pending)
    const answer = answerOf(k)
    const row = validRow(key, pending)
    if (answer === undefined && row !== null) pendingRows.push(pending)
    if (answer === undefined || row === null) continue
    if (answer === 'dismiss') {
      dismissed.push(k)
    } else if (!rowKeys(key, rows).has(k)) {
      const added = [...rows, row]
      if (fits(added)) rows = added
      else pendingRows.push(pending)
    }
  }
  return { value: rows as DescriptionFields[K], rows: { pendingRows, deletedRows: entry.deletedRows, dismissedRows: last([...new Set(dismissed)]) } }
}

/** A list field's value without the rows the person deleted (a re-draft of a field they did not otherwise edit). */
export function withoutDeleted<K extends ListFieldKey>(key: K, drafted: DescriptionFields[K], deletedRows: readonly string[]): DescriptionFields[K] {
  const deleted = new Set(deletedRows)
  const rows: readonly unknown[] = drafted
  return rows.filter((row) => !deleted.has(rowKey(key, row))) as DescriptionFields[K]
}

/** A row the person kept: what they left as drafted follows the boards' newer row, what they changed stays. */
function refreshed(row: unknown, before: unknown, after: unknown): unknown {
  if (before === undefined || after === undefined) return row
  if (typeof row !== 'object' || row === null) return sameValue(row, before) ? after : row
  if (typeof before !== 'object' || before === null || typeof after !== 'object') return row
  const was = before as Record<string, unknown>
  const now = after as Record<string, unknown>
  return Object.fromEntries(
    Object.entries(row).map(([cell, mine]) => [cell, sameValue(mine, was[cell]) && now[cell] !== undefined ? now[cell] : mine]),
  )
}

function byKey(key: ListFieldKey, rows: readonly unknown[]): Map<string, unknown> {
  const map = new Map<string, unknown>()
  for (const row of rows) {
    const k = rowKey(key, row)
    if (!map.has(k)) map.set(k, row)
  }
  return map
}

function validRows(key: ListFieldKey, rows: readonly unknown[]): unknown[] {
  return rows.filter((row) => validRow(key, row) !== null)
}

function last(keys: readonly string[]): string[] {
  return keys.slice(-maxKeys)
}
