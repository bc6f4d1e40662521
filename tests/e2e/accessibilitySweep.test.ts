import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiAgent, firstFacilitator, linkToken } from '../helpers/auth.ts'
import { seriousViolations } from '../helpers/axe.ts'
import { status } from '../helpers/boardPage.ts'
import { expectCleanPages, pageAs, startBrowserScene, type BrowserScene } from '../helpers/browserScene.ts'
import { setupLinkOf } from '../helpers/server.ts'
import { addStep, createWorkshop, expectStatus, grueChallengeId, joined, setStatus } from '../helpers/workshopApi.ts'

// Every page and the main states of a board, checked with axe-core in one browser against one
// server: the public pages, the facilitator's pages, joining with and without a code, a board with
// its step bar and main menu, the not-found page, the accessibility statement and a server-rendered
// error page. Each must have no serious or critical violation. Along the way: the footer leads to
// the statement from every plain page and from the board's menu; no "Insert embed" where nothing
// on the allowed embed hosts can be embedded; and tldraw's menu speaks nynorsk to someone who chose nynorsk.

const contact = 'uu@grue.kommune.no'

describe('an accessibility sweep of every page', () => {
  let scene: BrowserScene
  let facilitator: ApiAgent
  let setupUrl: string
  const violations = new Map<string, string[]>()

  /** Records the page's serious and critical violations under `name`, and checks its footer when it has one. */
  async function sweep(page: Page, name: string, footer = true): Promise<void> {
    violations.set(name, await seriousViolations(page))
    if (footer) expect(await page.getByTestId('accessibility-statement-link').getAttribute('href'), name).toBe('/tilgjengelighet')
    if (footer) expect(await page.getByTestId('processing-records-link').getAttribute('href'), name).toBe('/behandlingsprotokoll')
  }

  beforeAll(async () => {
    // An embed host none of tldraw's embeddable sites is on: nothing can be embedded.
    scene = await startBrowserScene({ ACCESSIBILITY_CONTACT: contact, EMBED_HOSTS: 'intranett.grue.kommune.no' })
    setupUrl = setupLinkOf(scene.server)
  })

  afterAll(async () => {
    await scene?.close()
  })

  it('finds nothing serious on the pages anyone can open', async () => {
    const visitor = await scene.newPage({ expectedErrors: [/status of 40[04]/, /status of 4(01|29)/] })
    const { url } = scene.server

    await visitor.goto(`${url}/`)
    await visitor.getByTestId('result-count').waitFor()
    await sweep(visitor, 'start page')

    await visitor.goto(setupUrl)
    await visitor.getByTestId('account-submit').waitFor()
    await sweep(visitor, 'setup link page')

    await visitor.goto(`${url}/login`)
    await visitor.getByTestId('login-submit').waitFor()
    await sweep(visitor, 'login')
    // Wrong passwords until the server holds the email back: the page says when to try again, and
    // nothing about whether the email has an account.
    for (let attempt = 1; attempt <= 6; attempt++) {
      await visitor.getByTestId('login-email').fill('ukjent@grue.kommune.no')
      await visitor.getByTestId('login-password').fill(`feil passord ${attempt}`)
      const answered = visitor.waitForResponse((response) => response.url().endsWith('/api/auth/login'))
      await visitor.getByTestId('login-submit').click()
      await answered
    }
    const held = visitor.getByTestId('login-error')
    await expect.poll(() => held.getAttribute('data-code')).toBe('too_many_attempts')
    expect(await held.textContent()).toMatch(/Du kan prøve igjen om 1 minutt \(kl\. \d\d[:.]\d\d\)\..*der du har logget inn før/)
    await sweep(visitor, 'login, held back')

    // An address the app does not know: its own not-found page, with status 404.
    const missing = await visitor.goto(`${url}/ingen/slik/side`)
    expect(missing?.status()).toBe(404)
    await visitor.getByTestId('page-not-found').waitFor()
    await sweep(visitor, 'not found')

    // The footer leads to the statement, which names the contact point the deployment set.
    await visitor.getByTestId('accessibility-statement-link').click()
    await visitor.waitForURL(/\/tilgjengelighet$/)
    await visitor.getByTestId('accessibility-contact').waitFor()
    expect(await visitor.getByTestId('accessibility-contact').getByRole('link').getAttribute('href')).toBe(`mailto:${contact}`)
    expect(await visitor.getByRole('heading', { level: 1 }).textContent()).toBe('Tilgjengelighetserklæring')
    await sweep(visitor, 'accessibility statement')
    await visitor.getByTestId('language-select').selectOption('nn')
    await expect.poll(() => visitor.getByRole('heading', { level: 1 }).textContent()).toBe('Tilgjengelegheitserklæring')
    expect(await visitor.evaluate(() => document.documentElement.lang)).toBe('nn')
    await sweep(visitor, 'accessibility statement (nynorsk)')

    // An address the server cannot read: its own error page, in the language chosen in the app.
    const unreadable = await visitor.goto(`${url}/board/%E0%A4%A`)
    expect(unreadable?.status()).toBe(400)
    expect(await visitor.getByRole('heading', { level: 1 }).textContent()).toBe('Adressa kunne ikkje lesast')
    expect(await visitor.evaluate(() => document.documentElement.lang)).toBe('nn')
    violations.set('server error page', await seriousViolations(visitor))
    expect(await visitor.getByRole('link', { name: 'Tilgjengelegheitserklæring' }).getAttribute('href')).toBe('/tilgjengelighet')
    // Its footer leads on to the records of processing, which the server renders in that language too.
    await visitor.getByRole('link', { name: 'Behandlingsprotokoll' }).click()
    await visitor.waitForURL(/\/behandlingsprotokoll$/)
    expect(await visitor.getByRole('heading', { level: 1 }).textContent()).toBe('Behandlingsprotokoll')
    expect(await visitor.evaluate(() => document.documentElement.lang)).toBe('nn')
    violations.set('records of processing', await seriousViolations(visitor))

    // The server's page for a description that is not published, as the public pages are.
    const unpublished = await visitor.goto(`${url}/utfordring/ingen-slik-utfordring`)
    expect(unpublished?.status()).toBe(404)
    violations.set('unpublished description page', await seriousViolations(visitor))
  })

  it('finds nothing serious on the facilitator’s pages', async () => {
    facilitator = new ApiAgent(scene.server.url)
    expectStatus(await facilitator.post('/api/setup', { token: linkToken(setupUrl), ...firstFacilitator }), 201)
    const invitation = await facilitator.post('/api/invitations', { email: 'ola.hansen@grue.kommune.no' })
    const { invitationUrl } = expectStatus(invitation, 201) as { invitationUrl: string }
    const challengeId = await grueChallengeId(facilitator)
    const { workshop } = await createWorkshop(facilitator, challengeId)
    await addStep(facilitator, workshop.id, { templateId: 'stakeholder-mapping', plannedMinutes: 20 })
    // A closed workshop's editor shows when it is deleted, and how to move the date.
    const closed = (await createWorkshop(facilitator, challengeId, 'Avsluttet verksted')).workshop
    await setStatus(facilitator, closed.id, 'closed')

    const invitee = await scene.newPage()
    await invitee.goto(invitationUrl)
    await invitee.getByTestId('account-submit').waitFor()
    await sweep(invitee, 'invitation page')
    // Accepted, the invitee gets a link for a new password from the facilitator, and opens it.
    const accepted = await new ApiAgent(scene.server.url).post(`/api/invitations/${linkToken(invitationUrl)}/accept`, {
      displayName: 'Ola Hansen',
      password: 'another long passphrase',
    })
    const inviteeId = (expectStatus(accepted, 201) as { facilitator: { facilitatorId: string } }).facilitator.facilitatorId
    const { resetUrl } = expectStatus(await facilitator.post(`/api/facilitators/${inviteeId}/password-reset`), 201) as { resetUrl: string }
    await invitee.goto(resetUrl)
    await invitee.getByTestId('reset-password').waitFor()
    await sweep(invitee, 'password reset page')

    const host = await pageAs(scene, facilitator)
    const { url } = scene.server
    const pages: Array<[string, string, string]> = [
      ['facilitator home', '/facilitator', 'new-challenge'],
      ['challenge page', `/challenge/${challengeId}`, 'challenge'],
      ['challenge editor', `/challenge/${challengeId}/edit`, 'challenge-form'],
      ['description editor', `/challenge/${challengeId}/description`, 'description-editor'],
      ['workshop editor', `/workshop/${workshop.id}/edit`, 'add-step-form'],
      ['workshop editor, closed, with its deletion date', `/workshop/${closed.id}/edit`, 'deletion-date-form'],
      ['workshop page (facilitator)', `/workshop/${workshop.id}`, 'step-item'],
      ['change password', '/facilitator/password', 'password-change-form'],
      ['audit log, filtered by the workshop', `/facilitator/log?workshopId=${workshop.id}`, 'audit-log-table'],
    ]
    for (const [name, path, ready] of pages) {
      await host.goto(`${url}${path}`)
      await host.getByTestId(ready).first().waitFor()
      await sweep(host, name)
    }
    // The facilitators page, with a link for a new password just made for the co-facilitator.
    await host.goto(`${url}/facilitator/accounts`)
    await host.locator('[data-testid="facilitator-account"][data-name="Ola Hansen"]').getByTestId('make-reset-link').click()
    await host.getByTestId('reset-link').waitFor()
    expect(await host.getByTestId('reset-link').inputValue()).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/)
    await sweep(host, 'facilitator accounts')
  })

  it('finds nothing serious on joining, the workshop page and a board with its step bar and menu', async () => {
    const challengeId = await grueChallengeId(facilitator)
    const created = await createWorkshop(facilitator, challengeId, 'Verksted for alle')
    const { boardId } = await addStep(facilitator, created.workshop.id, { templateId: 'stakeholder-mapping', plannedMinutes: 20 })
    await setStatus(facilitator, created.workshop.id, 'open')
    if (created.links === null) throw new Error('A facilitator sees the links.')
    const { participantUrl } = created.links

    const newcomer = await scene.newPage()
    await newcomer.goto(participantUrl)
    await newcomer.getByTestId('join-name').waitFor()
    await sweep(newcomer, 'join page')
    expectStatus(await facilitator.put(`/api/workshops/${created.workshop.id}/join-code`, { joinCode: 'GRUE2026' }), 200)
    await newcomer.reload()
    await newcomer.getByTestId('join-code').waitFor()
    await sweep(newcomer, 'join page with a join code')

    const participant = (await joined(scene.server.url, participantUrl, { displayName: 'Kari Kirkenær', affiliation: 'citizen', joinCode: 'GRUE2026' })).agent
    const guest = await pageAs(scene, participant)
    await guest.goto(`${scene.server.url}/workshop/${created.workshop.id}`)
    await guest.getByTestId('step-item').first().waitFor()
    await sweep(guest, 'workshop page (participant)')

    await guest.goto(`${scene.server.url}/board/${boardId}`)
    await guest.getByTestId('step-bar').waitFor()
    await guest.locator('.tl-canvas').waitFor()
    await expect.poll(() => status(guest)).toBe('saved')
    await sweep(guest, 'board with its step bar', false)

    // The main menu: the way to the statement, and no "Insert embed" where nothing may be embedded.
    await guest.getByTestId('main-menu.button').click()
    await guest.getByTestId('board-accessibility-statement').waitFor()
    expect(await guest.getByTestId('main-menu.insert-media').count()).toBe(1)
    expect(await guest.getByTestId('main-menu.insert-embed').count()).toBe(0)
    // The rest of the board was swept just now; the menu is what is new.
    violations.set('board with its main menu open', await seriousViolations(guest, '.tlui-menu'))
    await guest.keyboard.press('Escape')

    // Someone who chose nynorsk gets tldraw's menu in nynorsk, not tldraw's bokmål.
    await guest.getByTestId('language-select').selectOption('nn')
    await guest.getByTestId('main-menu.button').click()
    await expect.poll(() => guest.locator('.tlui-menu').first().textContent()).toContain('Innstillingar')
    expect(await guest.locator('.tlui-menu').first().textContent()).not.toContain('Preferanser')
    await guest.getByTestId('board-accessibility-statement').click()
    await guest.waitForURL(/\/tilgjengelighet$/)
    await guest.getByTestId('accessibility-statement').waitFor()
  })

  it('has no serious or critical violation on any page it visited', () => {
    expect(violations.size).toBeGreaterThanOrEqual(18)
    expect(Object.fromEntries(violations)).toEqual(Object.fromEntries([...violations.keys()].map((key) => [key, []])))
  })

  it('made no request to another host and logged no console error', () => {
    expectCleanPages(scene.watches)
  })
})
