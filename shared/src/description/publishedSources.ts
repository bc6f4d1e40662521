// The sources a description shows ("Kilder"): per field, only the notes whose content is still in the
// field's value. A drafted row the person deleted takes its notes with it; a free-text field keeps a
// note while its text still appears in the field. Publishing and the draft's export both use this, so
// what a reader is told the text came from is what the text says.
import { editableFieldKeys, type DescriptionDraft, type DescriptionFields, type EditableFieldKey, type SourceRef } from './challengeDescription.ts'
import { fieldText } from './fieldText.ts'
import { normalizeText } from './templateMappings/mapping.ts'

export type FieldSources = Partial<Record<EditableFieldKey, SourceRef[]>>

/**
 * Each field's sources with only the notes still in its value; a source left without notes, and a
 * field left without sources, are left out.
 * @example publishedSources(draft.fields, draft.provenance).stakeholders // the grid's notes, without the deleted actor's
 */
export function publishedSources(fields: DescriptionFields, provenance: DescriptionDraft['provenance']): FieldSources {
  const result: FieldSources = {}
  for (const key of editableFieldKeys) {
    const refs = provenance[key]?.sources ?? []
    if (refs.length === 0) continue
    const texts = valueTexts(key, fields)
    const kept = refs.flatMap((ref) => {
      const notes = ref.notes.filter((note) => isIn(comparable(note.text), texts))
      return notes.length === 0 ? [] : [{ ...ref, notes }]
    })
    if (kept.length > 0) result[key] = kept
  }
  return result
}

/** The field's value as comparable texts: one per cell of a list or table, the whole text otherwise. */
function valueTexts(key: EditableFieldKey, fields: DescriptionFields): string[] {
  const text = fieldText(key, fields[key], fields.languageForm)
  switch (text.shape) {
    case 'text':
      return [comparable(text.text)]
    case 'list':
      return text.items.map(comparable)
    case 'table':
      return text.rows.flatMap((row) => row.flatMap((cell) => (cell === null ? [] : [comparable(cell)])))
    case 'outcome':
      return [comparable(text.description)]
  }
}

/** A note's text is in a value when a text contains it, or when a text cut short ("…") starts it. */
function isIn(note: string, texts: readonly string[]): boolean {
  return texts.some((text) => text.includes(note) || (text.endsWith('…') && text.length > 1 && note.startsWith(text.slice(0, -1).trimEnd())))
}

/**
 * Text as compared: Markdown's escapes, emphasis, link targets and list markers dropped (a field holds
 * a note's text as Markdown), then normalised as the drafter compares people's texts.
 * @example comparable('- Torget \\*alltid\\* **fullt**.') // 'torget alltid fullt'
 */
function comparable(text: string): string {
  const plain = text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^[ \t]*(?:[-+*]|\d+[.)])[ \t]+/gm, '')
    .replace(/\\(.)/g, '$1')
    .replace(/[*_`~]/g, '')
  return normalizeText(plain)
}
