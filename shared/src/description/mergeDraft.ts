// Merging a new draft run into the stored draft, and applying a person's edits. The rule that matters:
// a field a person edited is never overwritten by a draft run. In a free-text field (and the desired
// outcome) the new drafted value waits whole in `pending` until they accept or dismiss it. In a list
// field (listRows.ts) it goes row by row (rowSuggestions.ts): each new row the boards give waits on its
// own in `pendingRows`; a drafted row the person deleted stays deleted, however often they re-draft; a
// row the person kept keeps every cell they changed, while the cells they left as drafted follow the
// boards (a priority ranked later, a sector the ring now gives), since that adds to their row without
// undoing anything they did.
import type { LanguageForm } from '../schema/municipality.ts'
import {
  DescriptionFields,
  editableFieldKeys,
  type DescriptionDraft,
  type EditableFieldKey,
  type FieldProvenance,
} from './challengeDescription.ts'
import type { DraftResult, FieldChange, UpdateDraftBody } from './descriptionApi.ts'
import { challengeFields, type DraftChallenge, type DraftedFields } from './draftFromBoards.ts'
import { fieldText, isEmptyText } from './fieldText.ts'
import { isListField, type ListFieldKey } from './listRows.ts'
import { mergeEditedRows, recordRowEdit, resolveRows, withoutDeleted } from './rowSuggestions.ts'
import { sameValue } from './sameValue.ts'

export { sameValue } from './sameValue.ts'

export interface MergeMeta {
  challengeId: string
  workshopId: string
  /** ISO time of the run. */
  now: string
}

/** The draft before any workshop: the challenge's facts, nothing edited, no sources. */
export function initialDraft(challenge: DraftChallenge, languageForm: LanguageForm, now: string): DescriptionDraft {
  const fields = challengeFields(challenge, languageForm)
  const provenance: DescriptionDraft['provenance'] = {}
  for (const key of editableFieldKeys) provenance[key] = emptyProvenance(fields[key])
  return { challengeId: challenge.id, fields, provenance, workshopId: null, updatedAt: now }
}

/** Whether a person changed the field since it was drafted: its value differs from the drafted one. */
export function isEdited(draft: Pick<DescriptionDraft, 'fields' | 'provenance'>, key: EditableFieldKey): boolean {
  const provenance = draft.provenance[key]
  return provenance !== undefined && (provenance.edited || !sameValue(draft.fields[key], provenance.drafted))
}

/**
 * A draft run merged into the previous draft (null before the first run). Per editable field:
 * not edited → it takes the drafted value ('filled' when that has content, 'emptied' when it takes
 * content away, 'unchanged' when equal or still empty; a list without the rows the person deleted);
 * edited → the value stays, and a drafted value that is new and different from the person's waits in
 * `pending` (free text) or, row by row, in `pendingRows` (lists, see rowSuggestions.ts).
 * Municipalities and language form follow the challenge; source boards follow the run.
 */
export function mergeDraft(previous: DescriptionDraft | null, drafted: DraftedFields, meta: MergeMeta): DraftResult {
  const fields = { ...drafted.fields }
  const provenance: DescriptionDraft['provenance'] = {}
  const changes: FieldChange[] = []
  for (const key of editableFieldKeys) {
    const value = drafted.fields[key]
    const before = previous?.provenance[key]
    const next: FieldProvenance = { ...emptyProvenance(value), sources: drafted.sources[key] ?? [] }
    if (isListField(key)) {
      changes.push({ field: key, kind: mergeList(key, previous, drafted.fields[key], fields, next) })
    } else if (previous && isEdited(previous, key)) {
      const current = previous.fields[key]
      setField(fields, key, current)
      const boardsSaySame = before !== undefined && sameValue(value, before.drafted)
      if (sameValue(value, current)) {
        changes.push({ field: key, kind: 'unchanged' })
      } else if (boardsSaySame) {
        // Nothing new: a pending value stays pending, a dismissed one stays dismissed.
        Object.assign(next, { edited: true, pending: before.pending })
        changes.push({ field: key, kind: 'unchanged' })
      } else {
        Object.assign(next, { edited: true, pending: value })
        changes.push({ field: key, kind: 'pending' })
      }
    } else {
      changes.push({ field: key, kind: takenKind(key, drafted.fields[key], previous?.fields[key]) })
    }
    provenance[key] = next
  }
  const draft: DescriptionDraft = { challengeId: meta.challengeId, fields, provenance, workshopId: meta.workshopId, updatedAt: meta.now }
  return { draft, changes, leftOut: drafted.leftOut }
}

