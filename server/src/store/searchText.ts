/**
 * Text folded for searching: lower case, without diacritics, with the Nordic
 * letters that have no decomposition spelled in Latin letters, so that "grue"
 * finds "Grue", "orsta" finds "Ørsta" and "aseral" finds "Åseral".
 *
 * @example foldForSearch('Østre Toten') // 'ostre toten'
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
}

/** Whether any of `texts` contains `query`, both folded; an absent or blank query matches everything. */
export function matchesSearch(query: string | undefined, texts: readonly string[]): boolean {
  if (query === undefined) return true
  const folded = foldForSearch(query.trim())
  return folded === '' || texts.some((text) => foldForSearch(text).includes(folded))
}
