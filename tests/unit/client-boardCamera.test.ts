// A board opens where its content is: the camera is placed once, when the editor mounts.
import { describe, expect, it } from 'vitest'
import { Box, type BoxLike } from 'tldraw'
import { showWholeBoard, type BoardCamera } from '../../client/src/board/boardCamera.ts'

/** An editor stand-in that records where it was asked to look. */
function cameraOver(bounds: Box | undefined) {
  const moves: { bounds: BoxLike; opts: unknown }[] = []
  const camera = {
    getCurrentPageBounds: () => bounds,
    zoomToBounds(target: BoxLike, opts?: unknown) {
      moves.push({ bounds: target, opts })
      return this
    },
  } as unknown as BoardCamera
  return { camera, moves }
}

describe('showWholeBoard', () => {
  it('fits the page content at once, never zoomed in past 100 %', () => {
    const content = new Box(-200, 40, 3200, 1400)
    const { camera, moves } = cameraOver(content)
    expect(showWholeBoard(camera)).toBe(true)
    expect(moves).toEqual([{ bounds: content, opts: { targetZoom: 1, animation: { duration: 0 } } }])
  })

  it('leaves the camera alone on an empty board', () => {
    for (const bounds of [undefined, new Box(10, 10, 0, 0)]) {
      const { camera, moves } = cameraOver(bounds)
      expect(showWholeBoard(camera)).toBe(false)
      expect(moves).toEqual([])
    }
  })
})
