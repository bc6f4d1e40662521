import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readBoardRecords } from '../../shared/src/board/boardDoc.ts'
import { ApiAgent } from '../helpers/auth.ts'
import { seriousViolations } from '../helpers/axe.ts'
import { templateShapeId } from '../helpers/boardNotes.ts'
import { addStickyNote, inFrame, listenToSockets, note, openStepBoard, status } from '../helpers/boardPage.ts'
import { expectCleanPages, pageAs, startBrowserScene, type BrowserScene } from '../helpers/browserScene.ts'
import { createClient } from '../helpers/clients.ts'
import { addStep, createWorkshop, expectStatus, firstFacilitator, grueChallengeId, joined, setStatus } from '../helpers/workshopApi.ts'

// Private writing in real Chromium (rule W1 in server/src/workshop/SPEC.md): the facilitator makes
// the step private from the board's panel; participant A writes two notes with the note tool, in
// the silent-writing frame; B and an observer see nothing of them (their browsers receive no
// frame carrying the text), the facilitator sees them in the panel; the reveal per person puts
// them in the frame on every board, once each, and A's own board keeps one copy of each.

const writingFrame = templateShapeId('ideas', 'writing')
const texts = ['Hemmelig torg', 'Hemmelig stasjon']

describe('private writing in the browser', () => {
  let scene: BrowserScene
  let facilitator: ApiAgent
  let participantUrl: string
  let observerUrl: string
  let boardId: string
  let frameBoardId: string
  let workshopId: string

  beforeAll(async () => {
    scene = await startBrowserScene()
    facilitator = await firstFacilitator(scene.server, { email: 'frida@grue.kommune.no', displayName: 'Frida Fasilitator' })
    const created = await createWorkshop(facilitator, await grueChallengeId(facilitator))
    workshopId = created.workshop.id
    boardId = (await addStep(facilitator, created.workshop.id, { templateId: 'ideas', plannedMinutes: 15 })).boardId
    frameBoardId = (await addStep(facilitator, created.workshop.id, { templateId: 'ideas', plannedMinutes: 10 })).boardId
    const opened = await setStatus(facilitator, created.workshop.id, 'open')
    participantUrl = opened.links?.participantUrl ?? ''
    observerUrl = opened.links?.observerUrl ?? ''
  })

  afterAll(async () => {
    await scene?.close()
  })

  it('[W1] keeps A’s notes from B and the observer until the reveal, then shows them once everywhere, in the frame', async () => {
    const ada = (await joined(scene.server.url, participantUrl, { displayName: 'Ada Aas', affiliation: 'citizen' })).agent
    const bo = (await joined(scene.server.url, participantUrl, { displayName: 'Bo Berg', affiliation: 'business' })).agent
    const watcherAgent = (await joined(scene.server.url, observerUrl)).agent
    const [host, a, b, watcher] = [await pageAs(scene, facilitator), await pageAs(scene, ada), await pageAs(scene, bo), await pageAs(scene, watcherAgent)]
    const heardByB = listenToSockets(b)
    const heardByWatcher = listenToSockets(watcher)
    for (const page of [host, a, b, watcher]) await openStepBoard(page, scene.server.url, boardId)
    await expect.poll(() => status(a)).toBe('saved')

    // The facilitator makes the step private from the board's panel.
    await host.getByTestId('open-facilitation').click()
    await host.getByTestId('private-step').click()
    await expect.poll(() => host.getByTestId('private-status').textContent()).toMatch(/^Privat skriving siden \d\d:\d\d – 0 lapper fra 0 personer$/)
    await expect.poll(() => a.getByTestId('private-banner').textContent()).toBe(
      'Privat skriving: lappene du lager nå ser bare du og fasilitator til de blir vist fram.',
    )
    await expect.poll(() => watcher.getByTestId('private-banner').getAttribute('data-role')).toBe('observer')
    await b.getByTestId('private-banner').waitFor()
    await expect.poll(() => a.getByTestId('private-announcement').textContent()).toContain('Privat skriving har begynt')

    // A writes two notes in the silent-writing frame, with the note tool, as anyone adds notes.
    await addStickyNote(a, texts[0] ?? '', await inFrame(a, 'Stille idémyldring', 0.25, 0.55))
    await addStickyNote(a, texts[1] ?? '', await inFrame(a, 'Stille idémyldring', 0.7, 0.55))
    for (const text of texts) {
      await note(a, text).waitFor()
      expect(await note(a, text).locator('[data-testid="private-note-mark"]').count()).toBe(1)
    }

    // The facilitator sees them, by person; B and the observer see nothing, and were sent nothing.
    await expect.poll(() => host.getByTestId('private-status').textContent()).toContain('2 lapper fra 1 person')
    await host.getByTestId('private-notes').locator('summary').click()
    await expect.poll(() => host.getByTestId('private-notes-person').textContent()).toContain('Ada Aas (2 lapper)')
    expect(await host.getByTestId('private-note-text').allTextContents()).toEqual(expect.arrayContaining(texts))
    for (const page of [host, b, watcher]) {
      for (const text of texts) expect(await note(page, text).count()).toBe(0)
    }
    for (const heard of [heardByB(), heardByWatcher()]) {
      for (const text of texts) expect(heard).not.toContain(text)
    }
    expect(await seriousViolations(a)).toEqual([])
    expect(await seriousViolations(host)).toEqual([])

    // The reveal, per person: the notes come onto every board, in the frame, once each.
    await host.getByTestId('reveal-by-person').click()
    for (const page of [b, watcher, host, a]) {
      for (const text of texts) await expect.poll(() => note(page, text).count()).toBe(1)
      await expect.poll(() => page.getByTestId('private-banner').count()).toBe(0)
    }
    await expect.poll(() => a.getByTestId('private-announcement').textContent()).toBe('De private lappene er vist fram for alle.')
    await expect.poll(() => watcher.getByTestId('private-announcement').textContent()).toBe('De private lappene er vist fram for alle.')
    expect(await a.getByTestId('private-note-mark').count()).toBe(0)
    for (const text of texts) expect(heardByB()).toContain(text)

    const shared = createClient(scene.server.syncUrl, boardId, { headers: { cookie: facilitator.cookieHeader() } })
    try {
      await shared.waitForSynced()
      const revealed = [...readBoardRecords(shared.doc).values()].filter(
        (record) => record.typeName === 'shape' && record.type === 'note' && texts.some((text) => JSON.stringify(record.props).includes(text)),
      )
      expect(revealed).toHaveLength(2)
      expect(revealed.map((record) => (record as { parentId: string }).parentId)).toEqual([writingFrame, writingFrame])
    } finally {
      shared.destroy()
    }
    expectCleanPages(scene.watches)
  })

  it('keeps only the notes in the private frame private, and reveals them shuffled', async () => {
    const ada = (await joined(scene.server.url, participantUrl, { displayName: 'Ada Dal', affiliation: 'citizen' })).agent
    const bo = (await joined(scene.server.url, participantUrl, { displayName: 'Bo Dal', affiliation: 'business' })).agent
    const [host, a, b] = [await pageAs(scene, facilitator), await pageAs(scene, ada), await pageAs(scene, bo)]
    const heardByB = listenToSockets(b)
    for (const page of [host, a, b]) await openStepBoard(page, scene.server.url, frameBoardId)
    await expect.poll(() => status(a)).toBe('saved')

    // The facilitator chooses the silent-writing frame from the board's frames and makes it private.
    await host.getByTestId('open-facilitation').click()
    await host.getByTestId('private-frame-select').selectOption({ label: 'Stille idémyldring' })
    await host.getByTestId('private-frame').click()
    await expect.poll(() => a.getByTestId('private-banner').textContent()).toBe(
      'Privat skriving i rammen «Stille idémyldring»: lappene du lager der nå ser bare du og fasilitator til de blir vist fram.',
    )

    await addStickyNote(a, 'Hemmelig i rammen', await inFrame(a, 'Stille idémyldring', 0.3, 0.55))
    await addStickyNote(a, 'Apen i klynger', await inFrame(a, 'Klynger', 0.5, 0.5))
    // B's screen may not show the clusters frame (the board opens legible, not whole): in the page is enough.
    await note(b, 'Apen i klynger').waitFor({ state: 'attached' })
    await expect.poll(() => host.getByTestId('private-status').getAttribute('data-notes')).toBe('1')
    expect(await note(a, 'Hemmelig i rammen').getByTestId('private-note-mark').count()).toBe(1)
    expect(await note(a, 'Apen i klynger').getByTestId('private-note-mark').count()).toBe(0)
    expect(await note(b, 'Hemmelig i rammen').count()).toBe(0)
    expect(heardByB()).not.toContain('Hemmelig i rammen')

    await host.getByTestId('reveal-shuffled').click()
    await expect.poll(() => note(b, 'Hemmelig i rammen').count()).toBe(1)
    await expect.poll(() => a.getByTestId('private-note-mark').count()).toBe(0)
    expect(await note(a, 'Hemmelig i rammen').count()).toBe(1)
    expectCleanPages(scene.watches)
  })

  it('[E5] leaves no copy of the step’s board or of their private board in the browser of a person erased while writing', async () => {
    const step = await addStep(facilitator, workshopId, { templateId: 'ideas', plannedMinutes: 10 })
    const cai = await joined(scene.server.url, participantUrl, { displayName: 'Cai Cortes', affiliation: 'citizen' })
    const page = await pageAs(scene, cai.agent)
    await openStepBoard(page, scene.server.url, step.boardId)
    await expect.poll(() => status(page)).toBe('saved')
    expectStatus(await facilitator.post(`/api/workshops/${workshopId}/facilitation`, { type: 'startPrivate', stepId: step.id }), 200)
    await page.getByTestId('private-banner').waitFor()
    await addStickyNote(page, 'Mitt hemmelige forslag', await inFrame(page, 'Stille idémyldring', 0.5, 0.55))
    await expect.poll(() => status(page)).toBe('saved')
    /** The boards this browser keeps copies of (BoardReplica's IndexedDB databases). */
    const keptCopies = () => page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name ?? '').filter((name) => name.startsWith('samskap-board-')))
    // The step's board and the private board behind the note.
    await expect.poll(async () => (await keptCopies()).length).toBe(2)

    const participantId = cai.session.guest?.participantId ?? ''
    expectStatus(await facilitator.post(`/api/workshops/${workshopId}/participants/${participantId}/erasure`, { deleteNotes: true }), 200)
    await expect.poll(keptCopies, { timeout: 20_000 }).toEqual([])
  })
})