/**
 * A person's changes: each given field takes its new value (edited when it differs from the drafted
 * one), then pending drafted values are accepted (the field takes it and is no longer edited) or
 * dismissed (the person's text stays).
 */
export function applyEdits(draft: DescriptionDraft, body: UpdateDraftBody, now: string): DescriptionDraft {
  const fields = { ...draft.fields }
  const provenance = { ...draft.provenance }
  const touch = (key: EditableFieldKey): FieldProvenance => {
    const entry = { ...(provenance[key] ?? emptyProvenance(null)) }
    provenance[key] = entry
    return entry
  }
  for (const key of editableFieldKeys) {
    if (!(key in body.fields) || body.fields[key] === undefined) continue
    const before = fields[key]
    setField(fields, key, body.fields[key] as DescriptionFields[typeof key])
    const entry = touch(key)
    if (isListField(key)) Object.assign(entry, recordRowEdit(key, before as DescriptionFields[typeof key], fields[key], entry))
    entry.edited = !sameValue(fields[key], entry.drafted)
  }
  for (const key of editableFieldKeys) {
    const action = body.resolve?.[key]
    if (action === undefined) continue
    const entry = touch(key)
    // A pending value comes from storage as JSON: it is taken only if it is still a valid value of the field.
    // (A list field has one only when it was stored before rows were suggested one by one.)
    const accepted = action === 'accept' ? DescriptionFields.shape[key].safeParse(entry.pending) : null
    if (accepted?.success) {
      setField(fields, key, accepted.data as DescriptionFields[typeof key])
      entry.edited = !sameValue(fields[key], entry.drafted)
    }
    entry.pending = null
    if (isListField(key)) {
      // A whole-field answer is the answer to every waiting row.
      const answerOf = typeof action === 'string' ? () => action : (row: string) => action.rows.findLast((answer) => answer.key === row)?.action
      const resolved = resolveRows(key, fields[key], entry, answerOf)
      setField(fields, key, resolved.value)
      Object.assign(entry, resolved.rows)
      entry.edited = !sameValue(fields[key], entry.drafted)
    }
  }
  return { ...draft, fields, provenance, updatedAt: now }
}

/**
 * A list field in a draft run: edited → the person's rows, with the boards' new rows suggested one by one
 * ('pending' when one is offered that was not waiting before); otherwise the drafted rows without those
 * the person deleted. Writes the field into `fields` and its row bookkeeping into `next`.
 */
function mergeList<K extends ListFieldKey>(
  key: K,
  previous: DescriptionDraft | null,
  value: DescriptionFields[K],
  fields: DescriptionFields,
  next: FieldProvenance,
): FieldChange['kind'] {
  const before = previous?.provenance[key]
  if (previous && isEdited(previous, key)) {
    const current = previous.fields[key]
    const merged = mergeEditedRows(key, current, before, value)
    setField(fields, key, merged.value)
    Object.assign(next, merged.rows, { edited: !sameValue(merged.value, value) })
    return merged.offered ? 'pending' : sameValue(merged.value, current) ? 'unchanged' : 'filled'
  }
  const deletedRows = before?.deletedRows ?? []
  const kept = withoutDeleted(key, value, deletedRows)
  setField(fields, key, kept)
  Object.assign(next, { deletedRows, edited: !sameValue(kept, value) })
  return takenKind(key, kept, previous?.fields[key])
}

/** What taking `value` (a field not edited) did: nothing, new content, or content taken away. */
function takenKind<K extends EditableFieldKey>(key: K, value: DescriptionFields[K], before: DescriptionFields[K] | undefined): FieldChange['kind'] {
  if (before !== undefined && sameValue(value, before)) return 'unchanged'
  if (!isEmpty(key, value)) return 'filled'
  return before === undefined || isEmpty(key, before) ? 'unchanged' : 'emptied'
}

/** The field says nothing (the words are the same in every language, so one will do). */
function isEmpty<K extends EditableFieldKey>(key: K, value: DescriptionFields[K]): boolean {
  return isEmptyText(fieldText(key, value, 'nb'))
}

function emptyProvenance(drafted: unknown): FieldProvenance {
  return { sources: [], drafted, edited: false, pending: null, pendingRows: [], deletedRows: [], dismissedRows: [] }
}

function setField<K extends EditableFieldKey>(fields: DescriptionFields, key: K, value: DescriptionFields[K]): void {
  fields[key] = value
}
