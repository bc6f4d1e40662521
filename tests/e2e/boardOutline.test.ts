import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiAgent } from '../helpers/auth.ts'
import { seriousViolations } from '../helpers/axe.ts'
import { addStickyNote, inFrame, note, openStepBoard, status } from '../helpers/boardPage.ts'
import { expectCleanPages, pageAs, startBrowserScene, type BrowserScene } from '../helpers/browserScene.ts'
import { addStep, createWorkshop, expectStatus, firstFacilitator, grueChallengeId, joined, setStatus } from '../helpers/workshopApi.ts'

// The board as a list, in real Chromium: Ada adds a note to an area of the stakeholder map from the
// list, rewrites it and moves it to another area, and Bo sees each change on his canvas; Bo's new
// note is read out to Ada; in add-only mode Ada's list offers no deleting or rewriting of Bo's
// note, only of her own, which she deletes; going to the canvas and back keeps her place; and the
// list passes axe-core.

const first = 'Grendelaget i Kirkenær'
const rewritten = 'Grendelaget og idrettslaget'
const bosNote = 'Butikkeierne i sentrum'

describe('the board as a list', () => {
  let scene: BrowserScene
  let facilitator: ApiAgent
  let boardId: string
  let participantUrl: string

  beforeAll(async () => {
    scene = await startBrowserScene()
    facilitator = await firstFacilitator(scene.server, { email: 'frida@grue.kommune.no', displayName: 'Frida Fasilitator' })
    const workshopId = (await createWorkshop(facilitator, await grueChallengeId(facilitator))).workshop.id
    boardId = (await addStep(facilitator, workshopId, { templateId: 'stakeholder-mapping', plannedMinutes: 20 })).boardId
    participantUrl = (await setStatus(facilitator, workshopId, 'open')).links?.participantUrl ?? ''
  })

  afterAll(async () => {
    await scene?.close()
  })

  async function pageOf(name: string): Promise<Page> {
    const agent = (await joined(scene.server.url, participantUrl, { displayName: name, affiliation: 'citizen' })).agent
    const page = await pageAs(scene, agent)
    await openStepBoard(page, scene.server.url, boardId)
    await expect.poll(() => status(page), { timeout: 20_000 }).toBe('saved')
    return page
  }

  const area = (page: Page, label: string) => page.getByTestId('outline-area').filter({ has: page.locator('h4', { hasText: label }) })
  const listed = (page: Page, text: string) => page.getByTestId('outline-note').filter({ hasText: text })
  const focusedShape = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-shape-id') ?? null)

  it('adds, rewrites, moves and deletes notes under the board’s rules, tells of others’ notes and keeps one’s place', async () => {
    const [ada, bo] = [await pageOf('Ada'), await pageOf('Bo')]
    await ada.getByTestId('show-list').click()
    await ada.getByTestId('board-outline').waitFor()
    expect(await ada.getByTestId('outline-frame').locator('h3').allTextContents()).toEqual(['Aktører i utfordringen', 'Interesse og innflytelse', 'Sektorer'])

    // A note in the "work closely together" quadrant, from the list; Bo sees it on his canvas.
    const closely = area(ada, 'Stor innflytelse, stor interesse')
    await closely.getByTestId('outline-add').click()
    await ada.getByTestId('outline-note-text').fill(first)
    await ada.getByTestId('outline-save').click()
    await expect.poll(() => closely.getByTestId('outline-note-body').allTextContents()).toEqual([first])
    const adasId = (await listed(ada, first).getAttribute('data-shape-id')) ?? ''
    await expect.poll(() => focusedShape(ada)).toBe(adasId)
    await note(bo, first).waitFor({ timeout: 20_000 })
    expect(await listed(ada, first).locator('.board-outline__meta').textContent()).toBe('fra Ada')

    // Rewritten, then moved to the business sector; one note throughout, on both screens.
    await listed(ada, first).getByTestId('outline-edit').click()
    await ada.getByTestId('outline-note-text').fill(rewritten)
    await ada.getByTestId('outline-save').click()
    await note(bo, rewritten).waitFor({ timeout: 20_000 })
    await listed(ada, rewritten).getByTestId('outline-move').click()
    const places = await ada.getByTestId('outline-move-place').locator('option').allTextContents()
    expect(places).toContain('Sektorer – Næringsliv')
    await ada.getByTestId('outline-move-place').selectOption({ label: 'Sektorer – Næringsliv' })
    await ada.getByTestId('outline-move-submit').click()
    await expect.poll(() => area(ada, 'Næringsliv').getByTestId('outline-note-body').allTextContents()).toEqual([rewritten])
    expect(await closely.getByTestId('outline-note').count()).toBe(0)
    await expect.poll(() => focusedShape(ada)).toBe(adasId)
    // (Every other message ends in an invisible no-break space, so that the same words twice are read twice.)
    expect((await ada.getByTestId('board-outline').getByTestId('announcement').textContent())?.trim()).toBe('Lappen er flyttet til «Næringsliv».')
    expect(await note(bo, rewritten).count()).toBe(1)

    // Bo writes a note on the canvas: Ada hears of it once he has written it.
    await addStickyNote(bo, bosNote, await inFrame(bo, 'Aktører i utfordringen', 0.5, 0.9))
    await expect
      .poll(async () => (await ada.getByTestId('board-outline').getByTestId('announcement').textContent())?.trim(), { timeout: 20_000 })
      .toBe(`Bo la til en lapp i «Aktører i utfordringen»: ${bosNote}`)
    await listed(ada, bosNote).waitFor()

    // Add-only: Ada may rewrite and delete her own note, not Bo's (the canvas would refuse it too).
    expectStatus(await facilitator.put(`/api/boards/${boardId}/mode`, { mode: 'add-only' }), 200)
    await expect.poll(() => listed(ada, bosNote).getByTestId('outline-delete').count(), { timeout: 20_000 }).toBe(0)
    expect(await listed(ada, bosNote).getByTestId('outline-edit').count()).toBe(0)
    expect(await listed(ada, bosNote).getByTestId('outline-move').count()).toBe(0)
    expect(await listed(ada, rewritten).getByTestId('outline-delete').count()).toBe(1)
    // The list and the bar above it, with the keyboard help open, pass axe-core.
    await ada.getByTestId('keyboard-help').locator('summary').click()
    expect(await ada.getByTestId('keyboard-help').locator('dt').first().textContent()).toBe('Shift+N / N, Enter')
    expect(await seriousViolations(ada, ['[data-testid="board-outline"]', '.board-views__bar'])).toEqual([])
    await ada.getByTestId('keyboard-help').locator('summary').click()

    // From the list to the canvas on Bo's note: it is selected there; back in the list, it has the focus.
    const bosId = (await listed(ada, bosNote).getAttribute('data-shape-id')) ?? ''
    await listed(ada, bosNote).focus()
    await ada.getByTestId('show-canvas').click()
    await ada.getByTestId('note-reaction-bar').waitFor()
    await ada.getByTestId('show-list').click()
    await expect.poll(() => focusedShape(ada)).toBe(bosId)

    // Ada deletes her own note; it goes from Bo's canvas, and nothing she did was refused.
    await listed(ada, rewritten).getByTestId('outline-delete').click()
    await ada.getByTestId('outline-delete-confirm').click()
    await expect.poll(() => note(bo, rewritten).count(), { timeout: 20_000 }).toBe(0)
    await expect.poll(() => status(ada)).toBe('saved')
    expect(await ada.getByTestId('toast').count()).toBe(0)
    expect(await note(bo, bosNote).count()).toBe(1)
    expectCleanPages(scene.watches)
  })
})
