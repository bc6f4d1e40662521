import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import { hashSecret, newSecret } from '../../server/src/auth/secrets.ts'
import type { Participant, StoredSession } from '../../server/src/store/AccessStore.ts'
import type { Stores } from '../../server/src/store/stores.ts'
import { aChallenge, aMunicipality, aStep, aWorkshop } from '../helpers/domainFixtures.ts'
import { storeBackends, type OpenedStores } from '../helpers/storeBackends.ts'

// The stored part of erasing a person (server/src/workshop/SPEC.md), on SQLite and on Postgres:
//   E2  their row and sessions go in one transaction; their private boards become another id's
//   E4  a board's history rewritten leaves one snapshot and the rows after it, and forgets their client ids

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function aStepIn(stores: Stores) {
  const municipality = await stores.domain.createMunicipality(aMunicipality())
  const challenge = await stores.domain.createChallenge(aChallenge(municipality.id))
  const workshop = await stores.domain.createWorkshop(aWorkshop(challenge.id, { status: 'open' }))
  const step = await stores.domain.createStep(aStep(workshop.id))
  return { workshop, step }
}

function aParticipant(workshopId: string, overrides: Partial<Participant> = {}): Participant {
  return { id: newEntityId(), workshopId, displayName: 'Kari Nordmann', affiliation: 'citizen', color: '#067647', linkId: null, createdAt: 1000, ...overrides }
}

function aSession(workshopId: string, linkId: string, participantId: string, createdAt: number): StoredSession {
  return { idHash: hashSecret(newSecret()), role: 'participant', facilitatorId: null, workshopId, linkId, participantId, csrfToken: newSecret(), createdAt, expiresAt: createdAt + 5000 }
}

/** One Yjs update writing `text` into the board's records array, as client `clientId`. */
function anUpdate(clientId: number, text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = clientId
  doc.getArray('records').push([{ key: text, val: { text } }])
  return Y.encodeStateAsUpdate(doc)
}

