import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { facilitatorCookieName, guestCookieName } from '../../server/src/auth/sessionCookies.ts'
import { ApiAgent, linkToken } from '../helpers/auth.ts'
import { status } from '../helpers/boardPage.ts'
import { expectCleanPages, startBrowserScene, type BrowserScene } from '../helpers/browserScene.ts'
import { setupLinkOf } from '../helpers/server.ts'
import { addStep, createWorkshop, expectStatus, grueChallengeId, joined, setStatus } from '../helpers/workshopApi.ts'

// A facilitator leads the room from their board, in real Chromium, with a participant on a phone
// and an observer watching: the step they start (with its timer) shows as the current step on
// every screen with the same time left, a summon brings the participant to its board, the
// participant's hand and "done" reach the facilitator, and a reload keeps the step and the timer.

/** Serious and critical axe-core violations on the page, as "rule: target" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`))
}

/** A countdown's mm:ss in seconds. */
function seconds(clock: string | null): number {
  const match = /^(\d+):(\d{2})$/.exec(clock?.trim() ?? '')
  if (match === null) throw new Error(`not a countdown: ${clock}`)
  return Number(match[1]) * 60 + Number(match[2])
}

/** The countdown the step bar shows, in seconds (NaN while there is none). */
async function timeLeft(page: Page): Promise<number> {
  const timer = page.getByTestId('step-bar').getByTestId('step-timer-time')
  if ((await timer.count()) === 0) return Number.NaN
  return seconds(await timer.textContent())
}

/** Which step the step bar says the workshop is on (its number), or null. */
async function currentStep(page: Page): Promise<string | null> {
  const current = page.getByTestId('step-bar-current')
  return (await current.count()) === 0 ? null : current.getAttribute('data-step-number')
}

