import { createServer } from 'node:net'
import type { Locator, Page } from 'playwright-core'

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
