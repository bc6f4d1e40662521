// Where a new or moved note goes in a frame or an area: the free spot nearest the top left, so that
// notes added from the list or the keyboard land where people would have put them, not on top of
// each other. The board reader counts a note as in an area when its centre is, so a note may stick
// out of an area smaller than itself.
import type { PageBox } from '../../../../shared/src/board/boardReading.ts'

/** How far apart the spots tried are, in page units. */
const step = 20

/**
 * The top left corner (page coordinates) of a `size` box inside `target` that overlaps `occupied`
 * least; among equals, the first in reading order (top to bottom, then left to right).
 * @example placeNote({ x: 0, y: 0, w: 500, h: 500 }, [{ x: 0, y: 0, w: 200, h: 200 }], { w: 200, h: 200 }) // { x: 220, y: 0 }
 */
export function placeNote(target: PageBox, occupied: readonly PageBox[], size: { w: number; h: number }): { x: number; y: number } {
  const xs = spots(target.x, target.w, size.w)
  const ys = spots(target.y, target.h, size.h)
  let best = { x: xs[0] as number, y: ys[0] as number }
  let bestOverlap = Number.POSITIVE_INFINITY
  for (const y of ys) {
    for (const x of xs) {
      const box = { x, y, w: size.w, h: size.h }
      let overlap = 0
      for (const other of occupied) overlap += overlapArea(box, other)
      if (overlap < bestOverlap) {
        best = { x, y }
        bestOverlap = overlap
        if (overlap === 0) return best
      }
    }
  }
  return best
}

/** Positions along one side where the box fits whole; when it cannot, where its centre stays inside. */
function spots(start: number, length: number, size: number): number[] {
  const from = size <= length ? start : start - size / 2
  const to = size <= length ? start + length - size : start + length - size / 2
  const positions: number[] = []
  for (let position = from; position <= to; position += step) positions.push(position)
  if (positions.at(-1) !== to) positions.push(to)
  return positions
}

function overlapArea(a: PageBox, b: PageBox): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}
