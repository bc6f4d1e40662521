import { municipalityLine } from '../../../shared/src/description/documentLayout.ts'
import { describeForExport, type Block, type ExportDocument } from './descriptionDocument.ts'
import { exportLabels } from './exportLabels.ts'
import type { DescriptionExport } from './exportInput.ts'
import { parseFreeText, plainTextOf, type Inline, type RichBlock } from './freeText.ts'
import { printCss, printCssHash } from './printCss.ts'

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** Text is plain: paragraphs at blank lines, line breaks kept; nothing in it becomes markup or a link. */
function paragraphs(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${paragraph.split('\n').map((line) => escapeHtml(line.trim())).join('<br>')}</p>`)
    .join('\n')
}

const lines = (text: string) => text.split('\n').map(escapeHtml).join('<br>')

function inlines(runs: readonly Inline[]): string {
  return runs
    .map((run) => {
      if (run.kind === 'break') return '<br>'
      const { bold, italic, strike, code } = run.marks
      let html = escapeHtml(run.text)
      if (code) html = `<code>${html}</code>`
      if (strike) html = `<s>${html}</s>`
      if (italic) html = `<em>${html}</em>`
      if (bold) html = `<strong>${html}</strong>`
      return html
    })
    .join('')
}

/**
 * Free text: its headings one level under the field's h3 (h3 where the field has no heading of its own,
 * being named like its section); a list item of one paragraph holds its text directly (a tight list).
 * `paragraphClass` styles the paragraphs (the ingress).
 */
function rich(blocks: readonly RichBlock[], level: 2 | 3 | 4, paragraphClass = ''): string {
  const paragraphOpen = paragraphClass === '' ? '<p>' : `<p class="${paragraphClass}">`
  return blocks
    .map((block) => {
      if (block.kind === 'paragraph') return `${paragraphOpen}${inlines(block.inlines)}</p>`
      if (block.kind === 'heading') return `<h${level}>${inlines(block.inlines)}</h${level}>`
      const items = block.items.map((item) => {
        const [only] = item
        return `<li>${item.length === 1 && only?.kind === 'paragraph' ? inlines(only.inlines) : rich(item, level, paragraphClass)}</li>`
      })
      const open = block.ordered ? (block.start === 1 ? '<ol>' : `<ol start="${block.start}">`) : '<ul>'
      return `${open}\n${items.join('\n')}\n${block.ordered ? '</ol>' : '</ul>'}`
    })
    .join('\n')
}

function block(item: Block, richHeadingLevel: 3 | 4): string {
  switch (item.kind) {
    case 'text':
      return paragraphs(item.text)
    case 'rich':
      return rich(item.blocks, richHeadingLevel)
    case 'facts':
      return `<dl class="facts">\n${item.facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('\n')}\n</dl>`
    case 'subheading':
      return `<h3>${escapeHtml(item.text)}</h3>`
    case 'list':
      return `<ul>\n${item.items.map((entry) => `<li>${lines(entry)}</li>`).join('\n')}\n</ul>`
    case 'table': {
      const head = item.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('')
      // The first cell names the row (the need, the actor): a row header for screen readers.
      const rows = item.rows.map(
        ([first = '', ...rest]) => `<tr><th scope="row">${lines(first)}</th>${rest.map((cell) => `<td>${lines(cell)}</td>`).join('')}</tr>`,
      )
      const caption = item.captionShown ? '<caption>' : '<caption class="visually-hidden">'
      return `<table>\n${caption}${escapeHtml(item.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`
    }
  }
}

/** The description itself as an `<article>`: h1 with the municipality, status, ingress, h2 sections with h3 fields. */
export function renderArticle(document: ExportDocument): string {
  const parts = ['<article>', `<h1>${escapeHtml(document.title)}</h1>`]
  if (document.municipality !== '') parts.push(`<p class="municipality">${escapeHtml(document.municipality)}</p>`)
  if (document.warning !== null) parts.push(`<p class="warning" role="note"><strong>${escapeHtml(document.warning)}</strong></p>`)
  parts.push(`<p class="status">${escapeHtml(document.status)}</p>`)
  if (document.lead.length > 0) parts.push(rich(document.lead, 2, 'lead'))
  for (const section of document.sections) {
    const underSubheading = (index: number) => section.blocks.slice(0, index).some((earlier) => earlier.kind === 'subheading')
    const blocks = section.blocks.map((item, index) => block(item, underSubheading(index) ? 4 : 3))
    parts.push(`<section>\n<h2>${escapeHtml(section.heading)}</h2>\n${blocks.join('\n')}\n</section>`)
  }
  parts.push('</article>')
  return parts.join('\n')
}

export interface HtmlPage {
  lang: string
  title: string
  /** For search engines' snippets. */
  description: string
  body: string
  /**
   * Repeat the policy in a meta element: a downloaded file opened from disk
   * gets no headers, and must still run nothing. (The public page has the header.)
   */
  metaPolicy?: boolean
  /** Extra head elements (already escaped), e.g. the favicon link. */
  head?: string
}

/** A whole HTML document with the print stylesheet inlined. */
export function htmlPage(page: HtmlPage): string {
  const metaPolicy = `default-src 'none'; script-src 'none'; style-src ${printCssHash}; img-src 'self'; base-uri 'none'; form-action 'none'`
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(page.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    ...(page.metaPolicy === true ? [`<meta http-equiv="Content-Security-Policy" content="${metaPolicy}">`] : []),
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<meta name="description" content="${escapeHtml(page.description)}">`,
    ...(page.head === undefined ? [] : [page.head]),
    `<style>${printCss}</style>`,
    '</head>',
    '<body>',
    page.body,
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

/**
 * The municipality and the summary (or else the problem statement), cut to a search snippet's length;
 * the municipality is left out where the summary names it already.
 * @example metaDescription(grue) // 'Grue kommune: Kirkenær sentrum har tomme lokaler. …'
 */
export function metaDescription(description: DescriptionExport): string {
  const { fields } = description
  const source = fields.summary || fields.problemStatement
  const text = plainTextOf(parseFreeText(source)).replace(/\s+/g, ' ').trim()
  const municipality = municipalityLine(fields.leadMunicipality.name, fields.languageForm)
  const named = fields.leadMunicipality.name.trim() === '' || text.includes(fields.leadMunicipality.name.trim()) ? text : `${municipality}: ${text}`
  const snippet = named.replace(/: $/, '')
  return snippet.length <= 160 ? snippet : `${snippet.slice(0, 157).trimEnd()}…`
}

/** `GET …/export/html`: a clean printable page. */
export function renderHtml(description: DescriptionExport): string {
  const document = describeForExport(description, exportLabels(description.fields.languageForm))
  return htmlPage({
    lang: document.lang,
    title: document.titleLine,
    description: metaDescription(description),
    body: `<main class="page">\n${renderArticle(document)}\n</main>`,
    metaPolicy: true,
  })
}
