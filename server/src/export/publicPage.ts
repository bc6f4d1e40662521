import type { PublishedDescription } from '../../../shared/src/description/challengeDescription.ts'
import { ExportFormat, type DescriptionDiff } from '../../../shared/src/description/descriptionApi.ts'
import type { LanguageForm } from '../../../shared/src/schema/municipality.ts'
import { describeForExport } from './descriptionDocument.ts'
import { exportLabels, formatDate, type ExportLabels } from './exportLabels.ts'
import { fromPublished } from './exportInput.ts'
import { escapeHtml, htmlPage, metaDescription, renderArticle } from './html.ts'
import { schemaPath } from './jsonSchema.ts'

// The public page of a published version: the HTML export's article, plus the
// downloads, the version list and what changed since the version before. It is
// server-rendered and runs no script; every link is a plain same-site address.

export interface PublicPageInput {
  published: PublishedDescription
  /** Every version of the challenge, newest first (the one shown among them). */
  versions: readonly Pick<PublishedDescription, 'version' | 'publishedAt'>[]
  /** From the version before to this one; null for version 1. */
  diff: DescriptionDiff | null
}

/** The public page's address; `version` omitted: the newest. */
export function publicPagePath(challengeId: string, version?: number): string {
  const base = `/utfordring/${encodeURIComponent(challengeId)}`
  return version === undefined ? base : `${base}/v/${version}`
}

export function exportPath(challengeId: string, version: number, format: ExportFormat): string {
  return `/api/challenges/${encodeURIComponent(challengeId)}/description/versions/${version}/export/${format}`
}

const freeTextFields: ReadonlySet<string> = new Set(['summary', 'background', 'problemStatement', 'desiredOutcome', 'anchoring', 'transferability', 'offer', 'howToAnswer'])

const formatOrder: readonly ExportFormat[] = ['docx', 'html', 'md', 'json', 'csv']

function downloads(challengeId: string, version: number, labels: ExportLabels): string {
  const items = formatOrder.map(
    (format) => `<li><a href="${escapeHtml(exportPath(challengeId, version, format))}" download>${escapeHtml(labels.formats[format])}</a></li>`,
  )
  items.push(`<li><a href="${schemaPath}">${escapeHtml(labels.schema)}</a></li>`)
  return `<section class="downloads" aria-labelledby="downloads-heading">\n<h2 id="downloads-heading">${escapeHtml(labels.download)}</h2>\n<ul>\n${items.join('\n')}\n</ul>\n</section>`
}

function versionList(input: PublicPageInput, labels: ExportLabels): string {
  const { challengeId, version: shown } = input.published
  const newest = input.versions[0]?.version
  const items = input.versions.map(({ version, publishedAt }) => {
    const text = `${labels.version(version)}, ${formatDate(publishedAt, labels)}${version === newest ? ` (${labels.newest})` : ''}`
    const current = version === shown ? ' aria-current="page"' : ''
    return `<li><a href="${escapeHtml(publicPagePath(challengeId, version))}"${current}>${escapeHtml(text)}</a></li>`
  })
  return `<section class="versions" aria-labelledby="versions-heading">\n<h2 id="versions-heading">${escapeHtml(labels.versions)}</h2>\n<ul>\n${items.join('\n')}\n</ul>\n</section>`
}

/** What changed since the version before, word by word; `<ins>`/`<del>` carry hidden words for screen readers. */
function changes(diff: DescriptionDiff | null, labels: ExportLabels): string {
  const heading = diff === null ? labels.changes : labels.changesSince(diff.from)
  const open = `<section class="changes" aria-labelledby="changes-heading">\n<h2 id="changes-heading">${escapeHtml(heading)}</h2>`
  if (diff === null) return `${open}\n<p>${escapeHtml(labels.firstVersion)}</p>\n</section>`
  if (diff.changes.length === 0) return `${open}\n<p>${escapeHtml(labels.noChanges(diff.from))}</p>\n</section>`
  // Free text is Markdown: its backslash escapes are syntax, not what the reader wrote.
  const shown = (field: string, text: string) => (freeTextFields.has(field) ? text.replace(/\\([!-/:-@[-`{-~])/g, '$1') : text)
  const hidden = (text: string) => `<span class="visually-hidden">[${escapeHtml(text)}] </span>`
  const fields = diff.changes.map((change) => {
    const name = (labels.fields as Record<string, string>)[change.field] ?? change.field
    const parts = change.parts.map((part) => {
      const text = escapeHtml(shown(change.field, part.text))
      if (part.kind === 'added') return `<ins>${hidden(labels.added)}${text}</ins>`
      if (part.kind === 'removed') return `<del>${hidden(labels.removed)}${text}</del>`
      return text
    })
    return `<dt>${escapeHtml(name)}</dt>\n<dd>${parts.join('')}</dd>`
  })
  return `${open}\n<dl>\n${fields.join('\n')}\n</dl>\n</section>`
}

/** The site's header; on a description's page it also leads to the downloads, which come after the long text. */
function header(labels: ExportLabels, withDownloads: boolean): string {
  const downloads = withDownloads ? `<a href="#downloads-heading">${escapeHtml(labels.download)}</a>` : ''
  return `<header class="site-header">\n<nav class="page" aria-label="Samskap"><a href="/">${escapeHtml(labels.startPage)}</a>${downloads}</nav>\n</header>`
}

/** The footer's ways to the app's accessibility statement and records of processing, as on every page of the app. */
function accessibilityLink(labels: ExportLabels): string {
  return `<a href="/tilgjengelighet">${escapeHtml(labels.accessibility)}</a> · <a href="/behandlingsprotokoll">${escapeHtml(labels.processingRecords)}</a>`
}

/** `GET /utfordring/:challengeId[/v/:version]`: the whole page. */
export function renderPublicPage(input: PublicPageInput): string {
  const { published } = input
  const description = fromPublished(published)
  const labels = exportLabels(published.fields.languageForm)
  const document = describeForExport(description, labels)
  const newest = input.versions[0]
  const notice =
    newest !== undefined && newest.version !== published.version
      ? `<p class="notice">${escapeHtml(labels.notNewest)} <a href="${escapeHtml(publicPagePath(published.challengeId))}">${escapeHtml(labels.version(newest.version).toLowerCase())}</a>.</p>\n`
      : ''
  const body = [
    header(labels, true),
    `<main class="page">\n${notice}${renderArticle(document)}\n${changes(input.diff, labels)}\n</main>`,
    `<aside class="page">\n${downloads(published.challengeId, published.version, labels)}\n${versionList(input, labels)}\n</aside>`,
    `<footer class="site-footer"><p class="page">Samskap · ${escapeHtml(labels.version(published.version))} · ${accessibilityLink(labels)}</p></footer>`,
  ].join('\n')
  const title = newest?.version === published.version ? document.titleLine : `${document.titleLine} (${labels.version(published.version)})`
  return htmlPage({
    lang: document.lang,
    title,
    description: metaDescription(description),
    body,
    head: '<link rel="icon" href="/favicon.svg" type="image/svg+xml">',
  })
}

/** A 404 page in the same style (no script), for a challenge without published versions. */
export function renderNotFoundPage(lang: LanguageForm = 'nb'): string {
  const labels = exportLabels(lang)
  const body = `${header(labels, false)}\n<main class="page">\n<h1>${escapeHtml(labels.notFound)}</h1>\n<p>${escapeHtml(labels.notFoundText)}</p>\n</main>\n<footer class="site-footer"><p class="page">Samskap · ${accessibilityLink(labels)}</p></footer>`
  return htmlPage({ lang, title: labels.notFound, description: labels.notFoundText, body })
}
