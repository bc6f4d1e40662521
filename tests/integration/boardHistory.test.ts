// [B14] A board's history and restores, and [B15] removing a participant, through the real API
// and real sockets: the timeline says who changed how much (names for facilitators only), any
// kept moment can be previewed, a restore is a change everyone sees and that can be undone, and a
// removed participant's recent changes can be put back.
import type { TLRecord, TLShape } from '@tldraw/tlschema'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import {
  BoardMoment,
  BoardTimeline,
  RemoveParticipantAnswer,
  RestoreAnswer,
} from '../../shared/src/schema/boardHistoryApi.ts'
import { SessionInfo } from '../../shared/src/schema/access.ts'
import { WorkshopDetail } from '../../shared/src/schema/workshopApi.ts'
import { startAuthorityScene, type AuthorityScene } from '../helpers/authorityScene.ts'
import { RawClient, type TestClient } from '../helpers/clients.ts'
import { startTestServer } from '../helpers/server.ts'
import { testNote } from '../helpers/testRecords.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { expectError, expectStatus, joined } from '../helpers/workshopApi.ts'

let scene: AuthorityScene
beforeEach(async () => {
  scene = await startAuthorityScene()
})
afterEach(async () => {
  await scene.close()
})

function put(client: TestClient, who: 'ada' | 'bo' | 'facilitator', key: string, options: { parentId?: string; x?: number } = {}): void {
  client.setRecord(`shape:${key}`, testNote(`shape:${key}`, { text: key, createdBy: scene.personId(who), parentId: options.parentId ?? scene.pageId, x: options.x ?? 0 }))
}

const history = (query = '') => `/api/boards/${scene.boardId}/history${query}`

async function timelineAs(who: 'facilitator' | 'ada' | 'observer'): Promise<BoardTimeline> {
  return BoardTimeline.parse(expectStatus(await scene.agent(who).get(history()), 200))
}

async function restore(body: unknown): Promise<RestoreAnswer> {
  return RestoreAnswer.parse(expectStatus(await scene.agent('facilitator').post(`/api/boards/${scene.boardId}/restore`, body), 200))
}

/** The seq of the board's last change so far. */
async function lastSeq(): Promise<number> {
  return (await scene.stored()).lastSeq
}

