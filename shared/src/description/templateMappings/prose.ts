// Turning sticky notes into text a business reads: sentences rather than fragments, one note as a
// paragraph rather than a list of one, and labels in the description's words (labels.ts), never the
// board's. The notes' own Markdown (escaped by the reader) is kept; only list markers, line breaks,
// a missing full stop and a lower-case first letter are changed.
import type { BoardItem } from '../../board/boardReading.ts'

/** A list item's marker at the start of a line ("- ", "1. "), also when typed as text and so escaped ("\\- "). */
const listMarker = /^(?:\\?[-*+]|\d+\\?[.)])\s+/
/** Ends a sentence already: punctuation, or a closing quote or bracket after it. */
const sentenceEnd = /[.!?…:;]["»”')\]]*$/u

/**
 * A note's text as sentences on one line: each line of the note ends with a full stop unless it ends
 * a sentence already, and starts with a capital.
 * @example sentences(item) // "For få møteplasser. Ungdom drar til Kongsvinger."
 */
export function sentences(item: Pick<BoardItem, 'markdown'>): string {
  return item.markdown
    .split('\n')
    .map((line) => line.trim().replace(listMarker, '').trim())
    .filter((line) => line !== '')
    .map((line) => capitalised(sentenceEnd.test(line) ? line : `${line}.`))
    .join(' ')
}

/** Notes as prose: one note is a paragraph, several a list with one note per entry. */
export function prose(items: readonly Pick<BoardItem, 'markdown'>[]): string {
  if (items.length === 1) return sentences(items[0] as Pick<BoardItem, 'markdown'>)
  return items.map((item) => `- ${sentences(item)}`).join('\n')
}

/** Several short names in a phrase: "ungdom", "ungdom og pendlere", "ungdom, pendlere og eldre". */
export function namesInPhrase(items: readonly Pick<BoardItem, 'markdown'>[], and: string): string {
  const names = items.map((item) => name(item)).filter((entry) => entry !== '')
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} ${and} ${names.at(-1) ?? ''}`
}

/** A note as a name: on one line, without a closing full stop. */
export function name(item: Pick<BoardItem, 'markdown'>): string {
  return item.markdown
    .split('\n')
    .map((line) => line.trim().replace(listMarker, '').trim())
    .filter((line) => line !== '')
    .join(' ')
    .replace(/[.,;:]+$/u, '')
}

/** An italic lead-in label: "*Slik virker det:*", or "*Hva kan gå galt?*" when the label asks. */
export function label(text: string): string {
  return /[?:]$/u.test(text) ? `*${text}*` : `*${text}:*`
}

/** The first letter in upper case, when the text starts with a lower-case letter. */
export function capitalised(text: string): string {
  return text.replace(/^\p{Ll}/u, (letter) => letter.toLocaleUpperCase('nb'))
}
