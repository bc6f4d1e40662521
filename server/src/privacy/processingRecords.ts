import type { UiLanguage } from '../../../shared/src/protocol/uiLanguage.ts'
import { escapeHtml, htmlPage } from '../export/html.ts'
import { personalDataCategories, type PersonalDataCategory } from './personalData.ts'
import type { PrivacySettings } from './privacySettings.ts'
import { privacyTexts } from './privacyTexts.ts'
import type { PrivacyTexts } from './privacyTextTypes.ts'

// The records of processing, made from the one list of personal data (personalData.ts): as the
// page /behandlingsprotokoll with the running server's settings, and as the README's section
// with the defaults (npm run docs:privacy writes it; a unit test fails when it differs).

/** One category as label–text pairs, in the order both forms show them. */
function facts(category: PersonalDataCategory, texts: PrivacyTexts, settings: PrivacySettings, everyDeployment: boolean): [string, string][] {
  const words = texts.categories[category.id]
  const cluster = everyDeployment || settings.cluster ? (category.whereInCluster ?? []) : []
  const places = category.where.map(texts.where)
  if (cluster.length > 0) {
    const shared = cluster.map(texts.where).join('; ')
    places.push(everyDeployment ? `${texts.inCluster} ${shared}` : shared)
  }
  return [
    [texts.labels.subjects, capitalised(category.subjects.map((subject) => texts.subjects[subject]).join('; '))],
    [texts.labels.what, words.what],
    [texts.labels.why, words.why],
    [texts.labels.basis, category.basis.map((basis) => texts.bases[basis]).join('; ')],
    [texts.labels.howLong, words.howLong(settings)],
    [texts.labels.where, capitalised(places.join('; '))],
  ]
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** `GET /behandlingsprotokoll`: the whole page, without script, in `language`. */
export function renderProcessingRecordsPage(language: UiLanguage, settings: PrivacySettings): string {
  const texts = privacyTexts[language]
  const categories = personalDataCategories.map((category) => {
    const rows = facts(category, texts, settings, false)
      .map(([label, text]) => `<dt>${escapeHtml(label)}</dt>\n<dd>${escapeHtml(text)}</dd>`)
      .join('\n')
    return `<section aria-labelledby="category-${category.id}" data-category="${category.id}">\n<h3 id="category-${category.id}">${escapeHtml(texts.categories[category.id].name)}</h3>\n<dl class="facts">\n${rows}\n</dl>\n</section>`
  })
  const paragraph = (heading: string, text: string) => `<h2>${escapeHtml(heading)}</h2>\n<p>${escapeHtml(text)}</p>`
  const main = [
    `<h1>${escapeHtml(texts.title)}</h1>`,
    `<p class="lead">${escapeHtml(texts.lead)}</p>`,
    `<p>${escapeHtml(texts.settingsNote)}</p>`,
    `<h2>${escapeHtml(texts.categoriesHeading)}</h2>`,
    ...categories,
    paragraph(texts.recipientsHeading, texts.recipients),
    paragraph(texts.transfersHeading, texts.transfers),
    paragraph(texts.securityHeading, texts.security),
    paragraph(texts.rightsHeading, texts.rights),
  ].join('\n')
  const body = [
    `<header class="site-header">\n<nav class="page" aria-label="Samskap"><a href="/">${escapeHtml(texts.home)}</a></nav>\n</header>`,
    `<main class="page">\n${main}\n</main>`,
    `<footer class="site-footer"><p class="page">Samskap · <a href="/tilgjengelighet">${escapeHtml(texts.accessibility)}</a></p></footer>`,
  ].join('\n')
  return htmlPage({ lang: language, title: `${texts.title} – Samskap`, description: texts.lead, body })
}

/** The README's section lies between these; `npm run docs:privacy` writes it from server/src/privacy/. */
export const readmeSectionStart = '<!-- processing-records:start -->'
export const readmeSectionEnd = '<!-- processing-records:end -->'

/** The README's section (English, with the default settings), markers included. */
export function processingRecordsMarkdown(settings: PrivacySettings): string {
  const texts = privacyTexts.en
  const markdown = (text: string) => text.replace(/([\\`*[\]<>|])/g, '\\$1')
  const categories = personalDataCategories.map((category) => {
    const lines = facts(category, texts, settings, true).map(([label, text]) => `- **${label}:** ${markdown(text)}`)
    return [`#### ${texts.categories[category.id].name}`, '', ...lines].join('\n')
  })
  return [
    readmeSectionStart,
    markdown(texts.lead),
    '',
    `The periods are the defaults; a running server shows its own at \`/behandlingsprotokoll\` (bokmål, nynorsk or English).`,
    '',
    ...categories.flatMap((category) => [category, '']),
    `**${texts.recipientsHeading}.** ${markdown(texts.recipients)}`,
    '',
    `**${texts.transfersHeading}.** ${markdown(texts.transfers)}`,
    '',
    `**${texts.securityHeading}.** ${markdown(texts.security)}`,
    '',
    `**${texts.rightsHeading}.** ${markdown(texts.rights)}`,
    readmeSectionEnd,
  ].join('\n')
}

/** `readme` with its section between the markers replaced by `section`; throws when the markers are missing. */
export function withProcessingRecords(readme: string, section: string): string {
  const start = readme.indexOf(readmeSectionStart)
  const end = readme.indexOf(readmeSectionEnd)
  if (start < 0 || end < start) {
    throw new Error(`README.md has no section between "${readmeSectionStart}" and "${readmeSectionEnd}".`)
  }
  return `${readme.slice(0, start)}${section}${readme.slice(end + readmeSectionEnd.length)}`
}

/** The README's section as the code defines it, from `readme` (between the markers, markers included). */
export function currentProcessingRecords(readme: string): string | null {
  const start = readme.indexOf(readmeSectionStart)
  const end = readme.indexOf(readmeSectionEnd)
  return start < 0 || end < start ? null : readme.slice(start, end + readmeSectionEnd.length)
}
