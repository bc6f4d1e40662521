// A board opens where its content is: the camera is placed once, when the editor mounts.
import { describe, expect, it } from 'vitest'
import { Box } from 'tldraw'
import { frameInView, frameView, legibleZoom, showWholeBoard, type BoardCamera, type BoardFrame } from '../../client/src/board/boardCamera.ts'

/** An editor stand-in with a 1280×800 screen that records where it was asked to look. */
function cameraOver(bounds: Box | undefined) {
  const moves: { camera: { x: number; y: number; z: number }; opts: unknown }[] = []
  const camera = {
    getCurrentPageBounds: () => bounds,
    getViewportScreenBounds: () => new Box(0, 0, 1280, 800),
    setCamera(target: { x: number; y: number; z: number }, opts?: unknown) {
      moves.push({ camera: target, opts })
      return this
    },
  } as unknown as BoardCamera
  return { camera, moves }
}

/** Where a page point lands on the screen under a tldraw camera. */
const onScreen = (camera: { x: number; y: number; z: number }, x: number, y: number) => ({ x: (x + camera.x) * camera.z, y: (y + camera.y) * camera.z })

describe('showWholeBoard', () => {
  it('opens a board whose text is legible whole, centred, never zoomed in past 100 %', () => {
    const content = new Box(-200, 40, 1600, 900)
    const { camera, moves } = cameraOver(content)
    expect(showWholeBoard(camera)).toBe(true)
    expect(moves).toHaveLength(1)
    const [{ camera: view, opts }] = moves as [(typeof moves)[number]]
    expect(opts).toEqual({ immediate: true })
    expect(view.z).toBeGreaterThanOrEqual(legibleZoom)
    const topLeft = onScreen(view, -200, 40)
    const bottomRight = onScreen(view, 1400, 940)
    expect(topLeft.x).toBeGreaterThanOrEqual(0)
    expect(topLeft.y).toBeGreaterThanOrEqual(84 - 0.001)
    expect(bottomRight.x).toBeLessThanOrEqual(1280)
    expect(bottomRight.y).toBeLessThanOrEqual(800)
    expect(topLeft.x + bottomRight.x).toBeCloseTo(1280) // centred across

    const small = cameraOver(new Box(0, 0, 200, 200))
    showWholeBoard(small.camera)
    expect(small.moves[0]?.camera.z).toBe(1)
  })

  it('opens a board too large to read whole at the legible zoom from its top-left corner', () => {
    const content = new Box(-200, 40, 3200, 1400)
    const { camera, moves } = cameraOver(content)
    showWholeBoard(camera)
    const view = moves[0]?.camera
    expect(view?.z).toBe(legibleZoom)
    expect(onScreen(view!, -200, 40)).toEqual({ x: expect.closeTo(4), y: expect.closeTo(84) })
  })

  it('leaves the camera alone on an empty board', () => {
    for (const bounds of [undefined, new Box(10, 10, 0, 0)]) {
      const { camera, moves } = cameraOver(bounds)
      expect(showWholeBoard(camera)).toBe(false)
      expect(moves).toEqual([])
    }
  })
})

describe('frameView', () => {
  it('fits a frame to a phone’s width, its corner just inside the screen below the top panels', () => {
    const camera = frameView({ x: 100, y: 300, w: 520, h: 900 }, 390)
    expect(camera.z).toBeCloseTo(382 / 520)
    expect(onScreen(camera, 100, 300)).toEqual({ x: expect.closeTo(4), y: expect.closeTo(84) })
    expect(onScreen(camera, 620, 300).x).toBeCloseTo(386)
  })

  it('shows a frame too wide to read fitted at the legible zoom from its corner, and never zooms past 100 %', () => {
    expect(frameView({ x: 0, y: 0, w: 1880, h: 400 }, 390).z).toBe(legibleZoom)
    expect(frameView({ x: 0, y: 0, w: 248, h: 400 }, 390).z).toBe(1)
  })
})

describe('frameInView', () => {
  const frame = (id: string, x: number, y: number, w: number, h: number): BoardFrame => ({ id: `shape:${id}` as BoardFrame['id'], name: id, bounds: { x, y, w, h } })
  const frames = [frame('first', 0, 0, 500, 400), frame('beside', 540, 0, 1000, 900), frame('below', 0, 480, 1540, 900)]

  it('names the first frame whose corner is on the screen, else the one that fills most of it', () => {
    expect(frameInView(frames, { x: -10, y: -50, w: 2000, h: 2000 })?.name).toBe('first')
    expect(frameInView(frames, { x: 530, y: -40, w: 400, h: 700 })?.name).toBe('beside')
    expect(frameInView(frames, { x: 100, y: 300, w: 300, h: 500 })?.name).toBe('below')
    expect(frameInView(frames, { x: 5000, y: 5000, w: 300, h: 500 })).toBeNull()
  })
})