describe('[B14] the history of a board', () => {
  it('[B14] shows who changed how much to facilitators, and only counts to participants and observers', async () => {
    const ada = await scene.client('ada')
    for (const key of ['a1', 'a2', 'a3']) put(ada, 'ada', key)
    await ada.waitForSaved()
    const facilitator = await scene.client('facilitator')
    put(facilitator, 'facilitator', 'f1')
    await facilitator.waitForSaved()

    const timeline = await timelineAs('facilitator')
    expect(timeline.names).toBe(true)
    const people = timeline.buckets.flatMap((bucket) => bucket.people)
    const count = (name: string) => people.filter((person) => person.name === name).reduce((sum, person) => sum + person.changes, 0)
    // Ada's three notes and her user record; the facilitator's note.
    expect(count('Ada Angrip')).toBe(4)
    expect(count('Kari Nordmann')).toBe(1)
    expect(timeline.events.map((event) => event.kind)).toContain('build')

    for (const who of ['ada', 'observer'] as const) {
      const counted = await timelineAs(who)
      expect(counted.names).toBe(false)
      const everyone = counted.buckets.flatMap((bucket) => bucket.people)
      expect(everyone.every((person) => person.name === null && person.key === null)).toBe(true)
      expect(JSON.stringify(counted)).not.toContain('Ada Angrip')
      expect(counted.buckets.reduce((sum, bucket) => sum + bucket.changes, 0)).toBe(timeline.buckets.reduce((sum, bucket) => sum + bucket.changes, 0))
    }
    expectError(await scene.agent('ada').get(`${history('/records')}?seq=1`), 403, 'facilitators_only')
    expectError(await scene.agent('ada').post(`/api/boards/${scene.boardId}/restore`, { seq: 1 }), 403, 'facilitators_only')
  })

  it('[B14] previews any kept moment, and refuses one the board never had', async () => {
    const ada = await scene.client('ada')
    put(ada, 'ada', 'early')
    await ada.waitForSaved()
    const early = await lastSeq()
    ada.records.delete('shape:early')
    put(ada, 'ada', 'late')
    await ada.waitForSaved()
    const moment = BoardMoment.parse(expectStatus(await scene.agent('facilitator').get(`${history('/records')}?seq=${early}`), 200))
    const ids = moment.records.map((record) => record['id'])
    expect(ids).toContain('shape:early')
    expect(ids).not.toContain('shape:late')
    expectError(await scene.agent('facilitator').get(`${history('/records')}?seq=${early + 100}`), 409, 'moment_not_kept')
    expectError(await scene.agent('facilitator').get(`${history('/records')}?seq=1&at=2`), 400, 'invalid_request')
  })

  it('[B14] restores a wiped board as a change everyone sees, undoes the restore, and keeps both through a restart', async () => {
    const ada = await scene.client('ada')
    for (const key of ['n1', 'n2', 'n3']) put(ada, 'ada', key)
    await ada.waitForSaved()
    const before = await lastSeq()
    const full = (await scene.stored()).records
    // A facilitator wipes the board: every shape, the template included.
    const facilitator = await scene.client('facilitator')
    facilitator.doc.transact(() => {
      for (const key of [...facilitator.records.map.keys()]) if (key.startsWith('shape:')) facilitator.records.delete(key)
    })
    await facilitator.waitForSaved()
    await waitFor(() => !ada.records.has('shape:n1'), { message: 'the wipe at Ada' })

    const restored = await restore({ seq: before })
    expect(restored.changed).toBe([...full.keys()].filter((key) => key.startsWith('shape:')).length)
    // Ada's screen gets it at once, as any change.
    await waitFor(() => ['n1', 'n2', 'n3'].every((key) => ada.records.has(`shape:${key}`)), { message: 'the restore at Ada' })
    expect([...(await scene.stored()).records.keys()].sort()).toEqual([...full.keys()].sort())

    const timeline = await timelineAs('facilitator')
    const event = timeline.events.find((entry) => entry.seq === restored.seq)
    expect(event).toMatchObject({ kind: 'restore', by: 'Kari Nordmann', undoneBy: null, undoTo: (restored.seq ?? 0) - 1 })
    const undone = RestoreAnswer.parse(
      expectStatus(await scene.agent('facilitator').post(`/api/boards/${scene.boardId}/restore/undo`, { seq: restored.seq }), 200),
    )
    expect(undone.changed).toBe(restored.changed)
    await waitFor(() => !ada.records.has('shape:n1'), { message: 'the undo at Ada' })
    expect((await timelineAs('facilitator')).events.find((entry) => entry.seq === restored.seq)?.undoneBy).toBe(undone.seq)
    expectError(await scene.agent('facilitator').post(`/api/boards/${scene.boardId}/restore/undo`, { seq: before }), 400, 'not_a_restore')

    // Restore again, then restart: what was answered is stored.
    const again = await restore({ seq: before })
    expect(again.changed).toBeGreaterThan(0)
    ada.destroy()
    facilitator.destroy()
    await scene.server.running.close()
    const second = await startTestServer({ dataDir: scene.server.dataDir })
    try {
      const reader = await RawClient.connect(second.syncUrl, scene.boardId, { headers: { cookie: scene.agent('facilitator').cookieHeader() } })
      await reader.barrier()
      reader.close()
      const { loadStoredDoc } = await import('../helpers/server.ts')
      const doc = await loadStoredDoc(second.store, scene.boardId)
      const keys = doc.getArray<{ key: string }>('records').toArray().map((entry) => entry.key)
      expect(['n1', 'n2', 'n3'].every((key) => keys.includes(`shape:${key}`))).toBe(true)
    } finally {
      await second.close()
    }
  })

  it('[B14] restores one deleted frame with its notes, leaving what changed since elsewhere', async () => {
    const { records } = await scene.stored()
    const groups = records.get(scene.templateShape('groups')) as TLShape
    const inGroups = [...records.values()].filter((record) => record.typeName === 'shape' && record.parentId === groups.id).map((record) => record.id)
    expect(inGroups.length).toBeGreaterThan(1)
    const ada = await scene.client('ada')
    put(ada, 'ada', 'in-frame', { parentId: groups.id })
    await ada.waitForSaved()
    const before = await lastSeq()
    const facilitator = await scene.client('facilitator')
    facilitator.doc.transact(() => {
      for (const id of [groups.id, ...inGroups, 'shape:in-frame']) facilitator.records.delete(id)
    })
    put(facilitator, 'facilitator', 'elsewhere', { x: 3000 })
    await facilitator.waitForSaved()

    const restored = await restore({ seq: before, shapeIds: [groups.id] })
    expect(restored.changed).toBe(inGroups.length + 2)
    const now = (await scene.stored()).records
    expect([groups.id, ...inGroups, 'shape:in-frame'].every((id) => now.has(id))).toBe(true)
    expect(now.has('shape:elsewhere')).toBe(true)
    await waitFor(() => ada.records.has(groups.id) && ada.records.has('shape:in-frame'), { message: 'the frame back at Ada' })
  })
})

