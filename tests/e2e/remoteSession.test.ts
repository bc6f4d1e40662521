import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiAgent } from '../helpers/auth.ts'
import { seriousViolations } from '../helpers/axe.ts'
import { addStickyNote, inFrame, listenToSockets, note, openStepBoard, status } from '../helpers/boardPage.ts'
import { expectCleanPages, pageAs, phone, startBrowserScene, type BrowserScene } from '../helpers/browserScene.ts'
import { currentStep, dotsLeft, ownDots, rankedIds, shapeId, timeLeft, voteButton, voteCount } from '../helpers/roomPage.ts'
import { addStep, createWorkshop, firstFacilitator, grueChallengeId, joined, setStatus } from '../helpers/workshopApi.ts'

// A whole remote workshop in real Chromium, one scene from start to end: a facilitator, Kari at
// her desk, Ola on a phone (by touch) and an observer, in a workshop of three steps on Grue's
// challenge. The facilitator starts step 2 with a timer (every step bar shows it, with the same
// time left), summons everyone to its board, makes it private while Kari and Ola each write a
// note (neither sees, nor is sent, the other's), reveals the notes per person, runs a dot vote
// with two dots each and shows the same ranking on every screen, and sees Ola's raised hand.
// The facilitator's panel and Ola's board pass axe-core.

const kariText = 'Gratis buss til torget'
const olaText = 'Benker langs elva'

