import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addStickyNote, note } from '../helpers/boardPage.ts'
import { expectCleanPages, startBrowserScene, type BrowserScene } from '../helpers/browserScene.ts'
import { signIn } from '../helpers/pages.ts'
import { setupLinkOf, type ChildServer } from '../helpers/server.ts'

// A whole workshop in three browsers, as the issue describes it: a facilitator
// signs in, creates a workshop on Grue's challenge with three steps and copies
// the participant link; a participant joins with name and affiliation and puts
// a sticky note on the stakeholder map; the facilitator sees it live; an
// observer sees it too and cannot change anything. Every page passes axe-core
// without serious or critical violations.

const facilitator = { email: 'fasilitator@gnist.example', displayName: 'Frida Fasilitator', password: 'et-langt-passord-2026' }
const grueChallenge = 'Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere'
const noteText = 'Handelsstanden i Kirkenær'

/** Serious and critical axe-core violations on the page, as "rule: target" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`))
}

describe('a workshop with a facilitator, a participant and an observer', () => {
  let scene: BrowserScene
  let server: ChildServer
  const violations = new Map<string, string[]>()
  const newPage = () => scene.newPage()

  async function checkAccessibility(page: Page, name: string): Promise<void> {
    violations.set(name, await seriousViolations(page))
  }

  beforeAll(async () => {
    // The production default: boards outside workshops only for facilitators.
    scene = await startBrowserScene({ SCRATCH_BOARDS: 'facilitators' })
    server = scene.server
  })

  afterAll(async () => {
    await scene?.close()
  })

  it('runs from sign-in to a sticky note seen live by the facilitator and the observer', async () => {
    // The first facilitator comes from the one-time setup link the server printed.
    const setup = await newPage()
    await setup.goto(setupLinkOf(server))
    await checkAccessibility(setup, 'setup')
    const created = await setup.request.post(`${server.url}/api/setup`, {
      headers: { Origin: server.url },
      data: { token: new URL(setupLinkOf(server)).pathname.split('/').pop(), ...facilitator },
    })
    expect(created.status()).toBe(201)

    // The facilitator signs in…
    const host = await newPage()
    await host.goto(`${server.url}/login`)
    await checkAccessibility(host, 'login')
    await signIn(host, facilitator)
    await checkAccessibility(host, 'facilitator home')

    // …opens Grue's challenge and creates a workshop on it.
    await host.goto(`${server.url}/`)
    await host.getByRole('link', { name: grueChallenge }).click()
    await host.waitForURL(/\/challenge\/[A-Za-z0-9_-]+$/)
    await host.getByTestId('new-workshop').click()
    await host.getByTestId('workshop-title').fill('Verksted 1: Kirkenær sentrum')
    await host.getByTestId('workshop-starts-at').fill('2026-11-24T09:00')
    await host.getByTestId('workshop-ends-at').fill('2026-11-24T12:00')
    await host.getByTestId('workshop-create').click()
    await host.waitForURL(/\/workshop\/[A-Za-z0-9_-]+\/edit$/)

    // Three steps from templates: framing, stakeholder mapping, prototyping.
    for (const [index, templateId] of ['challenge-framing', 'stakeholder-mapping', 'prototyping'].entries()) {
      await host.getByTestId('add-step-template').selectOption(templateId)
      await host.getByTestId('add-step-minutes').fill('30')
      await host.getByTestId('add-step-submit').click()
      await expect.poll(() => host.getByTestId('step-item').count()).toBe(index + 1)
      // Busy while the step is added, the button keeps the focus: the next step is a key press away.
      expect(await host.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('add-step-submit')
    }
    await host.getByTestId('open-workshop').click()
    await host.getByTestId('close-workshop').waitFor()
    await checkAccessibility(host, 'workshop editor')

    // "Copy" puts the participant link on the clipboard.
    await host.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
    const participantLink = await host.getByTestId('participant-link').inputValue()
    const observerLink = await host.getByTestId('observer-link').inputValue()
    expect(participantLink).toMatch(/\/join\/[A-Za-z0-9_-]{16,}$/)
    expect(observerLink).toMatch(/\/join\/[A-Za-z0-9_-]{16,}$/)
    expect(observerLink).not.toBe(participantLink)
    await host.getByTestId('copy-participant-link').click()
    await expect.poll(() => host.evaluate(() => navigator.clipboard.readText())).toBe(participantLink)

    // A participant joins from the link with a name and an affiliation…
    const guest = await newPage()
    await guest.goto(participantLink)
    await guest.getByTestId('join-name').waitFor()
    await checkAccessibility(guest, 'join (participant)')
    await guest.getByTestId('join-name').fill('Kari Kirkenær')
    await guest.getByTestId('join-affiliation').selectOption('business')
    await guest.getByTestId('join-submit').click()
    await guest.waitForURL(/\/workshop\/[A-Za-z0-9_-]+$/)
    const workshopUrl = guest.url()
    await expect.poll(() => guest.getByTestId('step-item').count()).toBe(3)
    await checkAccessibility(guest, 'workshop page (participant)')

    // …opens the stakeholder map (the second step) and puts a sticky note on it.
    await guest.getByTestId('board-link').nth(1).click()
    await guest.waitForURL(/\/board\/[A-Za-z0-9_-]+$/)
    const boardUrl = guest.url()
    await guest.getByTestId('step-bar').waitFor()
    expect(await guest.getByTestId('step-bar').textContent()).toMatch(/2/)
    await expect.poll(() => guest.getByTestId('connection-status').getAttribute('data-state')).toBe('saved')
    await addStickyNote(guest, noteText, { x: 640, y: 420 })
    await expect.poll(() => guest.getByTestId('connection-status').getAttribute('data-state')).toBe('saved')
    await checkAccessibility(guest, 'board (participant)')

    // The facilitator, on the same board, sees it live.
    await host.goto(boardUrl)
    await note(host, noteText).waitFor()

    // An observer joins from the observer link, sees the note, and cannot change the board.
    const observer = await newPage()
    await observer.goto(observerLink)
    await checkAccessibility(observer, 'join (observer)')
    await observer.getByTestId('observe-submit').click()
    await observer.waitForURL(/\/workshop\/[A-Za-z0-9_-]+$/)
    await observer.goto(boardUrl)
    await note(observer, noteText).waitFor()
    await observer.getByTestId('readonly-notice').waitFor()
    await checkAccessibility(observer, 'board (observer)')
    const shapesBefore = await observer.locator('.tl-shape').count()
    await observer.locator('.tl-canvas').waitFor()
    await observer.keyboard.press('n')
    await observer.locator('.tl-canvas').click({ position: { x: 300, y: 300 } })
    await observer.keyboard.type('Skal ikke lagres')
    await observer.keyboard.press('Escape')
    expect(await observer.locator('.tl-shape').count()).toBe(shapesBefore)
    expect(await note(host, 'Skal ikke lagres').count()).toBe(0)

    // On the workshop page the participant is listed as here; observers are never listed.
    await host.goto(workshopUrl)
    await expect.poll(() => host.getByTestId('people-list').textContent()).toContain('Kari Kirkenær')
    expect(await host.getByTestId('people-list').getByRole('listitem').count()).toBe(2)
    await checkAccessibility(host, 'workshop page (facilitator)')
  })

  it('has no serious accessibility violations on any page it visited', () => {
    expect(Object.fromEntries(violations)).toEqual(Object.fromEntries([...violations.keys()].map((key) => [key, []])))
  })

  it('made no request to another host and logged no console error', () => {
    expectCleanPages(scene.watches)
  })
})
