import { afterEach, beforeEach, describe, it } from 'vitest'
import { UpdateRejection } from '../../shared/src/protocol/messages.ts'
import { dotVotesMetaKey } from '../../shared/src/schema/dotVoting.ts'
import { startAuthorityScene, type AuthorityScene } from '../helpers/authorityScene.ts'
import { testNote } from '../helpers/testRecords.ts'

// [V7] A vote's kept result on a note is the server's: no browser writes it, whoever's note it is.

let scene: AuthorityScene

beforeEach(async () => {
  scene = await startAuthorityScene()
})

afterEach(async () => {
  await scene.close()
})

describe('[V7] kept vote results', () => {
  it('refuses dots written by a participant or a facilitator, on a new note or an existing one', async () => {
    const ada = await scene.raw('ada')
    const doc = await scene.copy(ada)
    const own = testNote('shape:ada-idea', { text: 'Ungdomsklubb', createdBy: scene.personId('ada'), parentId: scene.pageId })
    await scene.expectAccepted(ada, scene.change(doc, (records) => records.set(own.id, own)))
    const withDots = { ...own, meta: { ...own.meta, [dotVotesMetaKey]: 12 } }
    await scene.expectRefused(ada, scene.change(await scene.copy(ada), (records) => records.set(own.id, withDots)), UpdateRejection.serverOnly, [own.id])
    const fresh = testNote('shape:ada-fresh', { text: 'Kino', createdBy: scene.personId('ada'), parentId: scene.pageId })
    const freshWithDots = { ...fresh, meta: { ...fresh.meta, [dotVotesMetaKey]: 3 } }
    await scene.expectRefused(ada, scene.change(await scene.copy(ada), (records) => records.set(fresh.id, freshWithDots)), UpdateRejection.serverOnly, [fresh.id])
    const facilitator = await scene.raw('facilitator')
    await scene.expectRefused(facilitator, scene.change(await scene.copy(facilitator), (records) => records.set(own.id, withDots)), UpdateRejection.serverOnly, [own.id])
  })
})
