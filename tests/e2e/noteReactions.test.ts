import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiAgent } from '../helpers/auth.ts'
import { addStickyNote, note, status } from '../helpers/boardPage.ts'
import { expectCleanPages, pageAs, startBrowserScene, type BrowserScene } from '../helpers/browserScene.ts'
import { addStep, createWorkshop, expectStatus, firstFacilitator, grueChallengeId, joined, setStatus } from '../helpers/workshopApi.ts'

// Reactions on notes as people give them, in real Chromium: Ada selects Bo's note, goes into its
// reactions with Tab, gives two with Enter and Space, each button saying what it is, how many gave
// it and whether she did; Bo sees the counts on his note; the bar passes axe-core; and in add-only
// mode, where Ada cannot edit Bo's note, she can still react on it.

describe('reactions on notes in the browser', () => {
  let scene: BrowserScene
  let facilitator: ApiAgent
  let workshopId: string
  let participantUrl: string

  async function pageOf(name: string): Promise<Page> {
    const agent = (await joined(scene.server.url, participantUrl, { displayName: name, affiliation: 'citizen' })).agent
    return pageAs(scene, agent)
  }

  async function openBoard(page: Page, boardId: string): Promise<void> {
    await page.goto(`${scene.server.url}/board/${boardId}`)
    await page.locator('.tl-canvas').waitFor()
    await expect.poll(() => status(page)).toBe('saved')
  }

  /** The reaction that has the keyboard focus on the page, or null. */
  const focusedReaction = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-reaction') ?? null)
  const reactionButton = (page: Page, reaction: string) => page.getByTestId('note-reaction-bar').locator(`[data-reaction="${reaction}"]`)
  const countOn = (page: Page, text: string, reaction: string) => note(page, text).locator(`[data-testid="note-reactions"] [data-reaction="${reaction}"]`)

  beforeAll(async () => {
    scene = await startBrowserScene()
    facilitator = await firstFacilitator(scene.server, { email: 'kari@grue.kommune.no', displayName: 'Kari Nordmann' })
    const created = await createWorkshop(facilitator, await grueChallengeId(facilitator))
    workshopId = created.workshop.id
    await setStatus(facilitator, workshopId, 'open')
    if (created.links === null) throw new Error('A facilitator sees the links.')
    participantUrl = created.links.participantUrl
  })

  afterAll(async () => {
    await scene?.close()
  })

  it('gives reactions from the keyboard on someone else’s note, in add-only mode too, and both screens count them', async () => {
    const { boardId } = await addStep(facilitator, workshopId, { templateId: 'stakeholder-mapping', plannedMinutes: 20 })
    const [ada, bo] = [await pageOf('Ada'), await pageOf('Bo')]
    for (const page of [ada, bo]) await openBoard(page, boardId)
    await addStickyNote(bo, 'Bos lapp', { x: 440, y: 280 })
    await note(ada, 'Bos lapp').waitFor()
    // Ada may not change Bo's note now; reacting on it is still hers to do.
    expectStatus(await facilitator.put(`/api/boards/${boardId}/mode`, { mode: 'add-only' }), 200)
    await expect.poll(() => ada.getByTestId('board-mode').getAttribute('data-mode')).toBe('add-only')

    // Selecting the note shows its reactions; Tab goes into them, and on between them.
    await note(ada, 'Bos lapp').click()
    await ada.getByTestId('note-reaction-bar').waitFor()
    await ada.keyboard.press('Tab')
    await expect.poll(() => focusedReaction(ada)).toBe('like')
    expect(await reactionButton(ada, 'like').getAttribute('aria-label')).toBe('Tommel opp, 0 reaksjoner')
    await ada.keyboard.press('Enter')
    await expect.poll(() => reactionButton(ada, 'like').getAttribute('aria-label')).toBe('Tommel opp, 1 reaksjon, du har reagert')
    expect(await reactionButton(ada, 'like').getAttribute('aria-pressed')).toBe('true')
    await ada.keyboard.press('Tab')
    await ada.keyboard.press('Tab')
    await expect.poll(() => focusedReaction(ada)).toBe('idea')
    await ada.keyboard.press('Space')
    await expect.poll(() => reactionButton(ada, 'idea').getAttribute('aria-label')).toBe('God idé, 1 reaksjon, du har reagert')
    await expect.poll(() => status(ada)).toBe('saved')

    // Bo sees them counted on his note, and nothing Ada did was refused.
    await expect.poll(() => countOn(bo, 'Bos lapp', 'like').textContent()).toBe('👍1')
    await expect.poll(() => countOn(bo, 'Bos lapp', 'idea').textContent()).toBe('💡1')
    expect(await countOn(ada, 'Bos lapp', 'like').textContent()).toBe('👍1')
    expect(await ada.getByTestId('toast').count()).toBe(0)

    // Shift+Tab from the first reaction goes back to the note, still selected.
    await ada.keyboard.press('Shift+Tab')
    await ada.keyboard.press('Shift+Tab')
    await expect.poll(() => focusedReaction(ada)).toBe('like')
    await ada.keyboard.press('Shift+Tab')
    await expect.poll(() => ada.evaluate(() => document.activeElement?.classList.contains('tl-container') ?? false)).toBe(true)
    await ada.getByTestId('note-reaction-bar').waitFor()

    const results = await new AxeBuilder({ page: ada }).include('[data-testid="note-reaction-bar"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
    expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([])

    // Taken back, by a click this time.
    await reactionButton(ada, 'like').click()
    await expect.poll(() => countOn(bo, 'Bos lapp', 'like').count()).toBe(0)
    expect(await countOn(bo, 'Bos lapp', 'idea').textContent()).toBe('💡1')
    expectCleanPages(scene.watches)
  })
})
