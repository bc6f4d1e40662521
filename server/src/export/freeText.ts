// The free-text fields of a description are Markdown (the drafter writes lists
// and bold sub-headings; note texts in it are escaped by richTextToMarkdown).
// Exports keep that structure but must not let anything in it become active, so
// this reads only a small, inert subset: paragraphs, line breaks, "#" headings,
// bullet and numbered lists, bold, italic, strikethrough and code. Everything
// else stays text: HTML is text, and a link or image becomes its text followed
// by its address in brackets (http, https and mailto only; other addresses are
// dropped), so no export ever holds a live link, an image or markup from a note.

export interface Marks {
  bold: boolean
  italic: boolean
  strike: boolean
  code: boolean
}

export type Inline = { kind: 'text'; text: string; marks: Marks } | { kind: 'break' }

export type RichBlock =
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'heading'; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: RichBlock[][] }

const listMarker = /^( {0,3})([-*+]|\d{1,9}[.)])( +|$)(.*)$/
const headingLine = /^ {0,3}#{1,6}(?: +(.*?))?(?: +#+)? *$/
const asciiPunctuation = /^[!-/:-@[-`{-~]$/
const safeProtocols = new Set(['http:', 'https:', 'mailto:'])

const indentOf = (line: string) => /^ */.exec(line)?.[0].length ?? 0
const isBlank = (line: string) => line.trim() === ''

/** Reads Markdown free text into inert blocks. */
export function parseFreeText(markdown: string): RichBlock[] {
  return parseBlocks(markdown.replace(/\r\n?/g, '\n').split('\n'))
}

function parseBlocks(lines: readonly string[]): RichBlock[] {
  const blocks: RichBlock[] = []
  let paragraph: string[] = []
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', inlines: parseInline(paragraph.join('\n')) })
    paragraph = []
  }
  let i = 0
  while (i < lines.length) {
    const line = lines[i] as string
    const heading = headingLine.exec(line)
    if (isBlank(line) || heading !== null || listMarker.test(line)) flush()
    if (isBlank(line)) {
      i++
    } else if (heading !== null) {
      blocks.push({ kind: 'heading', inlines: parseInline(heading[1] ?? '') })
      i++
    } else if (listMarker.test(line)) {
      const [list, next] = parseList(lines, i)
      blocks.push(list)
      i = next
    } else {
      paragraph.push(line.trim())
      i++
    }
  }
  flush()
  return blocks
}

/** A list from line `start`: items of the same kind, each with the lines indented under it (or lazily continuing it). */
function parseList(lines: readonly string[], start: number): [RichBlock, number] {
  const first = listMarker.exec(lines[start] as string) as RegExpExecArray
  const ordered = /\d/.test(first[2] as string)
  const list: Extract<RichBlock, { kind: 'list' }> = { kind: 'list', ordered, start: ordered ? Number.parseInt(first[2] as string, 10) : 1, items: [] }
  let i = start
  for (;;) {
    const marker = listMarker.exec(lines[i] ?? '')
    if (marker === null || /\d/.test(marker[2] as string) !== ordered) break
    const width = (marker[1] as string).length + (marker[2] as string).length + Math.max(1, (marker[3] as string).length)
    const item = [marker[4] as string]
    i++
    while (i < lines.length) {
      const next = lines[i] as string
      if (isBlank(next)) {
        const after = nextFilled(lines, i)
        if (after < lines.length && indentOf(lines[after] as string) >= width) {
          item.push(...lines.slice(i, after).map(() => ''))
          i = after
          continue
        }
        break
      }
      if (indentOf(next) >= width) item.push(next.slice(width))
      else if (listMarker.test(next) || headingLine.test(next)) break
      else item.push(next)
      i++
    }
    list.items.push(parseBlocks(item))
    // Blank lines between two items of one list do not end it.
    const after = nextFilled(lines, i)
    const again = listMarker.exec(lines[after] ?? '')
    if (after > i && again !== null && /\d/.test(again[2] as string) === ordered && indentOf(lines[after] as string) < width) i = after
  }
  return [list, i]
}

function nextFilled(lines: readonly string[], from: number): number {
  let i = from
  while (i < lines.length && isBlank(lines[i] as string)) i++
  return i
}

interface Delimiter {
  kind: 'delimiter'
  char: '*' | '_' | '~'
  count: number
  canOpen: boolean
  canClose: boolean
  opens: (keyof Marks)[]
  closes: (keyof Marks)[]
}
type Token = Inline | Delimiter

const whitespace = (char: string) => /^\s$/u.test(char)
const punctuation = (char: string) => /^[\p{P}\p{S}]$/u.test(char)

/** Inline Markdown to runs of text with marks; unmatched delimiters and unknown syntax stay text. */
export function parseInline(source: string): Inline[] {
  const tokens: Token[] = []
  let text = ''
  const flushText = () => {
    if (text !== '') tokens.push({ kind: 'text', text, marks: noMarks })
    text = ''
  }
  let i = 0
  while (i < source.length) {
    const char = source[i] as string
    const next = source[i + 1] ?? ''
    if (char === '\\' && next === '\n') {
      flushText()
      tokens.push({ kind: 'break' })
      i += 2
    } else if (char === '\\' && asciiPunctuation.test(next)) {
      text += next
      i += 2
    } else if (char === '\n') {
      flushText()
      tokens.push({ kind: 'break' })
      i++
    } else if (char === '`') {
      const run = /^`+/.exec(source.slice(i))?.[0] ?? '`'
      const end = findCodeEnd(source, i + run.length, run.length)
      if (end === -1) {
        text += run
        i += run.length
      } else {
        flushText()
        let code = source.slice(i + run.length, end).replace(/\n/g, ' ')
        if (/^ .* $/.test(code) && code.trim() !== '') code = code.slice(1, -1)
        tokens.push({ kind: 'text', text: code, marks: { ...noMarks, code: true } })
        i = end + run.length
      }
    } else if ((char === '[' || (char === '!' && next === '[')) && linkAt(source, char === '!' ? i + 1 : i) !== null) {
      const link = linkAt(source, char === '!' ? i + 1 : i) as { label: string; href: string; length: number }
      text += linkText(link.label, link.href)
      i += (char === '!' ? 1 : 0) + link.length
    } else if (char === '*' || char === '_' || char === '~') {
      const run = new RegExp(`^\\${char}+`).exec(source.slice(i))?.[0] ?? char
      flushText()
      tokens.push(delimiter(char, run.length, source[i - 1] ?? ' ', source[i + run.length] ?? ' '))
      i += run.length
    } else {
      text += char
      i++
    }
  }
  flushText()
  matchDelimiters(tokens)
  return applyMarks(tokens)
}

