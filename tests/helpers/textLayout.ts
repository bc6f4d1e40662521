import type { Page } from 'playwright-core'

// How a board's text is drawn, for the browser tests: the size each text shows at on the
// screen, and the words that a line break cut in two.

/** One text on the canvas as drawn: its shape, its first words, its size in CSS px on the screen, and its box. */
export interface DrawnText {
  shapeId: string
  shapeType: string
  text: string
  /** The font size times every scale on the way to the screen (the camera's zoom, a frame heading's own). */
  screenPx: number
  left: number
  right: number
  /** Words split over two lines without a hyphen. */
  brokenWords: string[]
  /** The text's colour as drawn, `#rrggbb`. */
  color: string
}

/** The board's background colour as drawn, `#rrggbb` (what texts outside frames stand on). */
export function canvasBackground(page: Page): Promise<string> {
  return page.evaluate(() => {
    const background = document.querySelector('.tl-background')
    const channels = background === null ? [] : (getComputedStyle(background).backgroundColor.match(/\d+/g) ?? [])
    return `#${channels.slice(0, 3).map((channel) => Number(channel).toString(16).padStart(2, '0')).join('')}`
  })
}

/**
 * The texts of the board's shapes (notes, labels, texts, frame headings) that are on the screen
 * now, measured as drawn. A word is broken when its letters lie on more than one line.
 */
export function drawnTexts(page: Page): Promise<DrawnText[]> {
  return page.evaluate(() => {
    const canvas = document.querySelector('.tl-canvas')?.getBoundingClientRect()
    if (canvas === undefined) return []
    const texts: DrawnText[] = []
    for (const element of document.querySelectorAll<HTMLElement>('.tl-shape .tl-rich-text, .tl-frame-label')) {
      const box = element.getBoundingClientRect()
      if (box.width === 0 || box.height === 0 || element.offsetHeight === 0) continue
      if (box.right <= canvas.left || box.left >= canvas.right || box.bottom <= canvas.top || box.top >= canvas.bottom) continue
      const shape = element.closest('.tl-shape')
      const brokenWords: string[] = []
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        for (const match of (node.textContent ?? '').matchAll(/[\p{L}\p{N}]+/gu)) {
          const range = document.createRange()
          range.setStart(node, match.index)
          range.setEnd(node, match.index + match[0].length)
          const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.bottom)))
          if (lines.size > 1) brokenWords.push(match[0])
        }
      }
      texts.push({
        shapeId: shape?.getAttribute('data-shape-id') ?? '',
        shapeType: element.classList.contains('tl-frame-label') ? 'frame' : (shape?.getAttribute('data-shape-type') ?? ''),
        text: (element.textContent ?? '').slice(0, 40),
        screenPx: Number.parseFloat(getComputedStyle(element).fontSize) * (box.height / element.offsetHeight),
        left: box.left - canvas.left,
        right: box.right - canvas.left,
        brokenWords,
        color: `#${(getComputedStyle(element).color.match(/\d+/g) ?? []).slice(0, 3).map((channel) => Number(channel).toString(16).padStart(2, '0')).join('')}`,
      })
    }
    return texts
  })
}
