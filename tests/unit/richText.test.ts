// Rich text (tldraw's TipTap JSON) as plain text and Markdown: lines, lists and marks survive, and
// nothing a person typed can become a Markdown link, image or HTML.
import { toRichText, type TLRichText } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { escapeMarkdown, richTextToMarkdown, richTextToPlain } from '../../shared/src/board/richText.ts'

type Node = Record<string, unknown>
const doc = (...content: Node[]): TLRichText => ({ type: 'doc', content })
const p = (...content: Node[]): Node => ({ type: 'paragraph', content })
const text = (value: string, ...marks: Node[]): Node => ({ type: 'text', text: value, ...(marks.length > 0 ? { marks } : {}) })
const item = (...content: Node[]): Node => ({ type: 'listItem', content })
const bullets = (...items: Node[]): Node => ({ type: 'bulletList', content: items })
const numbered = (start: number, ...items: Node[]): Node => ({ type: 'orderedList', attrs: { start }, content: items })
const link = (href: string): Node => ({ type: 'link', attrs: { href } })
const hardBreak: Node = { type: 'hardBreak' }

describe('richTextToPlain', () => {
  it('keeps every line, empty ones too, as tldraw writes them', () => {
    expect(richTextToPlain(toRichText('Første linje\n\nTredje linje'))).toBe('Første linje\n\nTredje linje')
    expect(richTextToPlain(doc(p(text('a'), hardBreak, text('b'))))).toBe('a\nb')
    expect(richTextToPlain(toRichText(''))).toBe('')
    expect(richTextToPlain(null)).toBe('')
  })

  it('writes lists one item a line, nested lists indented, numbers from the list start', () => {
    const list = doc(
      p(text('Behov:')),
      bullets(item(p(text('trygg skolevei')), numbered(3, item(p(text('lys'))), item(p(text('fortau'))))), item(p(text('møteplass')))),
    )
    expect(richTextToPlain(list)).toBe('Behov:\n- trygg skolevei\n  3. lys\n  4. fortau\n- møteplass')
  })

  it('drops marks but keeps a safe link address after its text', () => {
    const marked = doc(p(text('fet', { type: 'bold' }), text(' og '), text('kilde', link('https://grue.kommune.no/plan')), text(' '), text('farlig', link('javascript:alert(1)'))))
    expect(richTextToPlain(marked)).toBe('fet og kilde (https://grue.kommune.no/plan) farlig')
  })

  it('reads the text of nodes it does not know', () => {
    const unknown = doc(
      { type: 'blockquote', content: [p(text('sitat'))] },
      p({ type: 'mention', attrs: { id: 'u1' }, content: [text('@Kari')] }, text(' sa det')),
      { type: 'codeBlock', content: [text('kode\nlinje 2')] },
      { type: 'horizontalRule' },
      { nonsense: true },
    )
    expect(richTextToPlain(unknown)).toBe('sitat\n@Kari sa det\nkode\nlinje 2')
  })
})

