import { createServer } from 'node:net'
import type { Locator, Page } from 'playwright-core'
import { waitFor } from './waitFor.ts'

// What a person does on a board page, for the browser tests: the same steps a
// facilitator would describe ("type your name, press N, click, write").

/** A free loopback port, so a killed server can come back on the same address. */
export async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const address = probe.address()
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('The port probe got no port.')
  return address.port
}

/** Answers the name dialog a board shows on a first visit. */
export async function enterName(page: Page, name: string): Promise<void> {
  const input = page.getByTestId('name-input')
  await input.waitFor()
  await input.fill(name)
  await input.press('Enter')
  await page.getByTestId('name-dialog').waitFor({ state: 'hidden' })
}

/**
 * Makes a sticky note as a person would: the note tool in the toolbar, a click on the canvas,
 * type, Escape. (The N key reaches tldraw only while the canvas has the keyboard focus, which a
 * freshly loaded page in a background window need not have.)
 */
export async function addStickyNote(page: Page, text: string, at: { x: number; y: number }): Promise<void> {
  await page.locator('.tl-canvas').waitFor()
  await page.getByTestId('tools.note').click()
  await page.locator('.tl-canvas').click({ position: at })
  const editor = page.locator('[contenteditable="true"]')
  // Typing before the editor has focus loses characters.
  await editor.waitFor()
  await editor.focus()
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
}

/** The shape on the board that shows `text`. */
export function note(page: Page, text: string): Locator {
  return page.locator('.tl-shape').filter({ hasText: text })
}

/** The save status the page shows: saved, saving, offline, reconnecting, connecting, readonly or error. */
export async function status(page: Page): Promise<string | null> {
  return page.getByTestId('connection-status').getAttribute('data-state')
}

/** Opens a step's board at `serverUrl` and waits for its step bar and canvas. */
export async function openStepBoard(page: Page, serverUrl: string, boardId: string): Promise<void> {
  await page.goto(`${serverUrl}/board/${boardId}`)
  await page.getByTestId('step-bar').waitFor()
  await page.locator('.tl-canvas').waitFor()
}

/** Room kept clear at the canvas's edges, where tldraw's panels and toolbars lie over it. */
const panelRoom = { side: 80, top: 100, bottom: 140 }

/**
 * A point inside the frame titled `title`, relative to the canvas, at the fractions given of its
 * size. A board opens where its text is legible, not always whole: a frame off the screen is
 * brought there with the board's frame switcher, and a point under the panels or past the edge
 * is scrolled into the open with the mouse wheel, as a person would.
 */
export async function inFrame(page: Page, title: string, fx: number, fy: number): Promise<{ x: number; y: number }> {
  const frame = page.locator('.tl-shape[data-shape-type="frame"]').filter({ has: page.locator('.tl-frame-heading', { hasText: title }) })
  const measure = async () => {
    const [box, canvas] = [await frame.boundingBox(), await page.locator('.tl-canvas').boundingBox()]
    if (box === null || canvas === null) return null
    const point = { x: box.x - canvas.x + box.width * fx, y: box.y - canvas.y + box.height * fy }
    const open =
      point.x > panelRoom.side && point.x < canvas.width - panelRoom.side && point.y > panelRoom.top && point.y < canvas.height - panelRoom.bottom
    return { point, open, canvas }
  }
  // The camera may glide: a measure counts once it stands still.
  const settled = async () => {
    let last = ''
    return waitFor(
      async () => {
        const now = await measure()
        const seen = JSON.stringify(now)
        const still = now !== null && seen === last
        last = seen
        return still ? now : null
      },
      { intervalMs: 50, message: `the frame ${title} on the screen` },
    )
  }
  if ((await measure()) === null) await page.getByTestId('frame-list').selectOption({ label: title })
  for (let scrolls = 0; ; scrolls++) {
    const { point, open, canvas } = await settled()
    if (open) return point
    if (scrolls === 3) throw new Error(`The frame ${title} does not come into the open at (${fx}, ${fy}).`)
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2)
    await page.mouse.wheel(point.x - canvas.width / 2, point.y - canvas.height / 2)
  }
}

/**
 * Starts recording everything the page's sockets receive; the function returned gives it as
 * text (a note's text is UTF-8 inside the Yjs updates). Call before the page opens its board.
 */
export function listenToSockets(page: Page): () => string {
  const heard: string[] = []
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => heard.push(typeof payload === 'string' ? payload : payload.toString('utf8')))
  })
  return () => heard.join('\n')
}
