import { escapeMarkdown } from '../../../shared/src/board/richText.ts'
import { describeForExport, type Block, type ExportDocument } from './descriptionDocument.ts'
import { exportLabels } from './exportLabels.ts'
import type { DescriptionExport } from './exportInput.ts'
import type { Inline, RichBlock } from './freeText.ts'

// Markdown written back from the document model: every piece of text goes
// through escapeMarkdown, and the only syntax in the file is what this renderer
// writes (headings, lists, tables, emphasis) — never a link, image or HTML.

/**
 * escapeMarkdown, and also what GFM viewers would turn into a live link on
 * their own: a web address (`http://…`, `www.…`) stays text. Mail addresses
 * may be linked: a contact point is meant to be written to.
 */
function escapeText(text: string): string {
  return escapeMarkdown(text)
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.')
}

/** Plain multi-line text: blank lines part paragraphs, line breaks are kept as hard breaks. */
function paragraphs(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.split('\n').map((line) => escapeText(line.trim())).join('\\\n'))
    .join('\n\n')
}

/** One line (table cells, list entries, headings): line breaks become spaces. */
const inline = (text: string) => escapeText(text.replace(/\s*\n\s*/g, ' ').trim())

/** A code span whose fence is longer than any run of backticks in it. */
function codeSpan(text: string): string {
  const fence = '`'.repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length)) + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

function inlines(runs: readonly Inline[]): string {
  return runs
    .map((run) => {
      if (run.kind === 'break') return '\\\n'
      // Delimiters must touch the text, so surrounding spaces stay outside them.
      const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text) ?? []
      if (core === '') return run.text
      const { bold, italic, strike, code } = run.marks
      let text = code ? codeSpan(core) : escapeText(core)
      if (strike) text = `~~${text}~~`
      if (italic) text = `*${text}*`
      if (bold) text = `**${text}**`
      return `${lead}${text}${trail}`
    })
    .join('')
    .replace(/(\\\n)+$/, '')
}

function rich(blocks: readonly RichBlock[]): string {
  return blocks
    .map((block) => {
      if (block.kind === 'paragraph') return inlines(block.inlines)
      if (block.kind === 'heading') return `#### ${inlines(block.inlines)}`
      return block.items
        .map((item, index) => {
          const marker = block.ordered ? `${block.start + index}. ` : '- '
          const body = rich(item).split('\n').join(`\n${' '.repeat(marker.length)}`)
          return `${marker}${body}`.replace(/[ \t]+$/gm, '')
        })
        .join('\n')
    })
    .join('\n\n')
}

function block(item: Block): string {
  switch (item.kind) {
    case 'text':
      return paragraphs(item.text)
    case 'rich':
      return rich(item.blocks)
    case 'subheading':
      return `### ${inline(item.text)}`
    case 'list':
      return item.items.map((entry) => `- ${inline(entry)}`).join('\n')
    case 'facts':
      return item.facts.map(([label, value]) => `- **${inline(label)}:** ${inline(value)}`).join('\n')
    case 'table': {
      const row = (cells: string[]) => `| ${cells.map((cell) => inline(cell) || ' ').join(' | ')} |`
      return [row(item.columns), `|${item.columns.map(() => ' --- |').join('')}`, ...item.rows.map(row)].join('\n')
    }
  }
}

/** The document as Markdown. */
export function renderMarkdownDocument(document: ExportDocument): string {
  const parts = [`# ${inline(document.title)}`]
  if (document.municipality !== '') parts.push(`**${inline(document.municipality)}**`)
  if (document.warning !== null) parts.push(`> **${inline(document.warning)}**`)
  parts.push(`*${inline(document.status)}*`)
  if (document.lead.length > 0) parts.push(rich(document.lead))
  for (const section of document.sections) parts.push(`## ${inline(section.heading)}`, ...section.blocks.map(block))
  return `${parts.join('\n\n')}\n`
}

/** `GET …/export/md`: the description as a Markdown file in its language form. */
export function renderMarkdown(description: DescriptionExport): string {
  return renderMarkdownDocument(describeForExport(description, exportLabels(description.fields.languageForm)))
}
