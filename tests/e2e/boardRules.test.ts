import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { facilitatorCookieName, guestCookieName } from '../../server/src/auth/sessionCookies.ts'
import { ApiAgent } from '../helpers/auth.ts'
import { addStickyNote, note, status } from '../helpers/boardPage.ts'
import { expectCleanPages, startBrowserScene, type BrowserScene } from '../helpers/browserScene.ts'
import { addStep, createWorkshop, expectStatus, firstFacilitator, grueChallengeId, joined, setStatus } from '../helpers/workshopApi.ts'

// The board's rules as people meet them, in real Chromium: a participant's Ctrl+A, Delete takes
// only what the board's mode lets them take (the page does not even send the rest); a facilitator
// restores a board a facilitator wiped, and then one deleted frame, from the history, and both
// restorations survive a kill -9 of the server; and a change refused while a participant was
// offline is put right on their screen, also after a reload, while their other changes are kept.

/** While the server is down (kill -9 and restart), the pages' sockets and API calls fail on purpose. */
const serverDown = [
  /WebSocket connection to '.*\/sync\/.*' failed/,
  /^Failed to load resource: net::ERR_(CONNECTION_REFUSED|INTERNET_DISCONNECTED) \[http:\/\/[^/]+\/api\//,
  // The workshop's live stream, cut in the middle by the kill.
  /^Failed to load resource: net::ERR_INCOMPLETE_CHUNKED_ENCODING \[http:\/\/[^/]+\/api\/workshops\/[^/]+\/live\]/,
]

describe('the board’s rules in the browser', () => {
  let scene: BrowserScene
  let facilitator: ApiAgent
  let workshopId: string
  let participantUrl: string

  /** A browser of its own, signed in or joined as `agent`. */
  async function pageAs(agent: ApiAgent): Promise<Page> {
    const page = await scene.newPage({ expectedErrors: serverDown })
    const cookies = [facilitatorCookieName, guestCookieName].flatMap((name) => {
      const value = agent.cookie(name)
      return value === undefined ? [] : [{ name, value, url: scene.server.url }]
    })
    await page.context().addCookies(cookies)
    return page
  }

  async function participant(name: string): Promise<ApiAgent> {
    return (await joined(scene.server.url, participantUrl, { displayName: name, affiliation: 'citizen' })).agent
  }

  async function openBoard(page: Page, boardId: string): Promise<void> {
    await page.goto(`${scene.server.url}/board/${boardId}`)
    await page.locator('.tl-canvas').waitFor()
    await expect.poll(() => status(page)).toBe('saved')
  }

  async function newStep(): Promise<string> {
    return (await addStep(facilitator, workshopId, { templateId: 'stakeholder-mapping', plannedMinutes: 20 })).boardId
  }

  /**
   * Selects everything on the canvas and deletes it, as a person does. Escape rather than a click
   * on empty canvas clears the selection: two clicks on one spot, however far apart in time on a
   * busy machine, can read as a double click, which starts a text.
   */
  async function selectAllAndDelete(page: Page): Promise<void> {
    // The board takes the keys once it has the focus (a person has clicked into it by now).
    await page.locator('.tl-container').focus()
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.press('Delete')
  }

  const frames = (page: Page) => page.locator('.tl-canvas .tl-shape[data-shape-type="frame"]').count()

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

  it('keeps the template and others’ notes from a participant’s Ctrl+A, Delete in add-only mode, and the template in open mode', async () => {
    const boardId = await newStep()
    const [ada, bo, host] = [await pageAs(await participant('Ada')), await pageAs(await participant('Bo')), await pageAs(facilitator)]
    for (const page of [ada, bo, host]) await openBoard(page, boardId)
    const templateFrames = await frames(ada)
    expect(templateFrames).toBe(3)
    await addStickyNote(bo, 'Bos lapp', { x: 440, y: 280 })
    await addStickyNote(ada, 'Adas lapp', { x: 640, y: 280 })
    await note(ada, 'Bos lapp').waitFor()
    await expect.poll(() => status(ada)).toBe('saved')

    // The facilitator makes the board add-only; everyone sees it.
    await host.getByTestId('board-mode-select').selectOption('add-only')
    await expect.poll(() => ada.getByTestId('board-mode').getAttribute('data-mode')).toBe('add-only')

    await selectAllAndDelete(ada)
    await expect.poll(() => note(ada, 'Adas lapp').count()).toBe(0)
    await expect.poll(() => status(ada)).toBe('saved')
    expect(await note(ada, 'Bos lapp').count()).toBe(1)
    expect(await frames(ada)).toBe(templateFrames)
    // Said in plain words, and nothing was refused by the relay (Bo's screen never lost anything).
    await expect.poll(() => ada.getByTestId('toast').count()).toBeGreaterThan(0)
    await expect.poll(() => note(bo, 'Adas lapp').count()).toBe(0)
    expect(await note(bo, 'Bos lapp').count()).toBe(1)
    expect(await frames(bo)).toBe(templateFrames)

    // Open: others' notes go too, the template stays.
    await host.getByTestId('board-mode-select').selectOption('open')
    await expect.poll(() => ada.getByTestId('board-mode').count()).toBe(0)
    await selectAllAndDelete(ada)
    await expect.poll(() => note(bo, 'Bos lapp').count()).toBe(0)
    await expect.poll(() => status(ada)).toBe('saved')
    expect(await frames(bo)).toBe(templateFrames)
    expect(await frames(ada)).toBe(templateFrames)
  })

  it('restores a wiped board, and then one deleted frame, from the history; both survive a kill -9', async () => {
    const boardId = await newStep()
    const [ada, host] = [await pageAs(await participant('Ada')), await pageAs(facilitator)]
    for (const page of [ada, host]) await openBoard(page, boardId)
    await addStickyNote(ada, 'Torgdag hver lørdag', { x: 440, y: 280 })
    await note(host, 'Torgdag hver lørdag').waitFor()
    await expect.poll(() => status(host)).toBe('saved')

    // A facilitator wipes everything, the template included.
    await selectAllAndDelete(host)
    await expect.poll(() => frames(ada)).toBe(0)
    await expect.poll(() => status(host)).toBe('saved')

    // From the history: the newest stretch, the wipe in it, the board just before it.
    await host.getByTestId('open-history').click()
    const history = host.getByTestId('history-dialog')
    await history.getByTestId('history-bucket').first().click()
    await history.getByTestId('history-run').first().getByTestId('preview-before').click()
    await history.getByTestId('moment-preview').locator('.tl-shape').filter({ hasText: 'Torgdag hver lørdag' }).waitFor()
    await history.getByTestId('restore-board').click()
    await host.getByTestId('restore-board-confirm').click()
    await note(ada, 'Torgdag hver lørdag').waitFor()
    await expect.poll(() => frames(ada)).toBe(3)
    await host.getByTestId('close-history').click()

    // Then one frame goes, with its notes; the rest of the board stays as it is.
    await addStickyNote(ada, 'Etterpå', { x: 640, y: 450 })
    await host.locator('.tl-frame-heading').filter({ hasText: 'Aktører i utfordringen' }).click()
    await host.keyboard.press('Delete')
    await expect.poll(() => frames(ada)).toBe(2)
    await expect.poll(() => status(host)).toBe('saved')
    await host.getByTestId('open-history').click()
    await history.getByTestId('history-bucket').first().click()
    await history.getByTestId('history-run').first().getByTestId('preview-before').click()
    const preview = history.getByTestId('moment-preview')
    await preview.locator('.tl-frame-heading').filter({ hasText: 'Aktører i utfordringen' }).click()
    await history.getByTestId('restore-shapes').click()
    await host.getByTestId('restore-shapes-confirm').click()
    await expect.poll(() => frames(ada)).toBe(3)
    expect(await note(ada, 'Etterpå').count()).toBe(1)
    await host.getByTestId('close-history').click()

    // Both restorations were stored before they were answered: a kill -9 takes neither.
    await scene.killAndRestart()
    const fresh = await pageAs(facilitator)
    await openBoard(fresh, boardId)
    await note(fresh, 'Torgdag hver lørdag').waitFor()
    expect(await frames(fresh)).toBe(3)
    expect(await note(fresh, 'Etterpå').count()).toBe(1)
  })

  it('puts a change refused while offline right on the participant’s screen, keeps the rest, and does not resend it after a reload', async () => {
    const boardId = await newStep()
    const bo = await pageAs(await participant('Bo'))
    const adaAgent = await participant('Ada')
    const ada = await pageAs(adaAgent)
    for (const page of [ada, bo]) await openBoard(page, boardId)
    await addStickyNote(bo, 'Bos lapp', { x: 440, y: 280 })
    await note(ada, 'Bos lapp').waitFor()

    // Ada goes offline; meanwhile the facilitator makes the board add-only, which her page cannot know.
    await ada.context().setOffline(true)
    await expect.poll(() => status(ada)).not.toBe('saved')
    expectStatus(await facilitator.put(`/api/boards/${boardId}/mode`, { mode: 'add-only' }), 200)
    await note(ada, 'Bos lapp').click()
    await ada.keyboard.press('Delete')
    await addStickyNote(ada, 'Adas egen lapp', { x: 640, y: 280 })
    await expect.poll(() => note(ada, 'Bos lapp').count()).toBe(0)

    // Back online: the deletion is refused and undone on her screen; her own note is saved.
    await ada.context().setOffline(false)
    await note(ada, 'Bos lapp').waitFor()
    await expect.poll(() => status(ada)).toBe('saved')
    await expect.poll(() => ada.getByTestId('toast').filter({ hasText: 'egne lapper' }).count()).toBeGreaterThan(0)
    await note(bo, 'Adas egen lapp').waitFor()
    expect(await note(bo, 'Bos lapp').count()).toBe(1)

    // A reload sends nothing refused again: her copy on the device was rebuilt.
    await ada.reload()
    await ada.locator('.tl-canvas').waitFor()
    await expect.poll(() => status(ada)).toBe('saved')
    // Shown once tldraw has drawn the reloaded copy, which may be a frame after "saved".
    await expect.poll(() => note(ada, 'Bos lapp').count()).toBe(1)
    await expect.poll(() => note(ada, 'Adas egen lapp').count()).toBe(1)
    expect(await ada.getByTestId('toast').count()).toBe(0)
    expectCleanPages(scene.watches)
  })
})
