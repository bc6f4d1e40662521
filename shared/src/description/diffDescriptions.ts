// What changed between two versions of a description, field by field: text as word-level changes
// (spaces are tokens too, so the kept and removed parts spell the old text exactly, and kept and added the new),
// lists as one line per entry (an entry added or removed is a line), structured entries rendered as
// the line a reader would see. Source boards are left out: they are bookkeeping with internal ids.
import { diffLines, diffWordsWithSpace, type ChangeObject } from 'diff'
import { DescriptionFields, type FieldKey } from './challengeDescription.ts'
import type { DescriptionDiff } from './descriptionApi.ts'
import { fieldText, rowLine } from './fieldText.ts'
import type { LabelLanguage } from './labels.ts'
import { sameValue } from './mergeDraft.ts'

type FieldDiff = DescriptionDiff['changes'][number]

const compared = (Object.keys(DescriptionFields.shape) as FieldKey[]).filter((key) => key !== 'sourceBoards')

/**
 * The fields that differ from `a` to `b`, in the description's order; labels in `b`'s language form.
 * @example diffDescriptions(v1.fields, v2.fields) // [{ field: 'summary', before, after, parts: [...] }]
 */
export function diffDescriptions(a: DescriptionFields, b: DescriptionFields): FieldDiff[] {
  const language = b.languageForm
  return compared
    .filter((key) => !sameValue(a[key], b[key]))
    .map((key) => {
      const before = render(a, key, language)
      const after = render(b, key, language)
      const [old, next] = before.lines ? [lines(before.text), lines(after.text)] : [before.text, after.text]
      const changes = (before.lines ? diffLines(old, next, { maxEditLength }) : diffWordsWithSpace(old, next, { maxEditLength })) ?? replaced(old, next)
      return { field: key, before: a[key], after: b[key], parts: changes.map(part) }
    })
}

/**
 * How many words (or lines) a diff may add and remove before it stops and shows the whole text replaced:
 * its time grows with the texts' length times that number, and the public page diffs on every view. Two
 * 10,000-character texts with nothing in common would otherwise take many seconds, the server doing nothing else.
 */
const maxEditLength = 500

/** The whole old text removed and the whole new text added, for a change too large to diff word by word. */
function replaced(before: string, after: string): ChangeObject<string>[] {
  return [
    ...(before === '' ? [] : [{ value: before, added: false, removed: true, count: 1 }]),
    ...(after === '' ? [] : [{ value: after, added: true, removed: false, count: 1 }]),
  ]
}

function part(change: ChangeObject<string>): FieldDiff['parts'][number] {
  return { kind: change.added ? 'added' : change.removed ? 'removed' : 'same', text: change.value }
}

/** diffLines compares whole lines; every line ends in a newline so that the last entry compares like the others. */
function lines(text: string): string {
  return text === '' ? '' : `${text}\n`
}

/** A field as a reader sees it: free text as words, lists and table rows as one line per entry. */
function render(fields: DescriptionFields, key: FieldKey, language: LabelLanguage): { text: string; lines: boolean } {
  const list = (entries: readonly string[]) => ({ text: entries.map((entry) => entry.replace(/\n+/g, ' ')).join('\n'), lines: true })
  const text = fieldText(key, fields[key], language)
  switch (text.shape) {
    case 'text':
      return { text: text.text, lines: false }
    case 'list':
      return list(text.items)
    case 'table':
      return list(text.rows.map((row) => rowLine(text.columns, row, language)))
    case 'outcome':
      return { text: [text.kinds, text.description].filter(Boolean).join('\n\n'), lines: false }
  }
}
