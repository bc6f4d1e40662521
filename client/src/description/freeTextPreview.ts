// The editor's preview reads the Markdown of free-text fields into a few inert
// blocks (headings, lists, paragraphs with line breaks) and inline marks (bold,
// italic, strikethrough, code), which React then renders as text: nothing in a
// note becomes markup, a link or an image. A link shows its text and its address.
// The exports read Markdown with their own, fuller reader (server/src/export/freeText.ts);
// this one only has to look the same for what the drafter and people write.

export interface PreviewInline {
  text: string
  bold?: boolean
  italic?: boolean
  strike?: boolean
  code?: boolean
  /** A line break before this text. */
  breakBefore?: boolean
}

export type PreviewBlock =
  | { kind: 'paragraph'; inlines: PreviewInline[] }
  | { kind: 'heading'; inlines: PreviewInline[] }
  | { kind: 'list'; ordered: boolean; items: PreviewInline[][] }

const headingLine = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/
const listLine = /^[ \t]*([-*+]|\d{1,9}[.)])[ \t]+(.*)$/

/**
 * Markdown free text as preview blocks.
 * @example previewBlocks('**Dette vet vi**\n- lite\n- mye') // a paragraph in bold, then a list of two
 */
export function previewBlocks(markdown: string): PreviewBlock[] {
  const blocks: PreviewBlock[] = []
  let paragraph: string[] = []
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', inlines: previewInlines(paragraph.join('\n')) })
    paragraph = []
  }
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = headingLine.exec(line)
    const item = listLine.exec(line)
    if (line.trim() === '') {
      endParagraph()
    } else if (heading !== null) {
      endParagraph()
      blocks.push({ kind: 'heading', inlines: previewInlines(heading[1] ?? '') })
    } else if (item !== null) {
      endParagraph()
      const ordered = /\d/.test(item[1] as string)
      const last = blocks.at(-1)
      const inlines = previewInlines(item[2] as string)
      if (last?.kind === 'list' && last.ordered === ordered) last.items.push(inlines)
      else blocks.push({ kind: 'list', ordered, items: [inlines] })
    } else {
      const last = blocks.at(-1)
      // A line right under a list item continues it (as a new line in the item).
      if (paragraph.length === 0 && last?.kind === 'list' && /^[ \t]/.test(line)) {
        const items = last.items
        items[items.length - 1] = [...(items.at(-1) ?? []), ...previewInlines(line.trim()).map((inline, index) => (index === 0 ? { ...inline, breakBefore: true } : inline))]
      } else {
        paragraph.push(line.trim())
      }
    }
  }
  endParagraph()
  return blocks
}

type Marks = Pick<PreviewInline, 'bold' | 'italic' | 'strike' | 'code'>

// One alternative per construct; the first that matches at a position wins.
const inlinePattern = new RegExp(
  [
    String.raw`\\(\n|[!-/:-@[-\x60{-~])`, // 1: a backslash escape or hard break
    String.raw`\x60([^\x60\n]+)\x60`, // 2: code
    String.raw`\*\*(?=\S)([\s\S]*?\S)\*\*`, // 3: bold
    String.raw`(?<![\p{L}\p{N}])__(?=\S)([\s\S]*?\S)__(?![\p{L}\p{N}])`, // 4: bold
    String.raw`~~(?=\S)([\s\S]*?\S)~~`, // 5: strikethrough
    String.raw`\*(?=[^\s*])([\s\S]*?[^\s*])\*`, // 6: italic
    String.raw`(?<![\p{L}\p{N}])_(?=\S)([\s\S]*?\S)_(?![\p{L}\p{N}])`, // 7: italic
    String.raw`!?\[((?:\\[\s\S]|[^\\\]])*)\]\(([^\s()]*)\)`, // 8, 9: link or image
    String.raw`\n`, // a soft line break
  ].join('|'),
  'gu',
)

/** Inline Markdown as runs of text with their marks. */
export function previewInlines(source: string, marks: Marks = {}): PreviewInline[] {
  const out: PreviewInline[] = []
  let pendingBreak = false
  const push = (text: string, withMarks: Marks) => {
    if (text === '') return
    const last = out.at(-1)
    if (!pendingBreak && last !== undefined && sameMarks(last, withMarks)) {
      last.text += text
      return
    }
    out.push({ text, ...withMarks, ...(pendingBreak ? { breakBefore: true } : {}) })
    pendingBreak = false
  }
  const pushAll = (inlines: PreviewInline[]) => {
    for (const inline of inlines) {
      if (inline.breakBefore) pendingBreak = true
      push(inline.text, { bold: inline.bold, italic: inline.italic, strike: inline.strike, code: inline.code })
    }
  }
  let at = 0
  for (const match of source.matchAll(inlinePattern)) {
    push(source.slice(at, match.index), marks)
    at = match.index + match[0].length
    const [whole, escaped, code, bold1, bold2, strike, italic1, italic2, label, href] = match
    if (whole === '\n' || escaped === '\n') pendingBreak = true
    else if (escaped !== undefined) push(escaped, marks)
    else if (code !== undefined) push(code, { ...marks, code: true })
    else if (bold1 !== undefined || bold2 !== undefined) pushAll(previewInlines(bold1 ?? bold2 ?? '', { ...marks, bold: true }))
    else if (strike !== undefined) pushAll(previewInlines(strike, { ...marks, strike: true }))
    else if (italic1 !== undefined || italic2 !== undefined) pushAll(previewInlines(italic1 ?? italic2 ?? '', { ...marks, italic: true }))
    else if (label !== undefined) pushAll(previewInlines(linkText(label, href ?? ''), marks))
  }
  push(source.slice(at), marks)
  return out
}

/** A link's text, then its address when it is a web or mail address; other addresses are left out. */
function linkText(label: string, href: string): string {
  const url = URL.parse(href)
  const address = url !== null && ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null
  if (address === null || label.includes(address)) return label
  return label.trim() === '' ? address.replace(/[\\*_~`[\]]/g, '\\$&') : `${label} (${address.replace(/[\\*_~`[\]]/g, '\\$&')})`
}

function sameMarks(a: Marks, b: Marks): boolean {
  return !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.strike === !!b.strike && !!a.code === !!b.code
}

/** The blocks' text without marks: what a screen reader or a test reads. */
export function previewText(blocks: readonly PreviewBlock[]): string {
  const line = (inlines: readonly PreviewInline[]) => inlines.map((inline) => `${inline.breakBefore ? '\n' : ''}${inline.text}`).join('')
  return blocks
    .map((block) => (block.kind === 'list' ? block.items.map((item) => `• ${line(item)}`).join('\n') : line(block.inlines)))
    .join('\n\n')
}
