import type { DescriptionExport } from './exportInput.ts'

// Download names of a challenge description, e.g. "grue-kirkenaer-attraktivt-sentrum-naeringsliv-v2.docx":
// the municipality, then the challenge's name, then the version. ASCII only, so that the name survives every
// browser's Content-Disposition handling and every file system, and cut only between whole words.

/** Longest slug before the version suffix; long enough to tell challenges apart, short enough to read. */
const maxSlugLength = 48

/** Small words that say little in a file name (bokmål and nynorsk). */
const fillerWords = new Set(
  'en ei et eit ein den det de dei og eller i pa til for fra av med om som a bade ogsa vi kan hvordan korleis'.split(' '),
)

/**
 * The words of a text folded to ASCII: æ → ae, ø → o, å → a, other letters without their marks.
 * @example asciiWords('Kirkenær – et sentrum på Østlandet') // ['kirkenaer', 'et', 'sentrum', 'pa', 'ostlandet']
 */
export function asciiWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/[øö]/g, 'o')
    .replace(/å/g, 'a')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '')
}

/**
 * The municipality's words, then the challenge name's words without filler words (and without the
 * municipality again when the name starts with it), as many whole words as fit `maxSlugLength`.
 * @example fileSlug('Grue', 'Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere') // 'grue-kirkenaer-attraktivt-sentrum-naeringsliv'
 */
export function fileSlug(municipality: string, title: string): string {
  const place = asciiWords(municipality).filter((word) => word !== 'kommune')
  const named = asciiWords(title)
  const meaningful = named.filter((word) => !fillerWords.has(word))
  let words = meaningful.length > 0 ? meaningful : named
  if (place.length > 0 && place.every((word, index) => words[index] === word)) words = words.slice(place.length)
  const slug: string[] = []
  for (const word of [...place, ...words]) {
    const length = slug.join('-').length + (slug.length > 0 ? 1 : 0) + word.length
    // A single word longer than the room is cut rather than leaving the name empty.
    if (slug.length === 0 && word.length > maxSlugLength) return word.slice(0, maxSlugLength)
    if (length > maxSlugLength) break
    slug.push(word)
  }
  return slug.length === 0 ? 'utfordring' : slug.join('-')
}

/**
 * A file name for the export, e.g. "grue-kirkenaer-attraktivt-sentrum-naeringsliv-v2.docx", or
 * "…-utkast.md" for the draft.
 */
export function exportFileName(description: DescriptionExport, extension: string): string {
  const slug = fileSlug(description.fields.leadMunicipality.name, description.fields.title)
  const suffix = description.version === null ? 'utkast' : `v${description.version}`
  return `${slug}-${suffix}.${extension}`
}
