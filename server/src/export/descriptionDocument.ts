import type { EditableFieldKey, FieldKey, SourceRef } from '../../../shared/src/description/challengeDescription.ts'
import { editableFieldKeys } from '../../../shared/src/description/challengeDescription.ts'
import { fieldText, isEmptyText } from '../../../shared/src/description/fieldText.ts'
import { leadAndBackground, leadFields, municipalityLine, namesItsFields, titleLine } from '../../../shared/src/description/documentLayout.ts'
import { descriptionSections } from '../../../shared/src/description/labels.ts'
import { formatDate, type ExportLabels } from './exportLabels.ts'
import { noteKey, type DescriptionExport } from './exportInput.ts'
import { parseFreeText, plainTextOf, type RichBlock } from './freeText.ts'

// One place decides what a printed description says and in which order (the
// sections of labels.ts, as the editor shows them); the Markdown, HTML, DOCX
// renderers and the public page only decide how each block looks, so they
// cannot drift apart. Strings in blocks are plain text, except 'rich' blocks
// (the free-text fields, read from Markdown into inert blocks): each renderer
// escapes for its format.
//
// The layout (documentLayout.ts): the challenge's name is the title, with the
// lead municipality ("Grue kommune") right under it and the summary as the
// ingress. The drafter opens the background with the challenge's summary, so
// where the background's opening reads as the summary, that opening is the
// ingress and the background goes on after it: the reader sees it once.
//
// No heading is printed twice: a section of one field shows no sub-heading
// (its heading names the field), the sources name their fields as "Kilder til
// …", and a heading someone wrote into free text that repeats one already
// printed is printed as bold text instead.

export type Block =
  | { kind: 'text'; text: string }
  | { kind: 'rich'; blocks: RichBlock[] }
  | { kind: 'list'; items: string[] }
  /** `captionShown` is false where the sub-heading right above already says the caption (the caption stays for screen readers). */
  | { kind: 'table'; caption: string; captionShown: boolean; columns: string[]; rows: string[][] }
  | { kind: 'facts'; facts: [label: string, value: string][] }
  | { kind: 'subheading'; text: string }

export interface ExportSection {
  heading: string
  blocks: Block[]
}

export interface ExportDocument {
  lang: 'nb' | 'nn'
  /** The challenge's name. */
  title: string
  /** The lead municipality as running text names it ("Grue kommune"), printed with the title; '' when none. */
  municipality: string
  /** The title with the municipality, for a page's `<title>` and a file's title property. */
  titleLine: string
  /** The ingress under the title: the summary (see leadAndBackground); empty when there is none. */
  lead: RichBlock[]
  /** The names warning, shown first when the document carries participants' names. */
  warning: string | null
  /** The version and when and by whom it was published, or that it is a draft. */
  status: string
  sections: ExportSection[]
}

/** Fields shown as short labelled facts at the top of their section rather than under a heading of their own. */
const factFields: ReadonlySet<FieldKey> = new Set([
  'leadMunicipality',
  'coApplicants',
  'followerMunicipalities',
  'themes',
  'answerDeadline',
  'contactPoint',
  'languageForm',
  'sourceBoards',
])

/** The description as a title, a lead and headed sections of blocks, in the labels' language form; empty fields and sections are left out. */
export function describeForExport(description: DescriptionExport, labels: ExportLabels): ExportDocument {
  const { lead, background } = leadAndBackground(description.fields)
  const shown: DescriptionExport = { ...description, fields: { ...description.fields, background } }
  const sections: ExportSection[] = []
  for (const section of descriptionSections) {
    const facts = section.fields.filter((key) => factFields.has(key)).flatMap((key) => fact(key, shown, labels))
    const heading = section.heading[labels.lang]
    const subheadings = namesItsFields(section, factFields)
    const blocks = section.fields
      .filter((key) => !factFields.has(key) && !leadFields.has(key))
      .flatMap((key) => fieldBlocks(key, shown, labels, subheadings))
      // A field named like its section ("Slik svarer dere") needs no heading of its own.
      .filter((block) => !(block.kind === 'subheading' && block.text === heading))
    if (section.key === 'document') facts.push(...publicationFacts(description, labels))
    if (facts.length + blocks.length > 0) {
      sections.push({ heading, blocks: [...(facts.length > 0 ? [{ kind: 'facts' as const, facts }] : []), ...blocks] })
    }
  }
  sections.push(...sourcesSection(description, labels))
  const title = description.fields.title
  const municipality = municipalityLine(description.fields.leadMunicipality.name, labels.lang)
  return withoutRepeatedHeadings({
    lang: labels.lang,
    title,
    municipality,
    titleLine: titleLine(title, municipality),
    lead: lead.trim() === '' ? [] : parseFreeText(lead),
    warning: description.authors === undefined ? null : labels.namesWarning,
    status: publicationStatus(description, labels),
    sections,
  })
}

/**
 * Headings in free text that repeat the document's own (title, sections, fields) or one written earlier
 * become bold paragraphs: no heading is printed twice.
 */
function withoutRepeatedHeadings(document: ExportDocument): ExportDocument {
  const seen = new Set<string>([document.title, ...document.sections.flatMap((section) => [
    section.heading,
    ...section.blocks.flatMap((block) => (block.kind === 'subheading' ? [block.text] : [])),
  ])].map(headingKey))
  const demote = (blocks: readonly RichBlock[]): RichBlock[] =>
    blocks.map((block) => {
      if (block.kind === 'list') return { ...block, items: block.items.map(demote) }
      if (block.kind !== 'heading') return block
      const key = headingKey(plainTextOf([block]))
      if (!seen.has(key)) {
        seen.add(key)
        return block
      }
      return { kind: 'paragraph', inlines: block.inlines.map((inline) => (inline.kind === 'text' ? { ...inline, marks: { ...inline.marks, bold: true } } : inline)) }
    })
  const lead = demote(document.lead)
  const sections = document.sections.map((section) => ({
    ...section,
    blocks: section.blocks.map((block): Block => (block.kind === 'rich' ? { kind: 'rich', blocks: demote(block.blocks) } : block)),
  }))
  return { ...document, lead, sections }
}

const headingKey = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase()

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

/** A field, under its own heading when its section names its fields, or nothing when it is empty. */
function fieldBlocks(key: FieldKey, { fields }: DescriptionExport, labels: ExportLabels, subheading: boolean): Block[] {
  const text = fieldText(key, fields[key], labels.lang)
  if (isEmptyText(text)) return []
  const headed = (...blocks: Block[]): Block[] =>
    blocks.length === 0 ? [] : subheading ? [{ kind: 'subheading', text: labels.fields[key] }, ...blocks] : blocks
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
        captionShown: !subheading,
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
    blocks.push({ kind: 'subheading', text: labels.sourcesOf(labels.fields[field]) })
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
