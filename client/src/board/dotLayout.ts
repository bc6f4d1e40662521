// Where the marks of a dot vote go: a person's own dots on a note, and the order in which the
// notes' vote buttons follow each other for the keyboard and a screen reader.

/** The diameter of one of your own dots, in the note's units (before its scale). */
export const ownDotSize = 18
const dotGap = 5
/** From the note's top and left edge to the first dot. */
const dotInset = 10
/** Kept free at the note's top right, where the take-back button sits while voting. */
const takeBackRoom = 44

/** The top-left corner of a dot, from the note's top-left corner, in the note's units. */
export interface DotPlace {
  x: number
  y: number
}

/**
 * How much larger than their size on the note the vote's marks are drawn when the board is zoomed
 * out, so that they stay legible: enough to look `legibleAt` zoom's size, never less than their
 * own size nor more than `most` times it.
 * @example markScale(0.25, 0.5, 3) // 2
 */
export function markScale(zoom: number, legibleAt: number, most: number): number {
  return zoom > 0 ? Math.min(most, Math.max(1, legibleAt / zoom)) : most
}

/**
 * Where `count` dots go on a note `noteWidth` wide, drawn `scale` times their size: rows along its
 * top edge from the left, as many to a row as fit beside the take-back button (at least one).
 * @example ownDotPlaces(3, 200) // [{ x: 10, y: 10 }, { x: 33, y: 10 }, { x: 56, y: 10 }]
 */
export function ownDotPlaces(count: number, noteWidth: number, scale = 1): DotPlace[] {
  const step = (ownDotSize + dotGap) * scale
  const room = noteWidth - takeBackRoom - (2 * dotInset - dotGap) * scale
  const perRow = Math.max(1, Math.floor(room / step))
  return Array.from({ length: Math.max(0, count) }, (_, index) => ({
    x: dotInset * scale + (index % perRow) * step,
    y: dotInset * scale + Math.floor(index / perRow) * step,
  }))
}

/** A rectangle on the screen (or the page): its top-left corner and size. */
export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/**
 * The items in reading order: row by row from the top, left to right within a row. An item
 * whose top lies within half the height of the row's first item belongs to that row, so notes
 * placed by hand a little askew still read as one row.
 */
export function inReadingOrder<T extends { rect: Rect }>(items: readonly T[]): T[] {
  const byTop = [...items].sort((a, b) => a.rect.y - b.rect.y || a.rect.x - b.rect.x)
  const rows: T[][] = []
  for (const item of byTop) {
    const row = rows.at(-1)
    const first = row?.[0]
    if (row !== undefined && first !== undefined && item.rect.y - first.rect.y < first.rect.h / 2) row.push(item)
    else rows.push([item])
  }
  return rows.flatMap((row) => row.sort((a, b) => a.rect.x - b.rect.x))
}
