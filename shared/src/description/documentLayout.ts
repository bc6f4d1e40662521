// How a challenge description is laid out wherever it is read: the exports, the public page and the
// editor's preview. The challenge's name is the title, the lead municipality is named right under it,
// the summary is the ingress, and the sections of labels.ts follow. These rules are shared so that the
// preview shows what the exports print.
import type { DescriptionFields, FieldKey } from './challengeDescription.ts'
import type { DescriptionSection, LabelLanguage } from './labels.ts'

/** Fields shown above the sections: the title as the heading, the summary as its ingress. */
export const leadFields: ReadonlySet<FieldKey> = new Set(['title', 'summary'])

/**
 * A municipality as running text names it, e.g. "Grue kommune"; a name that already says so is kept
 * ("Grue kommune" stays), and a group of municipalities ("Sogndal, Luster og Aurland") is plural.
 * @example municipalityLine('Grue', 'nb') // 'Grue kommune'
 */
export function municipalityLine(name: string, language: LabelLanguage): string {
  const trimmed = name.trim()
  if (trimmed === '' || /\b(kommune|kommuner|kommunar|municipality|municipalities)$/i.test(trimmed)) return trimmed
  const several = /,|\s(og|and)\s/.test(trimmed)
  const word = { nb: several ? 'kommuner' : 'kommune', nn: several ? 'kommunar' : 'kommune', en: several ? 'municipalities' : 'Municipality' }[language]
  return `${trimmed} ${word}`
}

/**
 * The challenge's name with its municipality, for a page's `<title>` and a file's title property.
 * @example titleLine('Kirkenær – et attraktivt sentrum', 'Grue kommune') // 'Kirkenær – et attraktivt sentrum | Grue kommune'
 */
export function titleLine(title: string, municipality: string): string {
  return municipality === '' ? title : `${title} | ${municipality}`
}

/**
 * Whether a section names each of its fields under a sub-heading of its own. A section of one field
 * does not ("Hvem er involvert" is the stakeholders' heading already), so no heading repeats its
 * section's; fields in `shownAsFacts` are labelled where they stand, and the lead fields stand above.
 */
export function namesItsFields(section: DescriptionSection, shownAsFacts: ReadonlySet<FieldKey> = new Set()): boolean {
  return section.fields.filter((key) => !leadFields.has(key) && !shownAsFacts.has(key)).length > 1
}

/** Text as it reads, for comparing: Markdown's backslash escapes dropped, whitespace collapsed. */
function readingText(markdown: string): string {
  return markdown
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * The ingress and the background as the description prints them. The drafter opens the background
 * with the challenge's summary (whole, or the full text the summary was cut from at 500 characters);
 * printed under the ingress that would say the same twice. So when the background's opening
 * paragraphs read as the summary (or go on from it), they become the ingress and the background
 * starts after them; otherwise the ingress is the summary and the background is left as it is.
 * @example leadAndBackground('Sentrum er tomt.', 'Sentrum er tomt.\n\nKommunen eier bygg.') // { lead: 'Sentrum er tomt.', background: 'Kommunen eier bygg.' }
 */
export function leadAndBackground(fields: Pick<DescriptionFields, 'summary' | 'background'>): { lead: string; background: string } {
  const summary = readingText(fields.summary).replace(/\s*…$/, '')
  const paragraphs = fields.background.trim().split(/\n\s*\n/)
  if (summary === '') return { lead: fields.summary.trim(), background: fields.background }
  for (let count = 1; count <= paragraphs.length; count++) {
    const opening = readingText(paragraphs.slice(0, count).join(' '))
    if (opening.length < summary.length && summary.startsWith(opening)) continue
    if (!opening.startsWith(summary)) break
    return { lead: paragraphs.slice(0, count).join('\n\n'), background: paragraphs.slice(count).join('\n\n') }
  }
  return { lead: fields.summary.trim(), background: fields.background }
}
