import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiAgent, linkToken } from '../helpers/auth.ts'
import { expectCleanPages, pageAs, phone, startBrowserScene, type BrowserScene } from '../helpers/browserScene.ts'
import { setupLinkOf } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { addStep, createWorkshop, expectStatus, grueChallengeId, joined, setStatus } from '../helpers/workshopApi.ts'

// A participant's phone opening a step's board asks for nothing it does not need and waits for
// nothing it need not wait for: the session, the client configuration and the board's context
// go out together and the board's code loads beside them, not one after another. The server
// holds each answer back until the other requests have come, so a page that waits for one
// answer before asking the next never gets it and fails here (no clocks involved); the app's
// own code likewise comes only once the board's code has been asked for. The board's
// code comes compressed and cached for good, and none of the facilitators' pages' code comes.
// tldraw's pattern fill, drawn after the board is shown, still comes.

/** Which of the board page's requests a URL is, if any. */
function requestKind(url: URL): string | null {
  const { pathname } = url
  if (pathname === '/api/session') return 'session'
  if (pathname === '/api/config') return 'config'
  if (/^\/api\/boards\/[^/]+\/context$/.test(pathname)) return 'context'
  if (/^\/assets\/BoardView-[^/]+\.js$/.test(pathname)) return 'board code'
  if (/^\/assets\/index-[^/]+\.js$/.test(pathname)) return 'app code'
  return null
}

describe('opening a step board', () => {
  let scene: BrowserScene
  let participant: ApiAgent
  let boardId: string

  beforeAll(async () => {
    scene = await startBrowserScene()
    const facilitator = new ApiAgent(scene.server.url)
    const setup = await facilitator.post('/api/setup', {
      token: linkToken(setupLinkOf(scene.server)),
      email: 'kari@grue.kommune.no',
      displayName: 'Kari Nordmann',
      password: 'et langt nok passord',
    })
    expectStatus(setup, 201)
    const created = await createWorkshop(facilitator, await grueChallengeId(facilitator))
    ;({ boardId } = await addStep(facilitator, created.workshop.id, { templateId: 'stakeholder-mapping', plannedMinutes: 20 }))
    await setStatus(facilitator, created.workshop.id, 'open')
    if (created.links === null) throw new Error('A facilitator sees the links.')
    participant = (await joined(scene.server.url, created.links.participantUrl, { displayName: 'Ada', affiliation: 'citizen' })).agent
  })

  afterAll(async () => {
    await scene?.close()
  })

  /** Answers `kind` only once every one of `others` has been asked; records whether they all were. */
  async function holdUntilAsked(page: Page, seen: Set<string>, kind: string, others: string[], heldFor: Map<string, boolean>): Promise<void> {
    await page.route(
      (url) => requestKind(url) === kind,
      async (route) => {
        const allAsked = await waitFor(() => others.every((other) => seen.has(other)), { timeoutMs: 15_000 }).then(
          () => true,
          () => false,
        )
        heldFor.set(kind, allAsked)
        await route.continue()
      },
    )
  }

  it('asks for the session, the configuration and the context together, with the board’s code beside them, and shows the board', async () => {
    const page = await pageAs(scene, participant, phone)
    const seen = new Set<string>()
    const assetPaths: string[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      const kind = requestKind(url)
      if (kind !== null) seen.add(kind)
      if (url.pathname.startsWith('/assets/')) assetPaths.push(url.pathname)
    })
    const boardCode = page.waitForResponse((response) => requestKind(new URL(response.url())) === 'board code')
    const heldFor = new Map<string, boolean>()
    await holdUntilAsked(page, seen, 'session', ['config', 'context', 'board code'], heldFor)
    await holdUntilAsked(page, seen, 'context', ['session', 'config', 'board code'], heldFor)
    await holdUntilAsked(page, seen, 'config', ['session', 'context'], heldFor)
    // The board's code is asked for as index.html is read, not once the app's own code has run.
    await holdUntilAsked(page, seen, 'app code', ['board code'], heldFor)

    await page.goto(`${scene.server.url}/board/${boardId}`)
    await page.locator('.tl-canvas').waitFor()
    await expect.poll(() => page.locator('.tl-shape').count()).toBeGreaterThan(10)
    expect(Object.fromEntries(heldFor)).toEqual({ session: true, context: true, config: true, 'app code': true })
    // tldraw's pattern fill is mounted only after the board has been painted (deferredPatternFill.tsx), but it comes.
    await expect.poll(() => page.locator('.tl-canvas defs pattern').count(), { timeout: 15_000 }).toBeGreaterThan(0)

    const code = await boardCode
    expect(code.headers()['content-encoding']).toBe('br')
    expect(code.headers()['cache-control']).toBe('public, max-age=31536000, immutable')
    const facilitatorsCode = assetPaths.filter((path) => /\/(WorkshopEditPage|WorkshopPage|DescriptionEditPage|ChallengeEditPage|FacilitatorHomePage)-/.test(path))
    expect(facilitatorsCode).toEqual([])
  })

  it('left no console errors and asked no other host', () => {
    expectCleanPages(scene.watches)
  })
})
