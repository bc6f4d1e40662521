import mammoth from 'mammoth'
import type { Download } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiAgent, firstFacilitator, linkToken } from '../helpers/auth.ts'
import { seriousViolations } from '../helpers/axe.ts'
import { openParticipantBoard, putNote, templateShapeId } from '../helpers/boardNotes.ts'
import { expectCleanPages, startBrowserScene, type BrowserScene } from '../helpers/browserScene.ts'
import type { TestClient } from '../helpers/clients.ts'
import { signIn } from '../helpers/pages.ts'
import { setupLinkOf, type ChildServer } from '../helpers/server.ts'
import { grueChallengeId, openWorkshop } from '../helpers/workshopApi.ts'
import { payloads } from '../unit/exports-fixtures.ts'

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
const leftOutNote = 'Flere benker på torget'

async function downloaded(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream()
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

describe('drafting, publishing and reading a challenge description', () => {
  let scene: BrowserScene
  let server: ChildServer
  let challengeId: string
  let stakeholderBoardId: string
  let hostAgent: ApiAgent
  let participantUserId: string
  const clients: TestClient[] = []
  const newPage = () => scene.newPage({ viewport: { width: 1280, height: 900 } })

  beforeAll(async () => {
    scene = await startBrowserScene({ SCRATCH_BOARDS: 'facilitators' })
    server = scene.server

    // A finished workshop: three steps, a participant's notes in the stakeholder grid.
    const facilitator = new ApiAgent(server.url)
    const setup = await facilitator.post('/api/setup', { token: linkToken(setupLinkOf(server)), ...firstFacilitator })
    expect(setup.status).toBe(201)
    challengeId = await grueChallengeId(facilitator)
    const workshop = await openWorkshop(facilitator, {
      baseUrl: server.url,
      challengeId,
      title: 'Verksted 1: Kirkenær sentrum',
      steps: [
        { templateId: 'challenge-framing', plannedMinutes: 30 },
        { templateId: 'stakeholder-mapping', plannedMinutes: 30 },
        { templateId: 'prototyping', plannedMinutes: 45 },
      ],
      participant: { displayName: participantName, affiliation: 'business' },
    })
    stakeholderBoardId = workshop.steps[1].boardId
    const { userId } = workshop.participant
    const board = await openParticipantBoard(server.syncUrl, stakeholderBoardId, workshop.participant)
    clients.push(board)
    stakeholderNotes.forEach((text, cell) => putNote(board, templateShapeId('stakeholder-mapping', `grid.cell.${cell + 1}`), text, userId))
    putNote(board, templateShapeId('stakeholder-mapping', 'grid.cell.0'), hostileNote, userId)
    // A statement where the framing board asks for "Hvordan kan vi …?" questions: no field takes it.
    const framing = await openParticipantBoard(server.syncUrl, workshop.steps[0].boardId, workshop.participant)
    clients.push(framing)
    putNote(framing, templateShapeId('challenge-framing', 'questions'), leftOutNote, userId)
    hostAgent = facilitator
    participantUserId = userId
    await board.waitForSaved()
    await framing.waitForSaved()
  })

  afterAll(async () => {
    for (const client of clients) client.destroy()
    await scene?.close()
  })

  it('drafts from the workshop, keeps the edited summary, publishes, and a visitor reads and downloads it', async () => {
    const host = await newPage()
    await host.goto(`${server.url}/login`)
    await signIn(host, firstFacilitator)

    await host.goto(`${server.url}/challenge/${challengeId}/description`)
    await host.getByTestId('draft-workshop').selectOption({ label: 'Verksted 1: Kirkenær sentrum' })
    await host.getByTestId('draft-submit').click()
    // The stakeholder field says which notes it came from.
    await expect.poll(() => host.getByTestId('field-sources-stakeholders').textContent()).toMatch(/Kartlegge aktører/)
    await expect.poll(() => host.getByTestId('description-preview').textContent()).toContain(stakeholderNotes[0])
    // The statement is in no field, and the run says so, with where it lies on which board.
    const leftOut = host.getByTestId('draft-left-out')
    expect(await leftOut.locator('summary').textContent()).toBe('1 lapp fra tavlene kom ikke med')
    await leftOut.locator('summary').click()
    expect(await leftOut.getByRole('list', { name: 'Ramme inn utfordringen – Hvordan kan vi …?' }).textContent()).toBe(leftOutNote)
    expect(await host.getByTestId('description-preview').textContent()).not.toContain(leftOutNote)
    expect(await seriousViolations(host, '[data-testid="draft-left-out"]')).toEqual([])

    // The facilitator removes the hostile note's actor; a later session adds an actor to the board. The
    // re-draft offers the new actor as a row of its own, taken with the keyboard; the removed one stays out.
    const description = `/api/challenges/${challengeId}/description`
    const draft = (await hostAgent.get(description)).body as { fields: { stakeholders: { actor: string }[] } }
    const kept = draft.fields.stakeholders.filter((entry) => !entry.actor.includes('onerror'))
    expect(kept.length).toBe(draft.fields.stakeholders.length - 1)
    expect((await hostAgent.put(description, { fields: { stakeholders: kept } })).status).toBe(200)
    const newActor = 'Grue Frivilligsentral'
    putNote(clients[0] as TestClient, templateShapeId('stakeholder-mapping', 'grid.cell.3'), newActor, participantUserId)
    await (clients[0] as TestClient).waitForSaved()
    await host.getByTestId('draft-submit').click()
    const suggestion = host.getByTestId('pending-row-stakeholders')
    await expect.poll(() => suggestion.count()).toBe(1)
    expect(await suggestion.textContent()).toContain(newActor)
    expect(await host.getByTestId('draft-changes').textContent()).toMatch(/1 nytt forslag venter på deg/)
    expect(await seriousViolations(host, '[data-testid="pending-rows-stakeholders"]')).toEqual([])
    const add = suggestion.getByRole('button', { name: `Legg til «${newActor}» i «Aktører»` })
    await add.focus()
    await host.keyboard.press('Enter')
    await expect.poll(() => suggestion.count()).toBe(0)
    const actors = () => host.getByTestId('field-stakeholders').locator('input').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))
    await expect.poll(actors).toContain(newActor)
    expect((await actors()).some((actor) => actor.includes('onerror'))).toBe(false)
    // Focus stays in the field the suggestion belonged to.
    expect(await host.evaluate(() => document.activeElement?.id)).toBe('field-stakeholders')

    // A free-text field the facilitator wrote gets a newer suggestion from the boards; keeping their
    // own text with the keyboard leaves the focus in that field, not at the top of the page.
    expect((await hostAgent.put(description, { fields: { background: 'Vår egen bakgrunn.' } })).status).toBe(200)
    putNote(clients[1] as TestClient, templateShapeId('challenge-framing', 'knowledge.area.0'), 'Det står fem lokaler tomme', participantUserId)
    await (clients[1] as TestClient).waitForSaved()
    await host.getByTestId('draft-submit').click()
    const keepMine = host.getByTestId('pending-dismiss-background')
    await keepMine.waitFor()
    await keepMine.focus()
    await host.keyboard.press('Enter')
    await expect.poll(() => keepMine.count()).toBe(0)
    expect(await host.evaluate(() => document.activeElement?.id)).toBe('field-background')

    await host.getByTestId('field-summary').fill(summary)
    await expect.poll(() => host.getByTestId('description-preview').textContent()).toContain(summary)
    expect(await host.getByTestId('preview-municipality').textContent()).toBe('Grue kommune')
    // Before publishing: what a business needs, each ticked or warned about in words; publishing stays open.
    const checklist = host.getByTestId('publish-checklist')
    await expect.poll(() => host.getByTestId('checklist-summary').getAttribute('data-status')).toBe('done')
    expect(await host.getByTestId('checklist-answerDeadline').getAttribute('data-status')).toBe('missing')
    expect(await host.getByTestId('checklist-answerDeadline').textContent()).toBe('!Svarfrist: mangler')
    expect(await checklist.getByRole('listitem').count()).toBe(7)
    await host.getByTestId('publish').click()
    expect(await host.getByTestId('publish-confirm-missing').textContent()).toContain('Svarfrist')
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
    // The challenge's name, with its municipality right under it; no heading twice.
    expect(await visitor.locator('h1').textContent()).toBe('Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere')
    expect(await visitor.locator('h1 + p.municipality').textContent()).toBe('Grue kommune')
    expect(await visitor.title()).toMatch(/^Kirkenær – .* \| Grue kommune$/)
    const headings = await visitor.locator('h1, h2, h3, h4').allTextContents()
    expect(headings.filter((heading, index) => headings.indexOf(heading) !== index)).toEqual([])
    expect(body).toContain(stakeholderNotes[1])
    expect(body).not.toContain(participantName)
    expect(await visitor.locator('script').count()).toBe(0)
    expect(dialogs).toEqual([])

    const [docx] = await Promise.all([
      visitor.waitForEvent('download'),
      visitor.locator('a[href$="/export/docx"]').first().click(),
    ])
    expect(docx.suggestedFilename()).toMatch(/^grue-kirkenaer-[a-z0-9-]+-v1\.docx$/)
    const bytes = await downloaded(docx)
    const { value: text } = await mammoth.extractRawText({ buffer: bytes })
    expect(text).toContain(summary)
    expect(text).toContain(stakeholderNotes[0])
    expect(text).not.toContain(participantName)
  })

  it('exports the stakeholder board as SVG and PNG, drawn by tldraw', async () => {
    const host = await newPage()
    await host.goto(`${server.url}/login`)
    await signIn(host, firstFacilitator)
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
    expectCleanPages(scene.watches)
  })
})
