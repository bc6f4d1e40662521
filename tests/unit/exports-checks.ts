import JSZip from 'jszip'
import mammoth from 'mammoth'
import { expect } from 'vitest'

// Format-by-format checks that nothing in an export is active, shared by the
// renderer tests and the HTTP tests. There is no HTML or Markdown parser among
// the dependencies, so the HTML check tokenises strictly instead: every "<" in
// the page must open a tag of the small set the renderer writes, with only the
// attributes it writes. A payload's "<" that got through unescaped fails it.

const allowedTags = new Set(
  ('html head meta title style link body header nav main article aside section footer h1 h2 h3 h4 p br strong em s code ' +
    'ul ol li dl dt dd table caption thead tbody tr th td a ins del span').split(' '),
)
const allowedAttributes = new Set(
  'lang charset name content http-equiv class role scope href download aria-current aria-label aria-labelledby id start rel type'.split(' '),
)

export interface HtmlTag {
  name: string
  closing: boolean
  attributes: Record<string, string>
}

/** Every tag of an HTML page (the stylesheet's text skipped); fails on a "<" that opens no known tag. */
export function htmlTags(html: string): HtmlTag[] {
  const body = html.replace(/^<!doctype html>\n/i, '').replace(/(<style>)[^<]*(<\/style>)/, '$1$2')
  const tags: HtmlTag[] = []
  const tag = /^<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>/
  for (let at = body.indexOf('<'); at !== -1; at = body.indexOf('<', at + 1)) {
    const match = tag.exec(body.slice(at))
    expect(match, `a "<" that opens no tag: ${body.slice(at, at + 60)}`).not.toBeNull()
    const [, closing = '', name = '', rest = ''] = match ?? []
    const attributes = Object.fromEntries([...rest.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map(([, key = '', value = '']) => [key, value]))
    tags.push({ name, closing: closing === '/', attributes })
  }
  return tags
}

/** The page holds only the renderer's own tags and attributes: no script, no handler, no foreign link. */
export function expectInertHtml(html: string): void {
  for (const { name, attributes } of htmlTags(html)) {
    expect(allowedTags, `tag <${name}>`).toContain(name)
    for (const [attribute, value] of Object.entries(attributes)) {
      expect(allowedAttributes, `attribute ${attribute} on <${name}>`).toContain(attribute)
      expect(attribute.startsWith('on'), attribute).toBe(false)
      if (attribute === 'href') expect(value, 'links stay on this site').toMatch(/^(\/(?!\/)|#)/)
    }
  }
}

/** Characters that open a Markdown link, image, HTML or autolink, not preceded by a backslash of their own. */
export function unescapedMarkdown(markdown: string): string[] {
  const found: string[] = []
  const lines = markdown.split('\n')
  for (const line of lines) {
    // The renderer's own syntax: the warning's quote marker at the start of a line.
    const content = line.replace(/^> /, '')
    for (const match of content.matchAll(/(\\*)([[\]()<>])/g)) {
      const [, backslashes = '', char = ''] = match
      if (backslashes.length % 2 === 0) found.push(`${char} in: ${line.slice(0, 80)}`)
    }
  }
  return found
}

/** The text of a .docx as mammoth reads it, and its main XML part. */
export async function readDocx(bytes: Buffer | Uint8Array): Promise<{ html: string; text: string; documentXml: string; allXml: string }> {
  const buffer = Buffer.from(bytes)
  const [{ value: html }, { value: text }, zip] = await Promise.all([
    mammoth.convertToHtml({ buffer }),
    mammoth.extractRawText({ buffer }),
    JSZip.loadAsync(buffer),
  ])
  const documentXml = (await zip.file('word/document.xml')?.async('string')) ?? ''
  const parts = await Promise.all(
    Object.values(zip.files)
      .filter((file) => !file.dir)
      .map((file) => file.async('string')),
  )
  return { html, text, documentXml, allXml: parts.join('\n') }
}

/** A Word document whose text is only text: no hyperlinks, fields or embedded HTML. */
export function expectInertDocx(documentXml: string): void {
  expect(documentXml).not.toContain('<w:hyperlink')
  expect(documentXml).not.toContain('<w:fldSimple')
  expect(documentXml).not.toContain('<w:instrText')
  expect(documentXml).not.toContain('<w:altChunk')
  expect(documentXml).not.toMatch(/<script|<img/i)
}