describe.each(storeBackends)('erasure in the stores ($name)', (backend) => {
  async function openStores(): Promise<OpenedStores & { stores: Stores }> {
    const opened = await backend.open()
    cleanups.push(() => opened.cleanup())
    return opened
  }

  it('[E2] erases a participant with their sessions, hands their private boards to a new id, and lists sessions oldest first', async () => {
    const { stores } = await openStores()
    const { access, domain } = stores
    const { workshop, step } = await aStepIn(stores)
    const link = await access.activeLink(workshop.id, 'participant', () => ({ id: newEntityId(), workshopId: workshop.id, role: 'participant', token: newSecret(), createdAt: 1000, revokedAt: null }))
    const kari = await access.createParticipant(aParticipant(workshop.id, { linkId: link.id }))
    const per = await access.createParticipant(aParticipant(workshop.id, { linkId: link.id, displayName: 'Per', createdAt: 1001 }))
    const later = aSession(workshop.id, link.id, kari.id, 2000)
    const earlier = aSession(workshop.id, link.id, kari.id, 1500)
    const perSession = aSession(workshop.id, link.id, per.id, 1500)
    for (const session of [later, earlier, perSession]) await access.createSession(session)
    const kariBoard = await domain.privateBoard(step.id, kari.id, true)
    const perBoard = await domain.privateBoard(step.id, per.id, true)

    expect(await access.listParticipantSessions(kari.id)).toEqual([earlier, later])
    expect(await access.listParticipantSessions('no!')).toEqual([])
    const other = await domain.createWorkshop(aWorkshop(workshop.challengeId))
    expect(await access.eraseParticipant(other.id, kari.id, newEntityId())).toBeNull()
    expect(await access.eraseParticipant(workshop.id, 'no!', newEntityId())).toBeNull()
    expect(await access.getParticipant(kari.id)).toEqual(kari)

    const anonymous = newEntityId()
    expect(await access.eraseParticipant(workshop.id, kari.id, anonymous)).toEqual(kari)
    expect(await access.getParticipant(kari.id)).toBeNull()
    expect(await access.listParticipantSessions(kari.id)).toEqual([])
    expect(await access.getSession(later.idHash, 1000)).toBeNull()
    expect(await access.listParticipants(workshop.id)).toEqual([per])
    expect(await access.getSession(perSession.idHash, 1000)).toEqual(perSession)
    // Two boards made in the same millisecond come in either order.
    const byBoard = (a: readonly unknown[], b: readonly unknown[]) => String(a[0]).localeCompare(String(b[0]))
    expect((await domain.listPrivateBoards(step.id)).map((board) => [board.boardId, board.personId]).toSorted(byBoard)).toEqual(
      [
        [kariBoard, anonymous],
        [perBoard, per.id],
      ].toSorted(byBoard),
    )
    expect(await access.eraseParticipant(workshop.id, kari.id, newEntityId())).toBeNull()
  })

  it('[E4] rewrites a board’s history as one snapshot, keeping the rows after it and forgetting one owner’s client ids and the uploads only the old history used', async () => {
    const { stores } = await openStores()
    const { boards } = stores
    const boardId = 'erasure-board-1'
    await boards.appendUpdates(
      [1, 2, 3].map((n) => ({ boardId, update: anUpdate(n, `kari ${n}`), author: 'person:kari' })),
      [
        { boardId, clientId: 1, owner: 'person:kari' },
        { boardId, clientId: 4, owner: 'person:per' },
      ],
    )
    await boards.writeSnapshot(boardId, anUpdate(9, 'kari then'), 2)
    await boards.appendUpdates([{ boardId, update: anUpdate(4, 'per 4'), author: 'person:per' }])
    const state = anUpdate(10, 'without her')
    const upload = (id: string, board: string, createdAt: number) => boards.putAsset({ id, boardId: board, mimeType: 'image/png', bytes: Uint8Array.of(7), createdAt })
    await upload('still-on-board', boardId, 1)
    await upload('only-in-history', boardId, 1)
    await upload('on-its-way', boardId, 100)
    await upload('other-board', 'erasure-board-2', 1)
    const keepAssets = { referenced: ['still-on-board'], since: 100 }

    await expect(boards.rewriteHistory(boardId, { state, coversSeq: 5, forgetOwner: null, keepAssets: null })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(boards.rewriteHistory(boardId, { state, coversSeq: 1, forgetOwner: null, keepAssets: null })).rejects.toMatchObject({ code: 'invalid_input' })
    const badKeep = { referenced: 'still-on-board', since: 100 } as unknown as typeof keepAssets
    await expect(boards.rewriteHistory(boardId, { state, coversSeq: 3, forgetOwner: null, keepAssets: badKeep })).rejects.toMatchObject({ code: 'invalid_input' })
    expect(await boards.getAsset('only-in-history')).not.toBeNull()
    const rewritten = await boards.rewriteHistory(boardId, { state, coversSeq: 3, forgetOwner: 'person:kari', keepAssets })
    expect(rewritten).toMatchObject({ boardId, bytes: state.byteLength })
    expect(await boards.getAsset('only-in-history')).toBeNull()
    for (const kept of ['still-on-board', 'on-its-way', 'other-board']) expect(await boards.getAsset(kept), kept).not.toBeNull()

    expect(await boards.listSnapshots(boardId)).toEqual([expect.objectContaining({ id: rewritten.id })])
    expect((await boards.listHistory(boardId)).map((entry) => entry.seq)).toEqual([4])
    const loaded = await boards.loadBoard(boardId)
    expect(loaded.snapshot).toEqual(state)
    expect(loaded.updates).toHaveLength(1)
    expect(loaded.lastSeq).toBe(4)
    expect([...loaded.clients]).toEqual([[4, 'person:per']])
    expect(await boards.loadStateAt(boardId, 2)).toBeNull()
    // Appending goes on after it, and a later snapshot is written as usual.
    expect(await boards.appendUpdates([{ boardId, update: anUpdate(4, 'per 5') }])).toEqual([5])
    await boards.writeSnapshot(boardId, anUpdate(11, 'later'), 5)
  })
})
