import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiAgent } from '../helpers/auth.ts'
import { seriousViolations } from '../helpers/axe.ts'
import { addStickyNote, note, status } from '../helpers/boardPage.ts'
import { expectCleanPages, pageAs, startBrowserScene, type BrowserScene } from '../helpers/browserScene.ts'
import { dotsLeft, ownDots, rankedIds, shapeId, voteButton, voteCount } from '../helpers/roomPage.ts'
import { addStep, createWorkshop, firstFacilitator, grueChallengeId, joined, setStatus } from '../helpers/workshopApi.ts'

// Dot voting in real Chromium ([V1]–[V7] in server/src/workshop/SPEC.md): the facilitator starts
// a vote with two dots each from their panel; Ada spends both with the mouse and is told why a
// third is refused; Bo gives one from the keyboard; neither sees the other's dots; once the
// facilitator shows the result both see the counts on the notes and the same ranking, which the
// keyboard walks; an observer follows it all without voting; the kept result stays on the notes
// after the vote is removed. The banner, the notes' vote buttons and the facilitator's controls
// pass axe-core.

describe('dot voting in the browser', () => {
  let scene: BrowserScene
  let facilitator: ApiAgent
  let workshopId: string
  let participantUrl: string
  let observerUrl: string

  async function participant(name: string): Promise<Page> {
    return pageAs(scene, (await joined(scene.server.url, participantUrl, { displayName: name, affiliation: 'citizen' })).agent)
  }

  async function openBoard(page: Page, boardId: string): Promise<void> {
    await page.goto(`${scene.server.url}/board/${boardId}`)
    await page.locator('.tl-canvas').waitFor()
    await expect.poll(() => status(page)).toBe('saved')
  }

  const focusedNoteId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-note-id') ?? null)

  beforeAll(async () => {
    scene = await startBrowserScene()
    facilitator = await firstFacilitator(scene.server, { email: 'kari@grue.kommune.no', displayName: 'Kari Nordmann' })
    const created = await createWorkshop(facilitator, await grueChallengeId(facilitator))
    workshopId = created.workshop.id
    await setStatus(facilitator, workshopId, 'open')
    if (created.links === null) throw new Error('A facilitator sees the links.')
    participantUrl = created.links.participantUrl
    observerUrl = created.links.observerUrl
  })

  afterAll(async () => {
    await scene?.close()
  })

  it('counts dots cast by mouse and keyboard in secret, then shows, ranks and keeps the result', async () => {
    const { boardId } = await addStep(facilitator, workshopId, { templateId: 'ideas', plannedMinutes: 20 })
    const [ada, bo] = [await participant('Ada'), await participant('Bo')]
    const host = await pageAs(scene, facilitator)
    const watcher = await pageAs(scene, (await joined(scene.server.url, observerUrl)).agent)
    for (const page of [ada, bo, host]) await openBoard(page, boardId)
    await watcher.goto(`${scene.server.url}/board/${boardId}`)
    await watcher.locator('.tl-canvas').waitFor()
    await addStickyNote(ada, 'Sykkelvei', { x: 300, y: 560 })
    await addStickyNote(bo, 'Torgdag', { x: 640, y: 560 })
    await addStickyNote(bo, 'Lekeplass', { x: 980, y: 560 })
    for (const text of ['Sykkelvei', 'Torgdag', 'Lekeplass']) await note(host, text).waitFor()
    const [cycling, market, playground] = [await shapeId(ada, 'Sykkelvei'), await shapeId(bo, 'Torgdag'), await shapeId(bo, 'Lekeplass')]

    // The facilitator starts a vote on the whole board, two dots each.
    await host.getByTestId('open-facilitation').click()
    await host.getByTestId('vote-start-open').click()
    await host.getByTestId('vote-budget').fill('2')
    expect(await host.getByTestId('vote-ends-with-timer').isDisabled()).toBe(true)
    await host.getByTestId('start-vote').click()
    await expect.poll(() => host.getByTestId('vote-controls-progress').textContent()).toBe('0 prikker fra 0 personer')

    // Ada votes with the mouse: a click on each of Bo's notes.
    await expect.poll(() => dotsLeft(ada)).toBe('Du har 2 av 2 prikker igjen')
    expect(await ada.getByTestId('vote-banner').locator('h2').textContent()).toBe('Avstemning pågår – klikk på lappene du vil stemme på')
    await voteButton(ada, market).click()
    await voteButton(ada, playground).click()
    await expect.poll(() => dotsLeft(ada)).toBe('Du har 0 av 2 prikker igjen')
    expect(await ownDots(ada, 'Torgdag').getAttribute('data-count')).toBe('1')
    expect(await ownDots(ada, 'Lekeplass').getAttribute('data-count')).toBe('1')
    // A third dot is refused, and she is told why.
    await voteButton(ada, cycling).click()
    await expect.poll(() => ada.getByTestId('vote-refusal').textContent()).toContain('Du har brukt alle prikkene dine')
    expect(await ownDots(ada, 'Sykkelvei').count()).toBe(0)
    expect(await seriousViolations(ada, ['[data-testid="vote-banner"]', '[data-testid="vote-notes"]'])).toEqual([])
    // The banner lies below the frame switcher, not over it.
    const [banner, switcher] = await Promise.all([ada.getByTestId('vote-banner').boundingBox(), ada.getByTestId('frame-switcher').boundingBox()])
    if (banner === null || switcher === null) throw new Error('The banner and the frame switcher are drawn.')
    expect(banner.y).toBeGreaterThanOrEqual(switcher.y + switcher.height)

    // Bo votes from the keyboard: from the voting switch, Tab to his note "Torgdag", then Enter.
    await expect.poll(() => dotsLeft(bo)).toBe('Du har 2 av 2 prikker igjen')
    await bo.getByTestId('vote-mode-vote').focus()
    for (let presses = 0; presses < 8 && (await focusedNoteId(bo)) !== market; presses++) await bo.keyboard.press('Tab')
    expect(await focusedNoteId(bo)).toBe(market)
    await bo.keyboard.press('Enter')
    await expect.poll(() => dotsLeft(bo)).toBe('Du har 1 av 2 prikker igjen')
    await expect.poll(() => host.getByTestId('vote-controls-progress').textContent()).toBe('3 prikker fra 2 personer')

    // Each sees only their own dots: one on "Torgdag" each, none of Ada's on Bo's screen.
    expect(await ownDots(bo, 'Torgdag').getAttribute('data-count')).toBe('1')
    expect(await ownDots(bo, 'Lekeplass').count()).toBe(0)
    expect(await ownDots(ada, 'Torgdag').getAttribute('data-count')).toBe('1')
    expect(await host.getByTestId('note-own-dots').count()).toBe(0)
    expect(await ada.getByTestId('note-vote-count').count()).toBe(0)
    // An observer follows the vote's progress, with nothing to vote with.
    await expect.poll(() => watcher.getByTestId('vote-progress').textContent()).toBe('3 prikker fra 2 personer')
    expect(await watcher.getByTestId('vote-notes').count()).toBe(0)
    expect(await watcher.getByTestId('vote-left').count()).toBe(0)

    // The facilitator shows the result: the same counts and ranking on every screen, most dots first.
    await host.getByTestId('vote-reveal').click()
    for (const page of [ada, bo, host, watcher]) {
      await expect.poll(() => voteCount(page, 'Torgdag').textContent()).toBe('2')
      expect(await voteCount(page, 'Lekeplass').textContent()).toBe('1')
      expect(await voteCount(page, 'Sykkelvei').count()).toBe(0)
      await expect.poll(() => rankedIds(page)).toEqual([market, playground])
      expect(await page.getByTestId('note-own-dots').count()).toBe(0)
    }
    expect(await ada.getByTestId('vote-result-row').first().textContent()).toBe('Torgdag2 prikker')
    expect(await ada.getByTestId('vote-notes').count()).toBe(0)

    // The ranking is walked with the arrow keys; Enter shows the note, selected.
    await bo.getByTestId('vote-result-row').first().focus()
    await bo.keyboard.press('ArrowDown')
    await expect.poll(() => focusedNoteId(bo)).toBe(playground)
    await bo.keyboard.press('Enter')
    await bo.getByTestId('note-reaction-bar').waitFor()
    expect(await seriousViolations(host, ['[data-testid="vote-controls"]', '[data-testid="vote-banner"]'])).toEqual([])

    // Kept on the board, the counts outlive the vote.
    await host.getByTestId('vote-keep').click()
    await host.getByTestId('vote-kept').waitFor()
    await host.getByTestId('vote-clear').click()
    for (const page of [ada, bo]) {
      await expect.poll(() => page.getByTestId('vote-banner').count()).toBe(0)
      expect(await voteCount(page, 'Torgdag').textContent()).toBe('2')
      expect(await voteCount(page, 'Lekeplass').textContent()).toBe('1')
    }
    expectCleanPages(scene.watches)
  })
})