describe('a remote workshop session', () => {
  let scene: BrowserScene
  let facilitator: ApiAgent
  let kariAgent: ApiAgent
  let olaAgent: ApiAgent
  let observerAgent: ApiAgent
  let boards: string[]

  beforeAll(async () => {
    scene = await startBrowserScene()
    facilitator = await firstFacilitator(scene.server, { email: 'frida@grue.kommune.no', displayName: 'Frida Fasilitator' })
    const created = await createWorkshop(facilitator, await grueChallengeId(facilitator))
    const workshopId = created.workshop.id
    boards = [
      (await addStep(facilitator, workshopId, { templateId: 'challenge-framing', plannedMinutes: 10, instructions: 'Skriv ned hva vi vet.' })).boardId,
      (await addStep(facilitator, workshopId, { templateId: 'ideas', plannedMinutes: 15 })).boardId,
      (await addStep(facilitator, workshopId, { templateId: 'prioritising', plannedMinutes: 10 })).boardId,
    ]
    const opened = await setStatus(facilitator, workshopId, 'open')
    const participantUrl = opened.links?.participantUrl ?? ''
    kariAgent = (await joined(scene.server.url, participantUrl, { displayName: 'Kari Kirkenær', affiliation: 'business' })).agent
    olaAgent = (await joined(scene.server.url, participantUrl, { displayName: 'Ola Nordmann', affiliation: 'citizen' })).agent
    observerAgent = (await joined(scene.server.url, opened.links?.observerUrl ?? '')).agent
  })

  afterAll(async () => {
    await scene?.close()
  })

  it('leads a step with a timer, summons, writes in private, votes, and hears a hand from a phone', async () => {
    const [framingBoard = '', ideasBoard = ''] = boards
    const host = await pageAs(scene, facilitator)
    const kari = await pageAs(scene, kariAgent)
    const ola = await pageAs(scene, olaAgent, phone)
    const watcher = await pageAs(scene, observerAgent)
    const [heardByKari, heardByOla, heardByWatcher] = [listenToSockets(kari), listenToSockets(ola), listenToSockets(watcher)]
    const everyone: Page[] = [host, kari, ola, watcher]
    await openStepBoard(host, scene.server.url, ideasBoard)
    for (const page of [kari, ola, watcher]) await openStepBoard(page, scene.server.url, framingBoard)
    for (const page of [kari, ola]) await expect.poll(() => status(page), { timeout: 20_000 }).toBe('saved')

    // The facilitator starts step 2 from its board, with its planned 15 minutes on the timer.
    await host.getByTestId('open-facilitation').click()
    await expect.poll(() => host.getByTestId('start-step-minutes').inputValue()).toBe('15')
    await host.getByTestId('start-step').click()
    await expect.poll(() => currentStep(host)).toBe('2')

    // Kari, Ola and the observer (on step 1's board) see step 2 as current, with the same time left.
    for (const page of [kari, ola, watcher]) {
      await expect.poll(() => currentStep(page), { timeout: 20_000 }).toBe('2')
      await expect.poll(() => timeLeft(page), { timeout: 20_000 }).toBeGreaterThan(13 * 60)
    }
    const [kariLeft, olaLeft, watcherLeft] = await Promise.all([timeLeft(kari), timeLeft(ola), timeLeft(watcher)])
    expect(Math.max(kariLeft, olaLeft, watcherLeft) - Math.min(kariLeft, olaLeft, watcherLeft)).toBeLessThanOrEqual(2)
    expect(kariLeft).toBeLessThanOrEqual(15 * 60)

    // "Hent alle hit" brings Kari, Ola and the observer from step 1's board to step 2's.
    expect(await host.getByTestId('summon').textContent()).toBe('Hent alle hit')
    await host.getByTestId('summon').click()
    for (const page of [kari, ola, watcher]) {
      await page.waitForURL(`${scene.server.url}/board/${ideasBoard}`, { timeout: 20_000 })
      await page.locator('.tl-canvas').waitFor()
      await expect.poll(() => page.getByTestId('room-notice').textContent()).toContain('steg 2')
    }
    for (const page of [kari, ola]) await expect.poll(() => status(page), { timeout: 20_000 }).toBe('saved')

    // The facilitator makes step 2 private; Kari and Ola each write a note.
    await host.getByTestId('private-step').click()
    await expect.poll(() => host.getByTestId('private-status').textContent()).toMatch(/^Privat skriving siden \d\d:\d\d – 0 lapper fra 0 personer$/)
    for (const page of [kari, ola, watcher]) await page.getByTestId('private-banner').waitFor({ timeout: 20_000 })
    await addStickyNote(kari, kariText, await inFrame(kari, 'Stille idémyldring', 0.25, 0.55))
    // On her phone the board opened at its first frame: Ola picks the writing frame from the frame list.
    await ola.getByTestId('frame-list').selectOption({ label: 'Stille idémyldring' })
    await addStickyNote(ola, olaText, await inFrame(ola, 'Stille idémyldring', 0.15, 0.55))
    await note(kari, kariText).waitFor()
    await note(ola, olaText).waitFor()

    // The facilitator sees both; neither participant nor the observer sees the other's, nor was sent it.
    await expect.poll(() => host.getByTestId('private-status').textContent(), { timeout: 20_000 }).toContain('2 lapper fra 2 personer')
    expect(await note(kari, olaText).count()).toBe(0)
    expect(await note(ola, kariText).count()).toBe(0)
    for (const text of [kariText, olaText]) expect(await note(watcher, text).count()).toBe(0)
    expect(heardByOla()).not.toContain(kariText)
    expect(heardByWatcher()).not.toContain(kariText)
    expect(heardByWatcher()).not.toContain(olaText)
    expect(heardByKari()).not.toContain(olaText)

    // The reveal, per person: both notes on every board, once each.
    await host.getByTestId('reveal-by-person').click()
    for (const page of everyone) {
      for (const text of [kariText, olaText]) await expect.poll(() => note(page, text).count(), { timeout: 20_000 }).toBe(1)
      await expect.poll(() => page.getByTestId('private-banner').count()).toBe(0)
    }
    // (Now that it is shared, Ola's browser is sent Kari's note: the socket check above could see it.)
    expect(heardByOla()).toContain(kariText)
    const [kariNote, olaNote] = [await shapeId(host, kariText), await shapeId(host, olaText)]

    // A dot vote on the board, two dots each.
    await host.getByTestId('vote-start-open').click()
    await host.getByTestId('vote-budget').fill('2')
    await host.getByTestId('start-vote').click()
    await expect.poll(() => host.getByTestId('vote-controls-progress').textContent()).toBe('0 prikker fra 0 personer')

    // Kari gives a dot to Ola's note, with the mouse.
    await expect.poll(() => dotsLeft(kari), { timeout: 20_000 }).toBe('Du har 2 av 2 prikker igjen')
    await voteButton(kari, olaNote).click()
    await expect.poll(() => dotsLeft(kari)).toBe('Du har 1 av 2 prikker igjen')

    // Ola, by touch, gives one to Kari's note and (one dot per note) her other one to her own.
    await expect.poll(() => dotsLeft(ola), { timeout: 20_000 }).toBe('Du har 2 av 2 prikker igjen')
    // Her phone shows the frame at a readable size, the notes low on the screen: she scrolls them up
    // between the vote's banner and the toolbar.
    const [banner, toolbar, kariBox] = await Promise.all([
      ola.getByTestId('vote-banner').boundingBox(),
      ola.locator('.tlui-main-toolbar').boundingBox(),
      voteButton(ola, kariNote).boundingBox(),
    ])
    if (banner === null || toolbar === null || kariBox === null) throw new Error('The vote is not on Ola’s screen.')
    await ola.mouse.move(195, 420)
    await ola.mouse.wheel(0, kariBox.y + kariBox.height / 2 - (banner.y + banner.height + toolbar.y) / 2)
    await voteButton(ola, kariNote).tap()
    await expect.poll(() => dotsLeft(ola)).toBe('Du har 1 av 2 prikker igjen')
    await expect.poll(() => ownDots(ola, kariText).getAttribute('data-count')).toBe('1')
    await voteButton(ola, olaNote).tap()
    await expect.poll(() => dotsLeft(ola)).toBe('Du har 0 av 2 prikker igjen')
    await expect.poll(() => host.getByTestId('vote-controls-progress').textContent(), { timeout: 20_000 }).toBe('3 prikker fra 2 personer')

    // The facilitator shows the result: the same counts and ranking on every screen.
    await host.getByTestId('vote-reveal').click()
    for (const page of everyone) {
      await expect.poll(() => voteCount(page, olaText).textContent(), { timeout: 20_000 }).toBe('2')
      expect(await voteCount(page, kariText).textContent()).toBe('1')
      await expect.poll(() => rankedIds(page)).toEqual([olaNote, kariNote])
    }

    // Ola raises her hand on the phone: the facilitator sees her in the list of hands, first.
    await ola.getByTestId('hand-toggle').tap()
    await expect.poll(() => host.getByTestId('hands-list').textContent(), { timeout: 20_000 }).toContain('Ola Nordmann')
    expect(await host.getByTestId('raised-hand').first().textContent()).toContain('Ola Nordmann')
    expect(await host.getByTestId('hands-count').textContent()).toContain('1')

    // The facilitator's panel and Ola's board on the phone pass axe-core.
    expect(await seriousViolations(host, '[data-testid="facilitation-panel"]')).toEqual([])
    expect(await seriousViolations(ola)).toEqual([])
    expectCleanPages(scene.watches)
  })
})