const noMarks: Marks = { bold: false, italic: false, strike: false, code: false }

function findCodeEnd(source: string, from: number, length: number): number {
  const pattern = new RegExp(`(?<!\`)\`{${length}}(?!\`)`, 'g')
  pattern.lastIndex = from
  return pattern.exec(source)?.index ?? -1
}

/** `[label](href)` at `at`, as richTextToMarkdown writes links (their addresses percent-encoded). */
function linkAt(source: string, at: number): { label: string; href: string; length: number } | null {
  const match = /^\[((?:\\[\s\S]|[^\\\]])*)\]\(([^\s()]*)\)/.exec(source.slice(at))
  return match === null ? null : { label: match[1] as string, href: match[2] as string, length: match[0].length }
}

/** A link's (or image's) text and, when it is a web or mail address, the address after it. */
function linkText(label: string, href: string): string {
  const text = parseInline(label)
    .map((inline) => (inline.kind === 'text' ? inline.text : ' '))
    .join('')
  const address = safeAddress(href)
  if (address === null || text.includes(address)) return text
  return text.trim() === '' ? address : `${text} (${address})`
}

function safeAddress(href: string): string | null {
  try {
    const url = new URL(href)
    return safeProtocols.has(url.protocol) ? url.href : null
  } catch {
    return null
  }
}

/** CommonMark's flanking rules, so that `2 * 3 * 4` and snake_case stay text. */
function delimiter(char: '*' | '_' | '~', count: number, before: string, after: string): Delimiter {
  const left = !whitespace(after) && (!punctuation(after) || whitespace(before) || punctuation(before))
  const right = !whitespace(before) && (!punctuation(before) || whitespace(after) || punctuation(after))
  const canOpen = char === '_' ? left && (!right || punctuation(before)) : left
  const canClose = char === '_' ? right && (!left || punctuation(after)) : right
  return { kind: 'delimiter', char, count, canOpen, canClose, opens: [], closes: [] }
}

/** Pairs openers with closers of the same character; inner pairs are found first. */
function matchDelimiters(tokens: Token[]): void {
  const openers: Delimiter[] = []
  for (const token of tokens) {
    if (token.kind !== 'delimiter') continue
    while (token.canClose && token.count > 0) {
      const index = openers.findLastIndex((opener) => opener.char === token.char && opener.count > 0 && (token.char !== '~' || opener.count >= 2))
      if (index === -1 || (token.char === '~' && token.count < 2)) break
      const opener = openers[index] as Delimiter
      const use = token.char === '~' || (opener.count >= 2 && token.count >= 2) ? 2 : 1
      const mark: keyof Marks = token.char === '~' ? 'strike' : use === 2 ? 'bold' : 'italic'
      opener.count -= use
      token.count -= use
      opener.opens.unshift(mark)
      token.closes.push(mark)
      openers.length = opener.count > 0 ? index + 1 : index
    }
    if (token.canOpen && token.count > 0) openers.push(token)
  }
}

function applyMarks(tokens: readonly Token[]): Inline[] {
  const depth: Record<keyof Marks, number> = { bold: 0, italic: 0, strike: 0, code: 0 }
  const out: Inline[] = []
  const emit = (text: string, code = false) => {
    if (text === '') return
    const marks: Marks = { bold: depth.bold > 0, italic: depth.italic > 0, strike: depth.strike > 0, code }
    const last = out.at(-1)
    if (last?.kind === 'text' && sameMarks(last.marks, marks)) last.text += text
    else out.push({ kind: 'text', text, marks })
  }
  for (const token of tokens) {
    if (token.kind === 'break') out.push(token)
    else if (token.kind === 'text') emit(token.text, token.marks.code)
    else {
      for (const mark of token.closes) depth[mark]--
      emit(token.char.repeat(token.count))
      for (const mark of token.opens) depth[mark]++
    }
  }
  return out
}

function sameMarks(a: Marks, b: Marks): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.strike === b.strike && a.code === b.code
}

/** The blocks' text without any formatting, e.g. for a search snippet. */
export function plainTextOf(blocks: readonly RichBlock[]): string {
  return blocks
    .map((block) =>
      block.kind === 'list'
        ? block.items.map((item) => plainTextOf(item)).join(' ')
        : block.inlines.map((inline) => (inline.kind === 'text' ? inline.text : ' ')).join(''),
    )
    .join(' ')
}
