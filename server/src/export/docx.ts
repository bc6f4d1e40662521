import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx'
import { describeForExport, type Block, type ExportDocument } from './descriptionDocument.ts'
import { exportLabels } from './exportLabels.ts'
import type { DescriptionExport } from './exportInput.ts'
import type { Inline, RichBlock } from './freeText.ts'

// A real Word document: Word's own heading styles (so its navigation pane and
// table of contents work), its list numbering, and tables with a repeating
// header row. Every piece of description text goes into a plain TextRun, which
// docx writes as escaped XML text: nothing in it can become a field code, a
// hyperlink or markup.

interface RunStyle {
  bold?: boolean
  italics?: boolean
  strike?: boolean
  color?: string
  font?: string
  /** In half-points. */
  size?: number
}

/**
 * XML 1.0 cannot hold most control characters (a document with one does not
 * open), and a lone CR would be read back as a line feed: drop the first, make
 * line breaks plain.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const notXmlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu

function xmlText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(notXmlCharacter, '')
}

/** A line-broken text as runs: each line after the first starts with a break. */
function runs(text: string, style: RunStyle = {}): TextRun[] {
  return xmlText(text)
    .split('\n')
    .map((line, index) => new TextRun({ text: line, break: index === 0 ? 0 : 1, ...style }))
}

function inlineRuns(inlines: readonly Inline[], base: RunStyle = {}): TextRun[] {
  return inlines.flatMap((inline) => {
    if (inline.kind === 'break') return [new TextRun({ break: 1 })]
    const { bold, italic, strike, code } = inline.marks
    return runs(inline.text, { ...base, bold, italics: italic, strike, ...(code ? { font: 'Consolas' } : {}) })
  })
}

/** Ordered lists share one numbering definition; each list is its own instance, so each starts again at 1. */
const orderedList = 'ordered-list'

interface RenderContext {
  nextListInstance: number
}

function richParagraphs(blocks: readonly RichBlock[], context: RenderContext, level = 0, style: RunStyle = {}): Paragraph[] {
  return blocks.flatMap((block): Paragraph[] => {
    if (block.kind === 'paragraph') return [new Paragraph({ children: inlineRuns(block.inlines, style), ...(level > 0 ? { indent: { left: 720 * level } } : {}) })]
    if (block.kind === 'heading') return [new Paragraph({ heading: HeadingLevel.HEADING_4, children: inlineRuns(block.inlines) })]
    const instance = context.nextListInstance++
    return block.items.flatMap((item) => {
      const [first, ...rest] = item
      const marker = block.ordered ? { numbering: { reference: orderedList, level, instance } } : { bullet: { level } }
      const head = first?.kind === 'paragraph' ? [new Paragraph({ ...marker, children: inlineRuns(first.inlines, style) })] : [new Paragraph({ ...marker })]
      const tail = first?.kind === 'paragraph' ? rest : item
      return [...head, ...richParagraphs(tail, context, level + 1, style)]
    })
  })
}

function paragraphs(text: string): Paragraph[] {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => new Paragraph({ children: runs(paragraph.split('\n').map((line) => line.trim()).join('\n')) }))
}

function table(item: Extract<Block, { kind: 'table' }>): FileChild[] {
  const cell = (text: string, bold: boolean) => new TableCell({ children: [new Paragraph({ children: runs(text, { bold }) })] })
  return [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: item.columns.map((column) => cell(column, true)) }),
        ...item.rows.map((row) => new TableRow({ children: row.map((text) => cell(text, false)) })),
      ],
    }),
    // Word joins two adjacent tables into one; an empty paragraph keeps them apart.
    new Paragraph({}),
  ]
}

function block(item: Block, context: RenderContext): FileChild[] {
  switch (item.kind) {
    case 'text':
      return paragraphs(item.text)
    case 'rich':
      return richParagraphs(item.blocks, context)
    case 'subheading':
      return [new Paragraph({ heading: HeadingLevel.HEADING_3, children: runs(item.text) })]
    case 'list':
      return item.items.map((entry) => new Paragraph({ bullet: { level: 0 }, children: runs(entry) }))
    case 'facts':
      return item.facts.map(([label, value]) => new Paragraph({ children: [...runs(`${label}: `, { bold: true }), ...runs(value)] }))
    case 'table':
      return table(item)
  }
}

/** The document model as a Word document. */
export function buildWordDocument(document: ExportDocument, locale: string): Document {
  const context: RenderContext = { nextListInstance: 1 }
  const children: FileChild[] = [new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(document.title) })]
  if (document.municipality !== '') children.push(new Paragraph({ children: runs(document.municipality, { bold: true, size: 28 }) }))
  if (document.warning !== null) {
    const border = { style: BorderStyle.SINGLE, size: 12, color: 'A40000', space: 4 }
    children.push(
      new Paragraph({
        border: { top: border, bottom: border, left: border, right: border },
        children: runs(document.warning, { bold: true, color: '700000' }),
      }),
    )
  }
  children.push(new Paragraph({ children: runs(document.status, { italics: true }) }))
  // The ingress, a size larger than the body text (13 pt).
  children.push(...richParagraphs(document.lead, context, 0, { size: 26 }))
  for (const section of document.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs(section.heading) }))
    children.push(...section.blocks.flatMap((item) => block(item, context)))
  }
  return new Document({
    title: xmlText(document.titleLine),
    subject: xmlText(document.municipality),
    creator: 'Samskap',
    styles: { default: { document: { run: { language: { value: locale } } } } },
    numbering: {
      config: [
        {
          reference: orderedList,
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [{ children }],
  })
}

/** `GET …/export/docx`: the description as a .docx file. */
export async function renderDocx(description: DescriptionExport): Promise<Buffer> {
  const labels = exportLabels(description.fields.languageForm)
  return Packer.toBuffer(buildWordDocument(describeForExport(description, labels), labels.locale))
}
