import { colorDifference } from './colorDifference.ts'

/**
 * Cursor and name-tag colours. Each has at least 4.5:1 contrast against white, so the white name
 * text tldraw draws on them stays readable (WCAG AA), and every two are at least 15 apart in ΔE00,
 * so that two people in a room are told apart at a glance. Sixteen, so that a workshop of
 * facilitators and a dozen participants needs no colour twice. Ordered by hue.
 */
export const presenceColors = [
  '#0078B8', // ocean blue
  '#104890', // navy
  '#7068C8', // periwinkle
  '#5000E0', // violet
  '#784080', // plum
  '#C800E0', // fuchsia
  '#E00878', // raspberry
  '#803040', // wine
  '#E02830', // red
  '#882800', // rust
  '#A06838', // tan
  '#604800', // umber
  '#787800', // olive
  '#385820', // forest
  '#088800', // green
  '#008068', // teal
] as const

/** A stable colour for a user id (for a facilitator's account, or a scratch board's visitor). */
export function colorForUser(id: string): string {
  return presenceColors[idHash(id) % presenceColors.length] ?? presenceColors[0]
}

/**
 * The colour for someone joining a room where `held` are the colours of the people already in it:
 * a colour nobody holds (once all are held, one the fewest hold), and of those the one farthest
 * (ΔE00) from the nearest colour held by anyone else. Ties, as in an empty room, go by `id`.
 * Held colours need not be the palette's: each counts as held of the palette colour nearest to it.
 *
 * @example distinctColor(participantId, [facilitator.color, ...participants.map((p) => p.color)])
 */
export function distinctColor(id: string, held: readonly string[]): string {
  const nearest = held.map((color) => nearestPaletteIndex(color))
  const start = idHash(id) % presenceColors.length
  let best: { index: number; holders: number; distance: number } | null = null
  for (let step = 0; step < presenceColors.length; step++) {
    const index = (start + step) % presenceColors.length
    const color = presenceColors[index] ?? presenceColors[0]
    let holders = 0
    let distance = Infinity
    held.forEach((other, which) => {
      if (nearest[which] === index) holders += 1
      else distance = Math.min(distance, colorDifference(color, other))
    })
    if (best === null || holders < best.holders || (holders === best.holders && distance > best.distance)) {
      best = { index, holders, distance }
    }
  }
  return presenceColors[best?.index ?? start] ?? presenceColors[0]
}

function nearestPaletteIndex(color: string): number {
  let nearest = 0
  let smallest = Infinity
  presenceColors.forEach((candidate, index) => {
    const difference = candidate.toLowerCase() === color.toLowerCase() ? 0 : colorDifference(candidate, color)
    if (difference < smallest) {
      smallest = difference
      nearest = index
    }
  })
  return nearest
}

function idHash(id: string): number {
  let hash = 0
  for (let index = 0; index < id.length; index++) hash = (hash * 31 + id.charCodeAt(index)) >>> 0
  return hash
}
