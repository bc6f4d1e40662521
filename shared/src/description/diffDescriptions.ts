// What changed between two versions of a description, field by field: text as word-level changes
// (spaces are tokens too, so the kept and removed parts spell the old text exactly, and kept and added the new),
// lists as one line per entry (an entry added or removed is a line), structured entries rendered as
// the line a reader would see. Source boards are left out: they are bookkeeping with internal ids.
import { diffLines, diffWordsWithSpace, type ChangeObject } from 'diff'
import { DescriptionFields, type FieldKey, type Need, type Stakeholder } from './challengeDescription.ts'
import type { DescriptionDiff } from './descriptionApi.ts'
import {
  influenceLabels,
  interestLabels,
  languageFormLabels,
  outcomeKindLabels,
  partLabels,
  priorityLabels,
  sectorLabels,
  type LabelLanguage,
} from './labels.ts'
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
      const changes = before.lines ? diffLines(lines(before.text), lines(after.text)) : diffWordsWithSpace(before.text, after.text)
      return { field: key, before: a[key], after: b[key], parts: changes.map(part) }
    })
}

function part(change: ChangeObject<string>): FieldDiff['parts'][number] {
  return { kind: change.added ? 'added' : change.removed ? 'removed' : 'same', text: change.value }
}

/** diffLines compares whole lines; every line ends in a newline so that the last entry compares like the others. */
function lines(text: string): string {
  return text === '' ? '' : `${text}\n`
}

/** A field as a reader sees it: free text as words, lists as one line per entry. */
function render(fields: DescriptionFields, key: FieldKey, language: LabelLanguage): { text: string; lines: boolean } {
  const list = (entries: readonly string[]) => ({ text: entries.map((entry) => entry.replace(/\n+/g, ' ')).join('\n'), lines: true })
  switch (key) {
    case 'leadMunicipality':
      return { text: fields.leadMunicipality.name, lines: false }
    case 'coApplicants':
    case 'followerMunicipalities':
      return list(fields[key].map((municipality) => municipality.name))
    case 'languageForm':
      return { text: languageFormLabels[fields.languageForm][language], lines: false }
    case 'needs':
      return list(fields.needs.map((need) => needLine(need, language)))
    case 'stakeholders':
      return list(fields.stakeholders.map((entry) => stakeholderLine(entry, language)))
    case 'desiredOutcome': {
      const kinds = fields.desiredOutcome.kinds.map((kind) => outcomeKindLabels[kind][language]).join(', ')
      return { text: [kinds, fields.desiredOutcome.description].filter(Boolean).join('\n\n'), lines: false }
    }
    case 'sourceBoards':
      return list(fields.sourceBoards.map((board) => board.title))
    default: {
      const value = fields[key]
      return Array.isArray(value) ? list(value) : { text: value, lines: false }
    }
  }
}

function needLine(need: Need, language: LabelLanguage): string {
  const details = [
    need.who && `${partLabels.who[language]}: ${need.who}`,
    need.evidence && `${partLabels.evidence[language]}: ${need.evidence}`,
    need.priority && `${partLabels.priority[language]}: ${priorityLabels[need.priority][language]}`,
  ].filter(Boolean)
  return [need.need, ...details].join(' · ')
}

function stakeholderLine(entry: Stakeholder, language: LabelLanguage): string {
  const details = [
    entry.sector && `${partLabels.sector[language]}: ${sectorLabels[entry.sector][language]}`,
    entry.interest && `${partLabels.interest[language]}: ${interestLabels[entry.interest][language]}`,
    entry.influence && `${partLabels.influence[language]}: ${influenceLabels[entry.influence][language]}`,
  ].filter(Boolean)
  return [entry.actor, ...details].join(' · ')
}
