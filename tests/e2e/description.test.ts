import { UserRecordType } from '@tldraw/tlschema'
import mammoth from 'mammoth'
import type { Browser, BrowserContext, Download, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiAgent, firstFacilitator, linkToken } from '../helpers/auth.ts'
import { putNote, templateShapeId } from '../helpers/boardNotes.ts'
import { payloads } from '../unit/exports-fixtures.ts'
import { launchChromium, watchPage, type LaunchedBrowser, type PageWatch } from '../helpers/browser.ts'
import { createClient, type TestClient } from '../helpers/clients.ts'
import { createDataDir, removeDataDir, spawnServer, type ChildServer } from '../helpers/server.ts'
import { addStep, createWorkshop, grueChallengeId, joined, setStatus } from '../helpers/workshopApi.ts'

// From a finished Grue workshop to a published challenge description, as the
// issue describes it: the facilitator drafts from the workshop, edits the
// summary and publishes; an anonymous visitor opens the public page, sees no
// participant names, runs no script and downloads the DOCX. The facilitator
// also exports the stakeholder board as SVG and PNG, drawn by tldraw.

const participantName = 'Kari Kirkenær'
const summary = 'Kirkenær skal bli et sentrum der industrien og innbyggerne trives side om side.'
const stakeholderNotes = ['Kirkenær Næringsforening', 'Ungdomsrådet i Grue']
/** A note someone wrote to attack whoever reads the description. */
const hostileNote = '<img src=x onerror=alert(1)> ![i](http://evil.example/x.png) [x](javascript:alert(1))'

/** The one-time setup link the server printed at its first start. */
function setupLinkOf(server: ChildServer): string {
  const match = /(https?:\/\/\S+\/setup\/[A-Za-z0-9_-]+)/.exec(server.output())
  if (!match?.[1]) throw new Error(`The server printed no setup link. Output:\n${server.output()}`)
  return match[1]
}

