import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiAgent } from '../helpers/auth.ts'
import { note, status } from '../helpers/boardPage.ts'
import { expectCleanPages, pageAs, startBrowserScene, type BrowserScene } from '../helpers/browserScene.ts'
import { addStep, createWorkshop, expectStatus, firstFacilitator, grueChallengeId, setStatus } from '../helpers/workshopApi.ts'
import { templateIds } from '../../shared/src/templates/index.ts'

// A participant who uses only the keyboard, in real Chromium: not one mouse call in this file.
// Kari joins from the workshop's link (name, affiliation, the privacy notice), opens a board from
// the agenda, adds a note to a frame of every template's board (Shift+N, and N then Enter), moves
// between notes with Alt+N, hears each note's text and author, and follows the facilitator when
// summoned and while they present, stopping with Escape and following again with the button.

const kari = 'Kari Kirkenær'

/** Presses Tab until the focused element matches `selector` (at most `most` times); fails if it never does. */
async function tabTo(page: Page, selector: string, most = 60): Promise<void> {
  for (let pressed = 0; pressed <= most; pressed++) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${selector}`)
}

/** What tldraw's live region last said of the selection ("Aktører i utfordringen, Ramme. 2 av 7"). */
const announced = (page: Page) => page.locator('.tl-container div[role="status"][aria-hidden="false"]').textContent({ timeout: 5_000 }).catch(() => '')

/** The focused element is where one types a note's text. */
const writing = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.isContentEditable ?? false)

describe('taking part with the keyboard alone', () => {
  let scene: BrowserScene
  let facilitator: ApiAgent
  let workshopId: string
  let participantUrl: string
  let steps: { id: string; boardId: string }[]

  beforeAll(async () => {
    scene = await startBrowserScene()
    facilitator = await firstFacilitator(scene.server, { email: 'frida@grue.kommune.no', displayName: 'Frida Fasilitator' })
    workshopId = (await createWorkshop(facilitator, await grueChallengeId(facilitator))).workshop.id
    steps = []
    for (const templateId of templateIds) {
      const step = await addStep(facilitator, workshopId, { templateId, plannedMinutes: 10 })
      steps.push({ id: step.id, boardId: step.boardId })
    }
    participantUrl = (await setStatus(facilitator, workshopId, 'open')).links?.participantUrl ?? ''
  })

  afterAll(async () => {
    await scene?.close()
  })

  const act = async (action: Record<string, unknown>) =>
    expectStatus(await facilitator.post(`/api/workshops/${workshopId}/facilitation`, action), 200)

  it('joins from the link, adds a note in every template, moves between notes and follows the facilitator', async () => {
    const page = await scene.newPage()
    await page.goto(participantUrl)

    // Joining: the name, the affiliation chosen with the arrow keys, the privacy notice read on the way.
    await page.getByTestId('join-form').waitFor()
    await tabTo(page, '[data-testid="join-name"]')
    await page.keyboard.type(kari)
    await tabTo(page, '[data-testid="join-affiliation"]')
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => page.getByTestId('join-affiliation').inputValue()).not.toBe('')
    expect(await page.getByTestId('privacy-notice').textContent()).not.toBe('')
    await tabTo(page, '[data-testid="join-submit"]')
    await page.keyboard.press('Enter')
    await page.waitForURL(`${scene.server.url}/workshop/${workshopId}`)

    // From the agenda to the first step's board.
    const [first] = steps
    if (first === undefined) throw new Error('no steps')
    await page.getByTestId('agenda').waitFor()
    await tabTo(page, `a[href="/board/${first.boardId}"]`)
    await page.keyboard.press('Enter')
    await page.waitForURL(`${scene.server.url}/board/${first.boardId}`)

    for (const [index, step] of steps.entries()) {
      if (index > 0) await page.goto(`${scene.server.url}/board/${step.boardId}`)
      await page.locator('.tl-canvas').waitFor()
      await expect.poll(() => status(page), { timeout: 20_000 }).toBe('saved')
      const text = `Lapp ${index + 1} fra tastaturet`

      // tldraw's "skip to the board" selects the first shape; Tab goes on until a frame is selected.
      await tabTo(page, '.tl-skip-to-main-content')
      await page.keyboard.press('Enter')
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('tl-container') ?? false)).toBe(true)
      // tldraw announces the newly selected shape a moment after the key: each Tab counts once its
      // announcement came, or the name read would be the shape before.
      let frame = ''
      let said = await announced(page)
      for (let pressed = 0; pressed < 20 && !frame; pressed++) {
        const before = said
        await page.keyboard.press('Tab')
        await expect.poll(() => announced(page)).not.toBe(before)
        said = await announced(page)
        frame = /^(.+), Ramme\./.exec(said ?? '')?.[1] ?? ''
      }
      expect(frame).not.toBe('')

      // A note in the selected frame: Shift+N, or (on the second board) tldraw's N and then Enter.
      if (index === 1) {
        await page.keyboard.press('n')
        await page.keyboard.press('Enter')
      } else {
        await page.keyboard.press('Shift+N')
      }
      await expect.poll(() => writing(page)).toBe(true)
      await page.keyboard.type(text)
      await page.keyboard.press('Escape')
      await note(page, text).waitFor()
      expect(await note(page, text).getByTestId('note-text').textContent()).toBe(`Lapp fra ${kari}: ${text}`)
      // Both boxes read while the camera stands still (it may bring the new note into view).
      const frameShape = page.locator('.tl-shape[data-shape-type="frame"]').filter({ has: page.locator('.tl-frame-heading', { hasText: frame }) })
      let boxes: [Awaited<ReturnType<Locator['boundingBox']>>, Awaited<ReturnType<Locator['boundingBox']>>] = [null, null]
      let before = ''
      await expect
        .poll(async () => {
          boxes = [await note(page, text).boundingBox(), await frameShape.boundingBox()]
          const now = JSON.stringify(boxes)
          const still = now === before && boxes[0] !== null && boxes[1] !== null
          before = now
          return still
        })
        .toBe(true)
      const [noteBox, frameBox] = boxes
      if (noteBox === null || frameBox === null) throw new Error('the note or its frame is not on the screen')
      const centre = { x: noteBox.x + noteBox.width / 2, y: noteBox.y + noteBox.height / 2 }
      expect(centre.x).toBeGreaterThan(frameBox.x)
      expect(centre.x).toBeLessThan(frameBox.x + frameBox.width)
      expect(centre.y).toBeGreaterThan(frameBox.y)
      expect(centre.y).toBeLessThan(frameBox.y + frameBox.height)

      // Alt+N and Alt+Shift+N go to the notes around it in reading order, and back.
      if (index === 2) {
        await page.keyboard.press('Alt+N')
        await expect.poll(() => announced(page)).not.toContain(text)
        await page.keyboard.press('Alt+Shift+N')
        await expect.poll(() => announced(page)).toContain(text)
      }
      await expect.poll(() => status(page), { timeout: 20_000 }).toBe('saved')
    }

    // Summoned to step 2 as it starts, then following the facilitator as they present step 3.
    const [, second, third] = steps
    if (second === undefined || third === undefined) throw new Error('no steps')
    await act({ type: 'startStep', stepId: second.id })
    await act({ type: 'summon' })
    await page.waitForURL(`${scene.server.url}/board/${second.boardId}`, { timeout: 20_000 })
    const host = await pageAs(scene, facilitator)
    await host.goto(`${scene.server.url}/board/${third.boardId}`)
    await host.locator('.tl-canvas').waitFor()
    await act({ type: 'present', stepId: third.id })
    await page.waitForURL(`${scene.server.url}/board/${third.boardId}`, { timeout: 20_000 })
    await expect.poll(() => page.getByTestId('follow-banner').getAttribute('data-following'), { timeout: 20_000 }).toBe('true')
    // Escape once the presented board is open and following it (as a person sees it), not while it loads.
    await page.locator('.tl-canvas').waitFor()
    await expect.poll(() => status(page), { timeout: 20_000 }).toBe('saved')
    await tabTo(page, '[data-testid="stop-following"]')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('follow-banner').getAttribute('data-following')).toBe('false')
    await tabTo(page, '[data-testid="follow-again"]')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('follow-banner').getAttribute('data-following')).toBe('true')
    // Escape stops following too, wherever the focus is on the page.
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('follow-banner').getAttribute('data-following')).toBe('false')
    expectCleanPages(scene.watches)
  })
})
