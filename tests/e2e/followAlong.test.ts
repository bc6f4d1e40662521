import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiAgent } from '../helpers/auth.ts'
import { openStepBoard } from '../helpers/boardPage.ts'
import { expectCleanPages, pageAs, startBrowserScene, type BrowserScene } from '../helpers/browserScene.ts'
import { addStep, createWorkshop, firstFacilitator, grueChallengeId, joined, setStatus } from '../helpers/workshopApi.ts'

// A participant follows the facilitator with tldraw's own "Follow" (no presentation): when the
// facilitator opens another step's board, the participant's page goes there and follows again.

describe('following a facilitator oneself', () => {
  let scene: BrowserScene
  let facilitator: ApiAgent
  let participant: ApiAgent
  let boards: string[]

  beforeAll(async () => {
    scene = await startBrowserScene()
    facilitator = await firstFacilitator(scene.server, { email: 'frida@grue.kommune.no', displayName: 'Frida Fasilitator' })
    const workshopId = (await createWorkshop(facilitator, await grueChallengeId(facilitator))).workshop.id
    boards = [
      (await addStep(facilitator, workshopId, { templateId: 'challenge-framing', plannedMinutes: 10, instructions: 'Skriv ned hva vi vet.' })).boardId,
      (await addStep(facilitator, workshopId, { templateId: 'stakeholder-mapping', plannedMinutes: 15, instructions: 'Plasser aktørene.' })).boardId,
    ]
    const opened = await setStatus(facilitator, workshopId, 'open')
    participant = (await joined(scene.server.url, opened.links?.participantUrl ?? '', { displayName: 'Kari Kirkenær', affiliation: 'business' })).agent
  })

  afterAll(async () => {
    await scene?.close()
  })

  it('takes the follower to the board the facilitator opens, following them there', async () => {
    const [framingBoard = '', stakeholderBoard = ''] = boards
    const host = await pageAs(scene, facilitator)
    const guest = await pageAs(scene, participant)
    await openStepBoard(host, scene.server.url, framingBoard)
    await openStepBoard(guest, scene.server.url, framingBoard)

    // Kari follows Frida from tldraw's people menu.
    await guest.locator('.tlui-people-menu__avatars-button').click()
    const frida = guest.locator('.tlui-people-menu__item').filter({ hasText: 'Frida' })
    await frida.locator('.tlui-people-menu__item__follow').click()
    await expect.poll(() => frida.getAttribute('data-follow')).toBe('true')
    await guest.keyboard.press('Escape')
    await guest.locator('.tlui-following-indicator').waitFor()

    // Frida opens step 2's board: Kari's page goes there, says why, and follows her again.
    await openStepBoard(host, scene.server.url, stakeholderBoard)
    await guest.waitForURL(`${scene.server.url}/board/${stakeholderBoard}`, { timeout: 15_000 })
    await expect.poll(() => guest.getByTestId('room-notice').textContent()).toContain('steg 2')
    await guest.locator('.tlui-following-indicator').waitFor()
    expectCleanPages(scene.watches)
  })
})