describe('richTextToMarkdown', () => {
  it('writes marks as Markdown, closing them before spaces', () => {
    const marked = doc(
      p(text('Vi '), text('må ', { type: 'bold' }), text('handle', { type: 'bold' }, { type: 'italic' }), text(' nå, med '), text('kode`n', { type: 'code' }), text(' og '), text('gammelt', { type: 'strike' })),
    )
    expect(richTextToMarkdown(marked)).toBe('Vi **må _handle_** nå, med ``kode`n`` og ~~gammelt~~')
  })

  it('keeps paragraphs apart, line breaks as hard breaks, headings and lists', () => {
    expect(richTextToMarkdown(toRichText('a\n\nb'))).toBe('a\n\nb')
    expect(richTextToMarkdown(doc(p(text('a'), hardBreak, text('b'), hardBreak)))).toBe('a\\\nb')
    expect(richTextToMarkdown(doc({ type: 'heading', attrs: { level: 2 }, content: [text('Mål')] }, p(text('tekst'))))).toBe('## Mål\n\ntekst')
    const list = doc(bullets(item(p(text('en')), bullets(item(p(text('under'))))), item(p(text('to')))), numbered(1, item(p(text('først')))))
    expect(richTextToMarkdown(list)).toBe('- en\n  - under\n- to\n\n1. først')
    // A numbered list from 3 cannot follow text directly in CommonMark, so it gets a blank line.
    expect(richTextToMarkdown(doc(bullets(item(p(text('en')), numbered(3, item(p(text('tre'))))))))).toBe('- en\n\n  3. tre')
  })

  it('links only http(s) and mailto addresses, with the address made safe to embed', () => {
    const links = doc(
      p(text('plan', link('https://example.org/a b(c)'))),
      p(text('post', link('mailto:post@grue.kommune.no'))),
      p(text('klikk', link('javascript:alert(1)')), text(' '), text('data', link('data:text/html,<script>')), text(' '), text('rel', link('/admin'))),
    )
    expect(richTextToMarkdown(links)).toBe(
      '[plan](https://example.org/a%20b%28c%29)\n\n[post](mailto:post@grue.kommune.no)\n\nklikk data rel',
    )
  })

  it('keeps Markdown, HTML and entities typed in a note inert', () => {
    const typed = '[x](javascript:alert(1))\n![i](http://evil)\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n&lt;b&gt; *fet* _kursiv_ `kode` | a | b |\n# Overskrift\n- ikke liste\n1. ikke liste\n> sitat\n---\n~~~'
    const markdown = richTextToMarkdown(toRichText(typed))
    expect(markdown).toBe(
      [
        '\\[x\\]\\(javascript:alert\\(1\\)\\)',
        '\\!\\[i\\]\\(http://evil\\)',
        '\\<script\\>alert\\(1\\)\\</script\\>',
        '\\<img src=x onerror=alert\\(1\\)\\>',
        '\\&lt;b\\&gt; \\*fet\\* \\_kursiv\\_ \\`kode\\` \\| a \\| b \\|',
        '\\# Overskrift',
        '\\- ikke liste',
        '1\\. ikke liste',
        '\\> sitat',
        '\\---',
        '\\~\\~\\~',
      ].join('\n\n'),
    )
    expect(markdown).not.toMatch(/(^|[^\\])[<[]/)
    // Indentation would turn a note into a code block.
    expect(richTextToMarkdown(toRichText('    innrykk'))).toBe('innrykk')
  })

  it('escapes text inside marks and link text too', () => {
    const marked = doc(p(text('<b>[x]', { type: 'bold' }), text(' '), text('*ok*', link('https://example.org'))))
    expect(richTextToMarkdown(marked)).toBe('**\\<b\\>\\[x\\]** [\\*ok\\*](https://example.org/)')
  })

  it('takes the text of unknown nodes, escaped', () => {
    const unknown = doc({ type: 'blockquote', content: [p(text('> sitat'))] }, p({ type: 'mention', content: [text('@<Kari>')] }))
    expect(richTextToMarkdown(unknown)).toBe('\\> sitat\n\n@\\<Kari\\>')
  })
})

describe('escapeMarkdown', () => {
  it('escapes what is syntax anywhere, and list and heading markers at line starts only', () => {
    expect(escapeMarkdown('a-b + c = d. 2. e!')).toBe('a-b + c = d. 2. e!')
    expect(escapeMarkdown('- a\n+ b\n= c\n  12. d\n3) e')).toBe('\\- a\n\\+ b\n\\= c\n  12\\. d\n3\\) e')
    expect(escapeMarkdown('\\ ` * _ { } [ ] ( ) # < > | ~')).toBe('\\\\ \\` \\* \\_ \\{ \\} \\[ \\] \\( \\) \\# \\< \\> \\| \\~')
    expect(escapeMarkdown('Fylke & stat, &amp; &#106;')).toBe('Fylke & stat, \\&amp; \\&\\#106;')
  })
})
