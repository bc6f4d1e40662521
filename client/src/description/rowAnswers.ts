// The editor's answers to a re-draft's suggestions, kept until saved: merging answers given while
// others are on their way, and which suggested rows are still to show.
import { editableFieldKeys } from '../../../shared/src/description/challengeDescription.ts'
import type { Resolution, UpdateDraftBody } from '../../../shared/src/description/descriptionApi.ts'
import { rowKey, rowKeys, validRow, type ListFieldKey } from '../../../shared/src/description/listRows.ts'

type Resolutions = NonNullable<UpdateDraftBody['resolve']>

/**
 * The answers of `older` with those of `newer` added: a whole-field answer covers every row of the field,
 * and a newer answer to a row replaces an older one.
 */
export function withAnswers(older: Resolutions, newer: Resolutions): Resolutions {
  const merged: Resolutions = { ...older }
  for (const key of editableFieldKeys) {
    const answer: Resolution | undefined = newer[key]
    const before = merged[key]
    if (answer === undefined || typeof before === 'string') continue
    if (typeof answer === 'string' || before === undefined) {
      merged[key] = answer
      continue
    }
    const answered = new Set(answer.rows.map((row) => row.key))
    merged[key] = { rows: [...before.rows.filter((row) => !answered.has(row.key)), ...answer.rows] }
  }
  return merged
}

/** The suggested rows still to show: valid, not answered, not in the list as shown. */
export function waitingRows(key: ListFieldKey, rows: readonly unknown[], shown: readonly unknown[], answer: Resolution | undefined): unknown[] {
  if (typeof answer === 'string') return []
  const answered = new Set(answer?.rows.map((row) => row.key))
  const present = rowKeys(key, shown)
  return rows.filter((row) => validRow(key, row) !== null && !answered.has(rowKey(key, row)) && !present.has(rowKey(key, row)))
}