describe('leading the room', () => {
  let scene: BrowserScene
  let facilitator: ApiAgent
  let participant: ApiAgent
  let observer: ApiAgent
  let boards: string[]

  /** A browser of its own, signed in or joined as `agent`. */
  async function pageAs(agent: ApiAgent, phone = false): Promise<Page> {
    const page = await scene.newPage(phone ? { viewport: { width: 390, height: 844 }, touch: true } : {})
    const cookies = [facilitatorCookieName, guestCookieName].flatMap((name) => {
      const value = agent.cookie(name)
      return value === undefined ? [] : [{ name, value, url: scene.server.url }]
    })
    await page.context().addCookies(cookies)
    return page
  }

  async function openBoard(page: Page, boardId: string): Promise<void> {
    await page.goto(`${scene.server.url}/board/${boardId}`)
    await page.getByTestId('step-bar').waitFor()
    await page.locator('.tl-canvas').waitFor()
  }

  beforeAll(async () => {
    scene = await startBrowserScene()
    facilitator = new ApiAgent(scene.server.url)
    const setup = await facilitator.post('/api/setup', {
      token: linkToken(setupLinkOf(scene.server)),
      email: 'frida@grue.kommune.no',
      displayName: 'Frida Fasilitator',
      password: 'et langt nok passord',
    })
    expectStatus(setup, 201)
    const created = await createWorkshop(facilitator, await grueChallengeId(facilitator))
    const workshopId = created.workshop.id
    boards = [
      (await addStep(facilitator, workshopId, { templateId: 'challenge-framing', plannedMinutes: 10, instructions: 'Skriv ned hva vi vet.' })).boardId,
      (await addStep(facilitator, workshopId, { templateId: 'stakeholder-mapping', plannedMinutes: 15, instructions: 'Plasser aktørene.' })).boardId,
    ]
    const opened = await setStatus(facilitator, workshopId, 'open')
    participant = (await joined(scene.server.url, opened.links?.participantUrl ?? '', { displayName: 'Kari Kirkenær', affiliation: 'business' })).agent
    observer = (await joined(scene.server.url, opened.links?.observerUrl ?? '')).agent
  })

  afterAll(async () => {
    await scene?.close()
  })

  it('shows the current step and its timer everywhere, summons, and hears hands and “done”', async () => {
    const [framingBoard = '', stakeholderBoard = ''] = boards
    const host = await pageAs(facilitator)
    const guest = await pageAs(participant, true)
    const watcher = await pageAs(observer)
    await openBoard(host, stakeholderBoard)
    await openBoard(guest, framingBoard)
    await openBoard(watcher, framingBoard)
    await expect.poll(() => status(guest)).toBe('saved')

    // On a phone the step bar keeps to one line, nothing cut off the side, its instructions one tap away.
    const row = guest.getByTestId('step-bar').locator('.step-bar__row')
    const oneLine = () =>
      row.evaluate((element) => element.getBoundingClientRect().height < 60 && element.scrollWidth <= element.clientWidth && document.documentElement.scrollWidth <= window.innerWidth)
    expect(await oneLine()).toBe(true)
    await guest.getByTestId('step-instructions-toggle').click()
    await expect.poll(() => guest.getByTestId('step-instructions').isVisible()).toBe(true)

    // The facilitator starts step 2 from its board, with its planned 15 minutes on the timer.
    await host.getByTestId('open-facilitation').click()
    await expect.poll(() => host.getByTestId('start-step-minutes').inputValue()).toBe('15')
    await host.getByTestId('start-step').click()
    await expect.poll(() => currentStep(host)).toBe('2')

    // The participant (on step 1's board) and the observer see step 2 as current, with the same time left.
    for (const page of [guest, watcher]) {
      await expect.poll(() => currentStep(page)).toBe('2')
      await expect.poll(() => timeLeft(page)).toBeGreaterThan(14 * 60)
    }
    await guest.getByTestId('go-to-current').waitFor()
    const [guestLeft, watcherLeft, hostLeft] = await Promise.all([timeLeft(guest), timeLeft(watcher), timeLeft(host)])
    expect(Math.abs(guestLeft - watcherLeft)).toBeLessThanOrEqual(2)
    expect(Math.abs(guestLeft - hostLeft)).toBeLessThanOrEqual(2)
    expect(guestLeft).toBeLessThanOrEqual(15 * 60)
    // With the way to the current step and its timer in it, the phone's bar is still one line.
    expect(await oneLine()).toBe(true)

    // "Hent alle hit" brings the participant and the observer from step 1's board to step 2's, and says why.
    await host.getByTestId('summon').click()
    await guest.waitForURL(`${scene.server.url}/board/${stakeholderBoard}`)
    await watcher.waitForURL(`${scene.server.url}/board/${stakeholderBoard}`)
    await expect.poll(() => guest.getByTestId('room-notice').textContent()).toContain('steg 2')
    await expect.poll(() => currentStep(guest)).toBe('2')
    expect(await guest.getByTestId('go-to-current').count()).toBe(0)

    // The participant raises a hand: the facilitator sees their name in the list of hands.
    await guest.getByTestId('hand-toggle').click()
    await expect.poll(() => host.getByTestId('hands-list').textContent()).toContain('Kari Kirkenær')
    expect(await host.getByTestId('hands-count').textContent()).toContain('1')

    // The participant says they are done with the step: one of the workshop's one participant.
    await guest.getByTestId('ready-toggle').click()
    await expect.poll(() => guest.getByTestId('ready-toggle').getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => host.getByTestId('ready-count').textContent()).toBe('1 av 1 ferdig')

    // A reload keeps the current step and the timer, which goes on counting with the others'.
    await guest.reload()
    await guest.getByTestId('step-bar').waitFor()
    await expect.poll(() => currentStep(guest)).toBe('2')
    await expect.poll(() => timeLeft(guest)).toBeGreaterThan(0)
    const [afterReload, hostAfter] = await Promise.all([timeLeft(guest), timeLeft(host)])
    expect(Math.abs(afterReload - hostAfter)).toBeLessThanOrEqual(2)
    expect(afterReload).toBeLessThanOrEqual(guestLeft)
    expect(guest.url()).toBe(`${scene.server.url}/board/${stakeholderBoard}`)
    expect(await guest.getByTestId('hand-toggle').getAttribute('data-raised')).toBe('true')

    expect(await seriousViolations(host)).toEqual([])
    expect(await seriousViolations(guest)).toEqual([])
    expectCleanPages(scene.watches)
  })
})
