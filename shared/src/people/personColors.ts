/**
 * Cursor and name-tag colours. Each has at least 4.5:1 contrast against white, so the
 * white name text tldraw draws on them stays readable (WCAG AA).
 */
export const userColors = [
  '#B42318',
  '#C4320A',
  '#93370D',
  '#067647',
  '#0E7090',
  '#175CD3',
  '#5925DC',
  '#9E165F',
  '#3538CD',
  '#107569',
] as const

/** A stable colour for a user id. */
export function colorForUser(id: string): string {
  let hash = 0
  for (let index = 0; index < id.length; index++) hash = (hash * 31 + id.charCodeAt(index)) >>> 0
  return userColors[hash % userColors.length] ?? userColors[0]
}
