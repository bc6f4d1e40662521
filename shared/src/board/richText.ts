// tldraw's rich text (TipTap JSON) as plain text and as Markdown, without a DOM.
// Board records come from any participant's browser, so every node is treated as
// unknown input: a missing or odd field costs formatting, never text, and nothing
// a person typed can become Markdown syntax (a link, an image, HTML).
import type { TLRichText } from '@tldraw/tlschema'

interface RichNode {
  type: string
  text: string | null
  content: RichNode[]
  marks: RichMark[]
  attrs: Record<string, unknown>
}

interface RichMark {
  type: string
  href: string | null
}

type Format = 'plain' | 'markdown'

/** Link schemes that stay links in Markdown; any other link (javascript:, data:, relative) keeps only its text. */
const safeLinkProtocols: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:'])

/**
 * The text of a note, one line per paragraph, list items as "- x" / "1. x", hard breaks as newlines.
 * @example richTextToPlain(toRichText('a\nb')) // 'a\nb'
 */
export function richTextToPlain(richText: TLRichText | null | undefined): string {
  return renderBlocks(toNode(richText).content, 'plain').join('\n')
}

/** The same text as Markdown: emphasis, code, safe links and lists kept, everything else escaped. */
export function richTextToMarkdown(richText: TLRichText | null | undefined): string {
  return renderBlocks(toNode(richText).content, 'markdown')
    .filter((block) => block !== '')
    .join('\n\n')
}

/**
 * Escapes every character that Markdown (CommonMark and GFM) could read as syntax, so the text renders
 * as itself: no emphasis, link, image, HTML, entity, table, code or list can start from it.
 * Characters that are syntax only at the start of a line (`-`, `+`, `=`, `1.`) are escaped there.
 * @example escapeMarkdown('[x](javascript:alert(1))') // '\\[x\\]\\(javascript:alert\\(1\\)\\)'
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#<>|~]|!(?=\[)|&(?=[#A-Za-z0-9])/g, '\\$&')
    .replace(/^([ \t]*)([-+=])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)\./gm, '$1\\.')
}

interface Block {
  text: string
  /** A list that may follow an item's text without a blank line (CommonMark: bullets, or numbers from 1). */
  list: boolean
}

/** Block nodes rendered one by one; runs of inline nodes outside a paragraph become a paragraph of their own. */
function renderBlocks(nodes: readonly RichNode[], format: Format): string[] {
  return blocksOf(nodes, format).map((block) => block.text)
}

function blocksOf(nodes: readonly RichNode[], format: Format): Block[] {
  const blocks: Block[] = []
  let inline: RichNode[] = []
  const flushInline = (): void => {
    if (inline.length > 0) blocks.push({ text: renderInline(inline, format), list: false })
    inline = []
  }
  for (const node of nodes) {
    if (isInline(node)) {
      inline.push(node)
      continue
    }
    flushInline()
    blocks.push(...renderBlock(node, format))
  }
  flushInline()
  return blocks
}

function renderBlock(node: RichNode, format: Format): Block[] {
  switch (node.type) {
    case 'paragraph':
      return [{ text: renderInline(node.content, format), list: false }]
    case 'heading': {
      const text = renderInline(node.content, format)
      const level = Math.min(6, Math.max(1, Math.trunc(Number(node.attrs.level) || 1)))
      return [{ text: format === 'markdown' && text !== '' ? `${'#'.repeat(level)} ${text}` : text, list: false }]
    }
    case 'bulletList':
    case 'orderedList': {
      const text = renderList(node, format)
      return [{ text, list: /^(- |1\. )\S/.test(text) }]
    }
    default:
      // Unknown blocks (blockquote, codeBlock, a future node): keep their content.
      return blocksOf(node.content, format)
  }
}

/** One line per item; an item's further lines are indented under its text, so nested lists stay nested. */
function renderList(list: RichNode, format: Format): string {
  const startAttr = Math.trunc(Number(list.attrs.start))
  let number = Number.isFinite(startAttr) && startAttr >= 0 ? startAttr : 1
  const lines = list.content.map((item) => {
    const marker = list.type === 'orderedList' ? `${number++}. ` : '- '
    let blocks = blocksOf(item.type === 'listItem' ? item.content : [item], format)
    if (format === 'markdown') blocks = blocks.filter((block) => block.text !== '')
    const body = blocks.reduce(
      (text, block, i) => (i === 0 ? block.text : `${text}${block.list || format === 'plain' ? '\n' : '\n\n'}${block.text}`),
      '',
    )
    const indent = ' '.repeat(marker.length)
    return `${marker}${body.split('\n').join(`\n${indent}`)}`.replace(/[ \t]+$/gm, '')
  })
  return lines.join('\n')
}

function isInline(node: RichNode): boolean {
  return node.type === 'text' || node.type === 'hardBreak' || (node.text !== null && node.content.length === 0)
}

