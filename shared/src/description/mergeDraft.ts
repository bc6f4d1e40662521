// Merging a new draft run into the stored draft, and applying a person's edits. The rule that matters:
// a field a person edited is never overwritten by a draft run; the new drafted value waits in
// `pending` until they accept or dismiss it.
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
  for (const key of editableFieldKeys) provenance[key] = { sources: [], drafted: fields[key], edited: false, pending: null }
  return { challengeId: challenge.id, fields, provenance, workshopId: null, updatedAt: now }
}

/** Whether a person changed the field since it was drafted: its value differs from the drafted one. */
export function isEdited(draft: Pick<DescriptionDraft, 'fields' | 'provenance'>, key: EditableFieldKey): boolean {
  const provenance = draft.provenance[key]
  return provenance !== undefined && (provenance.edited || !sameValue(draft.fields[key], provenance.drafted))
}

/**
 * A draft run merged into the previous draft (null before the first run). Per editable field:
 * not edited → it takes the drafted value ('filled', or 'unchanged' when equal); edited → the value
 * stays, and a drafted value that is new and different from the person's waits in `pending`.
 * Municipalities and language form follow the challenge; source boards follow the run.
 */
export function mergeDraft(previous: DescriptionDraft | null, drafted: DraftedFields, meta: MergeMeta): DraftResult {
  const fields = { ...drafted.fields }
  const provenance: DescriptionDraft['provenance'] = {}
  const changes: FieldChange[] = []
  for (const key of editableFieldKeys) {
    const value = drafted.fields[key]
    const before = previous?.provenance[key]
    const next: FieldProvenance = { sources: drafted.sources[key] ?? [], drafted: value, edited: false, pending: null }
    if (previous && isEdited(previous, key)) {
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
      const unchanged = previous !== null && sameValue(value, previous.fields[key])
      changes.push({ field: key, kind: unchanged ? 'unchanged' : 'filled' })
    }
    provenance[key] = next
  }
  const draft: DescriptionDraft = { challengeId: meta.challengeId, fields, provenance, workshopId: meta.workshopId, updatedAt: meta.now }
  return { draft, changes }
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
    const entry = { ...(provenance[key] ?? { sources: [], drafted: null, edited: false, pending: null }) }
    provenance[key] = entry
    return entry
  }
  for (const key of editableFieldKeys) {
    if (!(key in body.fields) || body.fields[key] === undefined) continue
    setField(fields, key, body.fields[key] as DescriptionFields[typeof key])
    const entry = touch(key)
    entry.edited = !sameValue(fields[key], entry.drafted)
  }
  for (const key of editableFieldKeys) {
    const action = body.resolve?.[key]
    if (action === undefined) continue
    const entry = touch(key)
    // A pending value comes from storage as JSON: it is taken only if it is still a valid value of the field.
    const accepted = action === 'accept' ? DescriptionFields.shape[key].safeParse(entry.pending) : null
    if (accepted?.success) {
      setField(fields, key, accepted.data as DescriptionFields[typeof key])
      entry.edited = !sameValue(fields[key], entry.drafted)
    }
    entry.pending = null
  }
  return { ...draft, fields, provenance, updatedAt: now }
}

/** Deep equality of JSON values (key order does not matter). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]))
  const left = Object.entries(a as Record<string, unknown>).filter(([, value]) => value !== undefined)
  const right = b as Record<string, unknown>
  const rightCount = Object.values(right).filter((value) => value !== undefined).length
  return left.length === rightCount && left.every(([key, value]) => sameValue(value, right[key]))
}

function setField<K extends EditableFieldKey>(fields: DescriptionFields, key: K, value: DescriptionFields[K]): void {
  fields[key] = value
}
