import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UpdateRejection } from '../../shared/src/protocol/messages.ts'
import type { FacilitationActionInput } from '../../shared/src/schema/facilitation.ts'
import { startAuthorityScene, type AuthorityScene } from '../helpers/authorityScene.ts'
import { RawClient } from '../helpers/clients.ts'
import { testNote } from '../helpers/testRecords.ts'
import { addStep, expectStatus } from '../helpers/workshopApi.ts'

// [L10] "Keep participants on this step", enforced by the relay: while it holds, a participant's
// edits on another step's board are refused; the facilitator's are not, and nothing is held on
// the current step's board or once the hold is lifted.

let scene: AuthorityScene
const cleanups: Array<() => void> = []

beforeEach(async () => {
  scene = await startAuthorityScene()
})

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup()
  await scene.close()
})

function act(action: FacilitationActionInput) {
  return scene.agent('facilitator').post(`/api/workshops/${scene.workshopId}/facilitation`, action)
}

function note(who: 'ada' | 'facilitator', key: string) {
  return testNote(`shape:${key}`, { text: key, createdBy: scene.personId(who), parentId: scene.pageId })
}

describe('[L10] keeping participants on the current step', () => {
  it('refuses participants’ edits on other steps’ boards while the facilitator holds them, live and for new sockets', async () => {
    const ada = await scene.raw('ada')
    const adaDoc = await scene.copy(ada)
    const next = await addStep(scene.agent('facilitator'), scene.workshopId, { templateId: 'ideas', plannedMinutes: 10 })
    // Before any hold, Ada edits the first step's board.
    await scene.expectAccepted(ada, scene.change(adaDoc, (records) => records.set('shape:before', note('ada', 'before'))))

    expectStatus(await act({ type: 'startStep', stepId: next.id }), 200)
    expectStatus(await act({ type: 'keepOnStep', keep: true }), 200)
    // Ada's open socket on the first step's board: held.
    await scene.expectRefused(ada, scene.change(adaDoc, (records) => records.set('shape:held', note('ada', 'held'))), UpdateRejection.stepHeld)
    // A socket opened now: held too. The facilitator: never.
    const later = await scene.raw('ada')
    await scene.expectRefused(later, scene.change(await scene.copy(later), (records) => records.set('shape:later', note('ada', 'later'))), UpdateRejection.stepHeld)
    const facilitator = await scene.raw('facilitator')
    await scene.expectAccepted(facilitator, scene.change(await scene.copy(facilitator), (records) => records.set('shape:lead', note('facilitator', 'lead'))))

    // The first step becomes current again: its board is no longer held.
    expectStatus(await act({ type: 'startStep', stepId: scene.step.id }), 200)
    const back = await scene.raw('ada')
    await scene.expectAccepted(back, scene.change(await scene.copy(back), (records) => records.set('shape:back', note('ada', 'back'))))

    // Held again, then let go.
    expectStatus(await act({ type: 'startStep', stepId: next.id }), 200)
    const again = await scene.raw('ada')
    const againDoc = await scene.copy(again)
    await scene.expectRefused(again, scene.change(againDoc, (records) => records.set('shape:again', note('ada', 'again'))), UpdateRejection.stepHeld)
    expectStatus(await act({ type: 'keepOnStep', keep: false }), 200)
    const free = await scene.raw('ada')
    await scene.expectAccepted(free, scene.change(await scene.copy(free), (records) => records.set('shape:free', note('ada', 'free'))))
  })

  it('holds private boards by their step: one’s own on the current step stays writable, one on another step does not', async () => {
    const next = await addStep(scene.agent('facilitator'), scene.workshopId, { templateId: 'ideas', plannedMinutes: 10 })
    const privateBoard = async (stepId: string) =>
      (expectStatus(await scene.agent('ada').post(`/api/steps/${stepId}/private-board`), 200) as { boardId: string }).boardId
    const [onCurrent, onOther] = [await privateBoard(next.id), await privateBoard(scene.step.id)]
    expectStatus(await act({ type: 'startStep', stepId: next.id }), 200)
    expectStatus(await act({ type: 'keepOnStep', keep: true }), 200)
    const open = async (boardId: string) => {
      const raw = await RawClient.connect(scene.server.syncUrl, boardId, { headers: { cookie: scene.agent('ada').cookieHeader() } })
      cleanups.push(() => raw.close())
      await raw.barrier()
      return raw
    }
    const current = await open(onCurrent)
    const currentDoc = await scene.copy(current)
    const key = 'shape:private-current'
    expect((await current.outcome(current.sendUpdate(scene.change(currentDoc, (records) => records.set(key, note('ada', 'private-current')))))).kind).toBe('acked')
    const other = await open(onOther)
    const otherDoc = await scene.copy(other)
    expect(await other.outcome(other.sendUpdate(scene.change(otherDoc, (records) => records.set('shape:private-other', note('ada', 'private-other')))))).toEqual({
      kind: 'rejected',
      reason: UpdateRejection.stepHeld,
    })
  })
})
