import type { EditableFieldKey, FieldKey, SourceRef } from '../../../shared/src/description/challengeDescription.ts'
import { editableFieldKeys } from '../../../shared/src/description/challengeDescription.ts'
import { fieldText, isEmptyText } from '../../../shared/src/description/fieldText.ts'
import { descriptionSections } from '../../../shared/src/description/labels.ts'
import { formatDate, type ExportLabels } from './exportLabels.ts'
import { noteKey, type DescriptionExport } from './exportInput.ts'
import { parseFreeText, type RichBlock } from './freeText.ts'

// One place decides what a printed description says and in which order (the
// sections of labels.ts, as the editor shows them); the Markdown, HTML and DOCX
// renderers only decide how each block looks, so the three cannot drift apart.
// Strings in blocks are plain text, except 'rich' blocks (the free-text fields,
// read from Markdown into inert blocks): each renderer escapes for its format.

export type Block =
  | { kind: 'text'; text: string }
  | { kind: 'rich'; blocks: RichBlock[] }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption: string; columns: string[]; rows: string[][] }
  | { kind: 'facts'; facts: [label: string, value: string][] }
  | { kind: 'subheading'; text: string }

export interface ExportSection {
  heading: string
  blocks: Block[]
}

export interface ExportDocument {
  lang: 'nb' | 'nn'
  title: string
  /** The names warning, shown first when the document carries participants' names. */
  warning: string | null
  /** The version and when and by whom it was published, or that it is a draft. */
  status: string
  sections: ExportSection[]
}

/** Fields shown as short facts at the top of their section rather than under a heading of their own. */
const factFields: ReadonlySet<FieldKey> = new Set(['leadMunicipality', 'coApplicants', 'followerMunicipalities', 'themes', 'languageForm'])

/** The description as headed sections of blocks, in the labels' language form; empty fields and sections are left out. */
export function describeForExport(description: DescriptionExport, labels: ExportLabels): ExportDocument {
  const sections: ExportSection[] = []
  for (const section of descriptionSections) {
    const facts = section.fields.filter((key) => factFields.has(key)).flatMap((key) => fact(key, description, labels))
    const heading = section.heading[labels.lang]
    const blocks = section.fields
      .filter((key) => !factFields.has(key))
      .flatMap((key) => fieldBlocks(key, description, labels))
      // A field named like its section ("Ønsket resultat") needs no heading of its own.
      .filter((block) => !(block.kind === 'subheading' && block.text === heading))
    if (section.key === 'document') facts.push(...publicationFacts(description, labels))
    if (facts.length + blocks.length > 0) {
      sections.push({ heading, blocks: [...(facts.length > 0 ? [{ kind: 'facts' as const, facts }] : []), ...blocks] })
    }
  }
  sections.push(...sourcesSection(description, labels))
  return {
    lang: labels.lang,
    title: description.fields.title,
    warning: description.authors === undefined ? null : labels.namesWarning,
    status: publicationStatus(description, labels),
    sections,
  }
}

function publicationStatus(description: DescriptionExport, labels: ExportLabels): string {
  if (description.version === null) return labels.draft
  const date = formatDate(description.publishedAt ?? '', labels)
  return `${labels.version(description.version)}. ${labels.published(date, description.publishedBy ?? '')}`
}

function publicationFacts(description: DescriptionExport, labels: ExportLabels): [string, string][] {
  const { facts } = labels
  if (description.version === null) return [[facts.version, facts.draft]]
  return [
    [facts.version, String(description.version)],
    [facts.publishedAt, formatDate(description.publishedAt ?? '', labels)],
    ...(description.publishedBy ? [[facts.publishedBy, description.publishedBy] as [string, string]] : []),
  ]
}

function fact(key: FieldKey, { fields }: DescriptionExport, labels: ExportLabels): [string, string][] {
  const text = fieldText(key, fields[key], labels.lang)
  const value = text.shape === 'text' ? text.text : text.shape === 'list' ? text.items.join(', ') : ''
  return value === '' ? [] : [[labels.fields[key], value]]
}

/** A field under its own heading, or nothing when it is empty. The title is the document's heading already. */
function fieldBlocks(key: FieldKey, { fields }: DescriptionExport, labels: ExportLabels): Block[] {
  const text = fieldText(key, fields[key], labels.lang)
  if (key === 'title' || isEmptyText(text)) return []
  const headed = (...blocks: Block[]): Block[] => (blocks.length === 0 ? [] : [{ kind: 'subheading', text: labels.fields[key] }, ...blocks])
  const rich = (markdown: string): Block[] => (markdown.trim() === '' ? [] : [{ kind: 'rich', blocks: parseFreeText(markdown) }])
  switch (text.shape) {
    case 'text':
      return text.markdown ? headed(...rich(text.text)) : headed({ kind: 'text', text: text.text })
    case 'list':
      return headed({ kind: 'list', items: text.items })
    case 'table':
      return headed({
        kind: 'table',
        caption: labels.fields[key],
        columns: text.columns.map((column) => labels.parts[column.key]),
        rows: text.rows.map((row) => row.map((cell) => cell ?? labels.notGiven)),
      })
    case 'outcome': {
      const kinds: Block[] = text.kinds === '' ? [] : [{ kind: 'facts', facts: [[labels.parts.kinds, text.kinds]] }]
      return headed(...kinds, ...rich(text.description))
    }
  }
}

/** Per field: where it came from ("fra: <step>, <frame>, N lapper") and the notes' texts; authors only when given. */
function sourcesSection(description: DescriptionExport, labels: ExportLabels): ExportSection[] {
  const blocks: Block[] = []
  for (const field of editableFieldKeys as readonly EditableFieldKey[]) {
    const refs = description.sources[field] ?? []
    if (refs.length === 0) continue
    blocks.push({ kind: 'subheading', text: labels.fields[field] })
    for (const ref of refs) {
      blocks.push({ kind: 'text', text: labels.sourceLine(ref.stepTitle, ref.frameName, ref.notes.length) })
      if (ref.notes.length > 0) blocks.push({ kind: 'list', items: ref.notes.map((note) => noteLine(ref, note, description, labels)) })
    }
  }
  return blocks.length === 0 ? [] : [{ heading: labels.sources, blocks }]
}

function noteLine(ref: SourceRef, note: SourceRef['notes'][number], description: DescriptionExport, labels: ExportLabels): string {
  const author = description.authors?.get(noteKey(ref.boardId, note.id))
  return author === undefined ? note.text : `${note.text} (${labels.writtenBy(author)})`
}