describe('[B15] removing a participant', () => {
  it('[B15] closes their sockets (4414) and ends their session; the link still works for others', async () => {
    const bo = await scene.raw('bo')
    const response = await scene.agent('facilitator').post(`/api/workshops/${scene.workshopId}/participants/${scene.personId('bo')}/removal`, {})
    expect(RemoveParticipantAnswer.parse(expectStatus(response, 200))).toEqual({ undone: 0, keptBecauseChangedSince: 0, boardsOutOfReach: 0 })
    expect(await bo.closed).toBe(CloseCode.removedFromWorkshop.code)
    expect(SessionInfo.parse((await scene.agent('bo').get('/api/session')).body).guest).toBeNull()
    const again = await RawClient.connect(scene.server.syncUrl, scene.boardId, { headers: { cookie: scene.agent('bo').cookieHeader() } })
    expect(await again.closed).toBe(CloseCode.notAuthenticated.code)
    const detail = WorkshopDetail.parse(expectStatus(await scene.agent('facilitator').get(`/api/workshops/${scene.workshopId}`), 200))
    expect(detail.people.find((person) => person.id === scene.personId('bo'))?.removed).toBe(true)
    const links = detail.links
    if (links === null) throw new Error('facilitators see links')
    await joined(scene.server.url, links.participantUrl, { displayName: 'Cleo', affiliation: 'citizen' })
    // Only facilitators remove people, and only people of that workshop.
    expectError(await scene.agent('ada').post(`/api/workshops/${scene.workshopId}/participants/${scene.personId('bo')}/removal`, {}), 403, 'facilitators_only')
    expectError(await scene.agent('facilitator').post(`/api/workshops/${scene.workshopId}/participants/nobody-here-at-all/removal`, {}), 404, 'participant_not_found')
  })

  it('[B15] puts back what they changed since a moment, and leaves what others changed after them', async () => {
    const ada = await scene.client('ada')
    put(ada, 'ada', 'adas-note')
    put(ada, 'ada', 'shared')
    await ada.waitForSaved()
    const bo = await scene.client('bo')
    put(bo, 'bo', 'bos-early')
    await bo.waitForSaved()
    // Everything after this moment of Bo's is undone.
    const since = Date.now() + 1
    await waitFor(() => Date.now() > since)
    put(bo, 'bo', 'bos-late')
    const adasNote = bo.records.get('shape:adas-note') as TLRecord
    bo.setRecord('shape:adas-note', { ...adasNote, x: 999 } as TLRecord)
    const shared = bo.records.get('shape:shared') as TLRecord
    bo.setRecord('shape:shared', { ...shared, x: 500 } as TLRecord)
    await bo.waitForSaved()
    // Ada changes the shared note after Bo: her change stays.
    await waitFor(() => (ada.records.get('shape:shared') as TLShape | undefined)?.x === 500)
    ada.setRecord('shape:shared', { ...(ada.records.get('shape:shared') as TLRecord), y: 77 } as TLRecord)
    await ada.waitForSaved()

    const answer = RemoveParticipantAnswer.parse(
      expectStatus(
        await scene.agent('facilitator').post(`/api/workshops/${scene.workshopId}/participants/${scene.personId('bo')}/removal`, { undoSince: since }),
        200,
      ),
    )
    expect(answer).toEqual({ undone: 2, keptBecauseChangedSince: 1, boardsOutOfReach: 0 })
    const { records } = await scene.stored()
    expect(records.has('shape:bos-late')).toBe(false)
    expect(records.has('shape:bos-early')).toBe(true)
    expect((records.get('shape:adas-note') as TLShape).x).toBe(0)
    expect(records.get('shape:shared')).toMatchObject({ x: 500, y: 77 })
    await waitFor(() => !ada.records.has('shape:bos-late'), { message: 'the undo at Ada' })
  })
})
