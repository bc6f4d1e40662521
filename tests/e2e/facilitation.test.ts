import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiAgent } from '../helpers/auth.ts'
import { seriousViolations } from '../helpers/axe.ts'
import { openStepBoard, status } from '../helpers/boardPage.ts'
import { expectCleanPages, pageAs, phone, startBrowserScene, type BrowserScene } from '../helpers/browserScene.ts'
import { currentStep, timeLeft } from '../helpers/roomPage.ts'
import { addStep, createWorkshop, firstFacilitator, grueChallengeId, joined, setStatus } from '../helpers/workshopApi.ts'

// A facilitator leads the room from their board, in real Chromium, with a participant on a phone
// and an observer watching: the step they start (with its timer) shows as the current step on
// every screen with the same time left, a summon brings the participant to its board, the
// participant's hand and "done" reach the facilitator, and a reload keeps the step and the timer.
// On the workshop page the facilitator's "who is here" follows people from board to board.

describe('leading the room', () => {
  let scene: BrowserScene
  let facilitator: ApiAgent
  let participant: ApiAgent
  let observer: ApiAgent
  let boards: string[]
  let workshopId: string
  let participantUrl: string

  beforeAll(async () => {
    scene = await startBrowserScene()
    facilitator = await firstFacilitator(scene.server, { email: 'frida@grue.kommune.no', displayName: 'Frida Fasilitator' })
    const created = await createWorkshop(facilitator, await grueChallengeId(facilitator))
    workshopId = created.workshop.id
    boards = [
      (await addStep(facilitator, workshopId, { templateId: 'challenge-framing', plannedMinutes: 10, instructions: 'Skriv ned hva vi vet.' })).boardId,
      (await addStep(facilitator, workshopId, { templateId: 'stakeholder-mapping', plannedMinutes: 15, instructions: 'Plasser aktørene.' })).boardId,
    ]
    const opened = await setStatus(facilitator, workshopId, 'open')
    participantUrl = opened.links?.participantUrl ?? ''
    participant = (await joined(scene.server.url, participantUrl, { displayName: 'Kari Kirkenær', affiliation: 'business' })).agent
    observer = (await joined(scene.server.url, opened.links?.observerUrl ?? '')).agent
  })

  afterAll(async () => {
    await scene?.close()
  })

  it('shows the current step and its timer everywhere, summons, and hears hands and “done”', async () => {
    const [framingBoard = '', stakeholderBoard = ''] = boards
    const host = await pageAs(scene, facilitator)
    const guest = await pageAs(scene, participant, phone)
    const watcher = await pageAs(scene, observer)
    await openStepBoard(host, scene.server.url, stakeholderBoard)
    await openStepBoard(guest, scene.server.url, framingBoard)
    await openStepBoard(watcher, scene.server.url, framingBoard)
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

    // Kept on step 2, the participant's step 1 board turns read-only and says why; let go, it is theirs again.
    await host.getByTestId('keep-on-step').check()
    await expect.poll(() => guest.getByTestId('step-held').isVisible()).toBe(true)
    expect(await watcher.getByTestId('step-held').count()).toBe(0)
    await host.getByTestId('keep-on-step').uncheck()
    await expect.poll(() => guest.getByTestId('step-held').count()).toBe(0)

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

  it('shows the facilitator who is on which step, the mix, hands, and who has been here', async () => {
    const [, stakeholderBoard = ''] = boards
    const newcomer = (await joined(scene.server.url, participantUrl, { displayName: 'Per Pedersen', affiliation: 'citizen' })).agent
    const host = await pageAs(scene, facilitator)
    await host.goto(`${scene.server.url}/workshop/${workshopId}`)
    await host.getByTestId('people-list').waitFor()
    const per = (group: string) => host.getByTestId(group).getByTestId('person').filter({ hasText: 'Per Pedersen' })
    await per('people-away').waitFor()

    // Per opens step 2's board: the list, loaded again while it is shown, has him there, by the step's number and name.
    const guest = await pageAs(scene, newcomer)
    await openStepBoard(guest, scene.server.url, stakeholderBoard)
    await expect.poll(() => per('people-online').count(), { timeout: 20_000 }).toBe(1)
    await expect.poll(() => per('people-online').getByTestId('person-steps').textContent()).toMatch(/^på steg 2 \(.+\)$/)
    expect(await per('people-online').textContent()).toContain('Innbygger')
    expect(await per('people-away').count()).toBe(0)
    // His coming is said to a screen reader, once, by name.
    await expect.poll(() => host.getByTestId('announcement').textContent()).toContain('Per Pedersen kom inn på en tavle.')

    // His affiliation is counted in the mix of who is on a board now, in words.
    const citizens = host.getByTestId('people-mix').locator('[data-affiliation="citizen"]')
    await expect.poll(() => citizens.getAttribute('data-count')).toBe('1')
    expect(await citizens.textContent()).toBe('Innbyggere 1')

    // He raises his hand on the board: the facilitator's list shows it with its place in the queue.
    await guest.getByTestId('hand-toggle').click()
    const hand = per('people-online').getByTestId('person-hand')
    await expect.poll(() => hand.textContent()).toMatch(/Hånd oppe \(nr\. \d\)/)
    const handsBefore = await host.evaluate(() => document.querySelectorAll('[data-testid="person-hand"]').length)
    expect(await hand.getAttribute('data-hand-number')).toBe(String(handsBefore))

    expect(await seriousViolations(host, 'section[aria-labelledby="people-heading"]')).toEqual([])

    // With focus on the button that would remove him, he closes the page: he is listed under
    // "Har vært her", and focus stays on his button there.
    await per('people-online').getByTestId('remove-participant').focus()
    await guest.close()
    await expect.poll(() => per('people-away').count(), { timeout: 20_000 }).toBe(1)
    expect(await per('people-online').count()).toBe(0)
    expect(await host.getByTestId('people-away').locator('xpath=ancestor::section[1]').getByRole('heading').textContent()).toContain('Har vært her')
    const focused = await host.evaluate(() => ({
      control: document.activeElement?.getAttribute('data-testid') ?? null,
      row: document.activeElement?.closest('[data-item-id]')?.textContent ?? '',
    }))
    expect(focused.control).toBe('remove-participant')
    expect(focused.row).toContain('Per Pedersen')
    await expect.poll(() => host.getByTestId('announcement').textContent()).toContain('Per Pedersen er ikke på en tavle lenger.')

    expect(await seriousViolations(host, 'section[aria-labelledby="people-heading"]')).toEqual([])

    // His data (E1): a download of everything stored about him, and "Slett personen", which says
    // what goes before it erases him (with his notes, as chosen), and he is gone from the list.
    const row = per('people-away')
    expect(await row.getByTestId('export-participant').getAttribute('href')).toMatch(/\/participants\/[\w-]+\/export$/)
    await row.getByTestId('erase-participant').click()
    const dialog = host.locator('dialog[open]')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('Slett også lappene Per Pedersen skrev')
    expect(await seriousViolations(host, 'dialog[open]')).toEqual([])
    await dialog.getByTestId('erase-participant-notes').check()
    await dialog.getByTestId('erase-participant-confirm').click()
    await expect.poll(() => host.getByTestId('people-list').getByText('Per Pedersen').count(), { timeout: 20_000 }).toBe(0)
    expectCleanPages(scene.watches)
  })
})