/** Inline nodes to text; in Markdown, marks open and close as the runs of text change. */
function renderInline(nodes: readonly RichNode[], format: Format): string {
  const flat = nodes.flatMap(flattenInline)
  if (format === 'plain') {
    return flat.map((node) => (node.type === 'hardBreak' ? '\n' : plainWithLink(node))).join('')
  }
  let out = ''
  let open: RichMark[] = []
  /** Whitespace held back so that a closing delimiter can go before it (`**a** b`, not `**a **b`). */
  let pendingSpace = ''
  const closeTo = (keep: number): void => {
    while (open.length > keep) out += closeMark(open.pop() as RichMark)
  }
  for (const node of flat) {
    if (node.type === 'hardBreak') {
      closeTo(0)
      out += `${pendingSpace}\\\n`
      pendingSpace = ''
      continue
    }
    const text = node.text ?? ''
    const core = text.trim()
    if (core === '') {
      pendingSpace += text
      continue
    }
    const marks = markdownMarks(node.marks)
    let keep = 0
    while (keep < open.length && keep < marks.length && sameMark(open[keep] as RichMark, marks[keep] as RichMark)) keep++
    closeTo(keep)
    out += pendingSpace + (/^\s*/.exec(text)?.[0] ?? '')
    for (const mark of marks.slice(keep)) out += openMark(mark)
    open = marks
    const code = node.marks.some((mark) => mark.type === 'code')
    out += code ? codeSpan(core) : escapeMarkdown(core)
    pendingSpace = /\s*$/.exec(text)?.[0] ?? ''
  }
  closeTo(0)
  // A break at the very end would show as a stray backslash; indentation at the start would make a code block.
  return (out.replace(/(\\\n)+$/, '') + pendingSpace).replace(/^[ \t]+/, '')
}

/** Text nodes and hard breaks; an unknown inline node gives its own text or its children's. */
function flattenInline(node: RichNode): RichNode[] {
  if (node.type === 'hardBreak') return [node]
  // A newline inside a text node is a line break too (Markdown would fold it into a space).
  if (node.text !== null) {
    return node.text.split('\n').flatMap((line, i) => [
      ...(i > 0 ? [{ ...node, type: 'hardBreak', text: null }] : []),
      { ...node, type: 'text', text: line },
    ])
  }
  return node.content.flatMap(flattenInline)
}

/** Plain text keeps a safe link's address after its text, so nothing is lost. */
function plainWithLink(node: RichNode): string {
  const text = node.text ?? ''
  const href = node.marks.find((mark) => mark.type === 'link')?.href?.trim() ?? null
  return href === null || safeHref(href) === null || text.trim() === '' || text.includes(href) ? text : `${text} (${href})`
}

/** Marks Markdown can show, outermost first; the order is fixed so that adjacent runs nest alike. */
function markdownMarks(marks: readonly RichMark[]): RichMark[] {
  const order = ['link', 'bold', 'italic', 'strike']
  return marks
    .filter((mark) => order.includes(mark.type) && (mark.type !== 'link' || safeHref(mark.href) !== null))
    .sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type))
}

function sameMark(a: RichMark, b: RichMark): boolean {
  return a.type === b.type && a.href === b.href
}

function openMark(mark: RichMark): string {
  return { link: '[', bold: '**', italic: '_', strike: '~~' }[mark.type] ?? ''
}

function closeMark(mark: RichMark): string {
  if (mark.type === 'link') return `](${markdownUrl(safeHref(mark.href) ?? '')})`
  return openMark(mark)
}

/** A code span whose fence is longer than any run of backticks inside it; its content is literal. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

/** The normalised address of an http(s) or mailto link, else null. */
function safeHref(href: string | null): string | null {
  if (href === null) return null
  try {
    const url = new URL(href.trim())
    return safeLinkProtocols.has(url.protocol) ? url.href : null
  } catch {
    return null
  }
}

/** Percent-encodes what could end a Markdown link destination early or open something new. */
function markdownUrl(href: string): string {
  return href.replace(/[\s()[\]<>"'`\\]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
}

/** Reads one TipTap node from unknown JSON; anything unreadable becomes an empty node. */
function toNode(value: unknown): RichNode {
  const record = isRecord(value) ? value : {}
  const content = Array.isArray(record.content) ? record.content.map(toNode) : []
  const marks = Array.isArray(record.marks) ? record.marks.filter(isRecord).map(toMark) : []
  return {
    type: typeof record.type === 'string' ? record.type : '',
    text: typeof record.text === 'string' ? record.text : null,
    content,
    marks,
    attrs: isRecord(record.attrs) ? record.attrs : {},
  }
}

function toMark(mark: Record<string, unknown>): RichMark {
  const href = isRecord(mark.attrs) && typeof mark.attrs.href === 'string' ? mark.attrs.href : null
  return { type: typeof mark.type === 'string' ? mark.type : '', href }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