async function downloaded(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream()
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

describe('drafting, publishing and reading a challenge description', () => {
  let launched: LaunchedBrowser
  let browser: Browser
  let dataDir: string
  let server: ChildServer
  let challengeId: string
  let stakeholderBoardId: string
  let hostAgent: ApiAgent
  const contexts: BrowserContext[] = []
  const watches: PageWatch[] = []
  const clients: TestClient[] = []

  async function newPage(options: { acceptDownloads?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: options.acceptDownloads ?? true })
    contexts.push(context)
    const page = await context.newPage()
    watches.push(watchPage(page, server.url))
    return page
  }

  beforeAll(async () => {
    dataDir = createDataDir()
    server = await spawnServer(dataDir, { SCRATCH_BOARDS: 'facilitators' })
    launched = await launchChromium()
    browser = launched.browser

    // A finished workshop: three steps, a participant's notes in the stakeholder grid.
    const facilitator = new ApiAgent(server.url)
    const setup = await facilitator.post('/api/setup', { token: linkToken(setupLinkOf(server)), ...firstFacilitator })
    expect(setup.status).toBe(201)
    challengeId = await grueChallengeId(facilitator)
    const detail = await createWorkshop(facilitator, challengeId, 'Verksted 1: Kirkenær sentrum')
    const workshopId = detail.workshop.id
    await addStep(facilitator, workshopId, { templateId: 'challenge-framing', plannedMinutes: 30 })
    const stakeholders = await addStep(facilitator, workshopId, { templateId: 'stakeholder-mapping', plannedMinutes: 30 })
    await addStep(facilitator, workshopId, { templateId: 'prototyping', plannedMinutes: 45 })
    stakeholderBoardId = stakeholders.boardId
    await setStatus(facilitator, workshopId, 'open')
    if (detail.links === null) throw new Error('A facilitator sees the links.')
    const participant = await joined(server.url, detail.links.participantUrl, { displayName: participantName, affiliation: 'business' })
    const userId = `participant-${participant.session.guest?.participantId ?? 'unknown'}`
    const board = createClient(server.syncUrl, stakeholderBoardId, { headers: { cookie: participant.agent.cookieHeader() } })
    clients.push(board)
    await board.waitForSynced()
    const user = UserRecordType.create({ id: UserRecordType.createId(userId), name: participantName, color: '#175CD3', imageUrl: '' })
    board.setRecord(user.id, user)
    stakeholderNotes.forEach((text, cell) => putNote(board, templateShapeId('stakeholder-mapping', `grid.cell.${cell + 1}`), text, userId))
    putNote(board, templateShapeId('stakeholder-mapping', 'grid.cell.0'), hostileNote, userId)
    hostAgent = facilitator
    await board.waitForSaved()
  })

  afterAll(async () => {
    for (const client of clients) client.destroy()
    for (const context of contexts) await context.close()
    await launched?.close()
    await server?.kill('SIGTERM')
    if (dataDir) removeDataDir(dataDir)
  })

  it('drafts from the workshop, keeps the edited summary, publishes, and a visitor reads and downloads it', async () => {
    const host = await newPage()
    await host.goto(`${server.url}/login`)
    await host.getByTestId('login-email').fill(firstFacilitator.email)
    await host.getByTestId('login-password').fill(firstFacilitator.password)
    await host.getByTestId('login-submit').click()
    await host.waitForURL(/\/facilitator$/)

    await host.goto(`${server.url}/challenge/${challengeId}/description`)
    await host.getByTestId('draft-workshop').selectOption({ label: 'Verksted 1: Kirkenær sentrum' })
    await host.getByTestId('draft-submit').click()
    // The stakeholder field says which notes it came from.
    await expect.poll(() => host.getByTestId('field-sources-stakeholders').textContent()).toMatch(/Kartlegge aktører/)
    await expect.poll(() => host.getByTestId('description-preview').textContent()).toContain(stakeholderNotes[0])

    await host.getByTestId('field-summary').fill(summary)
    await expect.poll(() => host.getByTestId('description-preview').textContent()).toContain(summary)
    await host.getByTestId('publish').click()
    await host.getByTestId('publish-confirm').click()
    await expect.poll(() => host.getByTestId('version-item').count()).toBe(1)

    // An anonymous visitor: the public page runs no script and shows no participant's name.
    const visitor = await newPage()
    const dialogs: string[] = []
    visitor.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    const response = await visitor.goto(`${server.url}/utfordring/${challengeId}`)
    expect(response?.status()).toBe(200)
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'none'/)
    const body = (await visitor.locator('body').textContent()) ?? ''
    expect(body).toContain(summary)
    expect(body).toContain(stakeholderNotes[1])
    expect(body).not.toContain(participantName)
    expect(await visitor.locator('script').count()).toBe(0)
    expect(dialogs).toEqual([])

    const [docx] = await Promise.all([
      visitor.waitForEvent('download'),
      visitor.locator('a[href$="/export/docx"]').first().click(),
    ])
    const bytes = await downloaded(docx)
    const { value: text } = await mammoth.extractRawText({ buffer: bytes })
    expect(text).toContain(summary)
    expect(text).toContain(stakeholderNotes[0])
    expect(text).not.toContain(participantName)
  })

  it('exports the stakeholder board as SVG and PNG, drawn by tldraw', async () => {
    const host = await newPage()
    await host.goto(`${server.url}/login`)
    await host.getByTestId('login-email').fill(firstFacilitator.email)
    await host.getByTestId('login-password').fill(firstFacilitator.password)
    await host.getByTestId('login-submit').click()
    await host.waitForURL(/\/facilitator$/)
    await host.goto(`${server.url}/board/${stakeholderBoardId}`)
    await host.locator('.tl-shape').filter({ hasText: stakeholderNotes[0] }).waitFor()

    const exportAs = async (testId: string): Promise<Buffer> => {
      await host.getByTestId('main-menu.button').click()
      const [download] = await Promise.all([host.waitForEvent('download'), host.getByTestId(testId).click()])
      return downloaded(download)
    }
    const svg = (await exportAs('board-export-svg')).toString('utf8')
    expect(svg).toMatch(/^<svg|<\?xml/)
    for (const text of stakeholderNotes) expect(svg).toContain(text)
    const png = await exportAs('board-export-png')
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(png.length).toBeGreaterThan(10_000)
  })

  it('publishes text written to attack its readers as inert text: no script runs, nothing loads from elsewhere', async () => {
    const description = `/api/challenges/${challengeId}/description`
    const fields = {
      summary: payloads[0],
      background: payloads.join('\n\n'),
      goals: [...payloads],
      stakeholders: payloads.map((actor) => ({ actor: actor.trim() || 'x', sector: null, interest: null, influence: null })),
    }
    expect((await hostAgent.put(description, { fields })).status).toBe(200)
    expect((await hostAgent.post(`${description}/publish`, {})).status).toBe(201)

    const visitor = await newPage()
    const dialogs: string[] = []
    const consoleMessages: string[] = []
    visitor.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    visitor.on('console', (message) => consoleMessages.push(message.text()))
    for (const path of [`/utfordring/${challengeId}/v/1`, `/utfordring/${challengeId}`]) {
      const response = await visitor.goto(`${server.url}${path}`)
      expect(response?.status()).toBe(200)
      expect(await visitor.locator('script, [onerror], [onmouseover], a[href^="javascript:"]').count()).toBe(0)
      expect(await visitor.locator('img').count()).toBe(0)
    }
    // The newest version shows the payloads as text a person can read.
    expect(await visitor.locator('body').textContent()).toContain('<script>alert(1)</script>')
    expect(dialogs).toEqual([])
    expect(consoleMessages).toEqual([])
  })

  it('made no request to another host and logged no console error', () => {
    for (const watch of watches) {
      expect(watch.foreignRequests).toEqual([])
      expect(watch.consoleErrors).toEqual([])
    }
  })
})
