// [B16] Reactions on notes, through the real relay: participants and facilitators give and take
// back their own reactions on anyone's note (a template's, a locked one, in add-only mode), the
// other clients see them and the board reader counts them; anything past their own reactions is
// refused for its rule, not stored and not relayed; observers cannot react at all; and two people
// reacting on one note at the same moment both keep their reaction (the page's own code, in Node).
import type { TLNoteShape, TLRecord } from 'tldraw'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { withReaction, type NoteReaction } from '../../shared/src/board/noteReactions.ts'
import { readBoard } from '../../shared/src/board/readBoard.ts'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { UpdateRejection } from '../../shared/src/protocol/messages.ts'
import { startAuthorityScene, type AuthorityScene, type Who } from '../helpers/authorityScene.ts'
import { putNote } from '../helpers/boardNotes.ts'
import { createClient, type TestClient } from '../helpers/clients.ts'
import { waitFor } from '../helpers/waitFor.ts'

let scene: AuthorityScene
const cleanups: Array<() => unknown> = []
beforeEach(async () => {
  scene = await startAuthorityScene()
})
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
  await scene.close()
})

function noteIn(client: Pick<TestClient, 'records'>, id: string): TLNoteShape {
  const record = client.records.get(id) as TLRecord | undefined
  if (record?.typeName !== 'shape' || record.type !== 'note') throw new Error(`No note ${id}`)
  return record as TLNoteShape
}

/** `who` gives (or takes back) `reaction` on a note through their y-websocket client, as their page writes it. */
async function react(client: TestClient, who: Who, id: string, reaction: NoteReaction, on = true): Promise<void> {
  await waitFor(() => client.records.has(id), { message: `${id} at ${who}` })
  client.setRecord(id, withReaction(noteIn(client, id), reaction, scene.personId(who), on))
  await client.waitForSaved()
  expect(client.rejections).toEqual([])
}

async function storedNote(id: string): Promise<TLNoteShape> {
  return (await scene.stored()).records.get(id) as TLNoteShape
}

/** The reaction counts the board reader gives the item `id`. */
async function readCounts(id: string): Promise<unknown> {
  const reading = readBoard([...(await scene.stored()).records.values()])
  const items = [...reading.frames.flatMap((frame) => frame.items), ...reading.loose]
  return items.find((item) => item.id === id)?.reactions
}

/** Bo's note in the stakeholder grid, saved, with Bo's client. */
async function bosNote(text = 'Torgdag hver lørdag'): Promise<{ bo: TestClient; id: string }> {
  const bo = await scene.client('bo')
  const id = putNote(bo, scene.templateShape('grid.cell.1'), text, scene.personId('bo'))
  await bo.waitForSaved()
  return { bo, id }
}

describe('[B16] reacting', () => {
  it('[B16] lets a participant react on another participant’s note; it is stored, Bo sees it, the reader counts it', async () => {
    const { bo, id } = await bosNote()
    const ada = await scene.client('ada')
    await react(ada, 'ada', id, 'like')
    const facilitator = await scene.client('facilitator')
    await react(facilitator, 'facilitator', id, 'like')
    await react(facilitator, 'facilitator', id, 'idea')

    await waitFor(() => noteIn(bo, id).meta.reactions !== undefined && (noteIn(bo, id).meta.reactions as { idea?: unknown }).idea, { message: 'the reactions at Bo' })
    const expected = { like: [scene.personId('ada'), scene.personId('facilitator')], idea: [scene.personId('facilitator')] }
    expect(noteIn(bo, id).meta.reactions).toEqual(expected)
    expect((await storedNote(id)).meta.reactions).toEqual(expected)
    expect(await readCounts(id)).toEqual({ like: 2, idea: 1 })

    // Taking one back is as much hers as giving it.
    await react(ada, 'ada', id, 'like', false)
    expect(await readCounts(id)).toEqual({ like: 1, idea: 1 })
  })

  it('[B16] lets a participant react where the board otherwise keeps her from editing: add-only mode, a template’s note, a locked note', async () => {
    const { id } = await bosNote()
    const facilitator = await scene.client('facilitator')
    const locked = putNote(facilitator, scene.templateShape('grid.cell.2'), 'Låst lapp', scene.personId('facilitator'))
    facilitator.setRecord(locked, { ...noteIn(facilitator, locked), isLocked: true })
    await facilitator.waitForSaved()
    await scene.setMode('add-only')
    const ada = await scene.client('ada')
    const templateNote = scene.templateShape('groups.note.0')
    for (const note of [id, templateNote, locked]) await react(ada, 'ada', note, 'question')
    for (const note of [id, templateNote, locked]) expect(await readCounts(note)).toMatchObject({ question: 1 })
    expect((await storedNote(locked)).isLocked).toBe(true)
  })

  it('[B16] keeps a frozen board as it is for participants; facilitators still react', async () => {
    const { id } = await bosNote()
    await scene.setMode('frozen')
    const ada = await scene.raw('ada')
    const note = await storedNote(id)
    await scene.expectRefused(ada, scene.change(await scene.copy(ada), (records) => records.set(id, withReaction(note, 'like', scene.personId('ada'), true))), UpdateRejection.frozen, [id])
    const facilitator = await scene.raw('facilitator')
    await scene.expectAccepted(facilitator, scene.change(await scene.copy(facilitator), (records) => records.set(id, withReaction(note, 'like', scene.personId('facilitator'), true))))
  })
})

describe('[B16] only your own reactions', () => {
  it('[B16] refuses someone else’s id, a text change riding along, an unknown reaction and a person twice; nothing changes', async () => {
    const { bo, id } = await bosNote()
    await react(bo, 'bo', id, 'like')
    const note = await storedNote(id)
    const [adaId, boId, kariId] = [scene.personId('ada'), scene.personId('bo'), scene.personId('facilitator')]
    const mine = withReaction(note, 'like', adaId, true)
    const attempts: Array<[string, TLNoteShape]> = [
      ['someone else’s id added', withReaction(note, 'love', kariId, true)],
      ['someone else’s id taken away', withReaction(mine, 'like', boId, false)],
      ['an unknown reaction', { ...mine, meta: { ...mine.meta, reactions: { like: [boId], thumbsDown: [adaId] } } }],
      ['a person twice', { ...mine, meta: { ...mine.meta, reactions: { like: [boId, adaId, adaId] } } }],
    ]
    const ada = await scene.raw('ada')
    for (const [what, value] of attempts) {
      const update = scene.change(await scene.copy(ada), (records) => records.set(id, value))
      await scene.expectRefused(ada, update, UpdateRejection.reaction, [id]).catch((error: Error) => {
        throw new Error(`${what}: ${error.message}`)
      })
    }
    // A facilitator gives nobody else's reaction either.
    const facilitator = await scene.raw('facilitator')
    const forKari = scene.change(await scene.copy(facilitator), (records) => records.set(id, withReaction(note, 'idea', adaId, true)))
    await scene.expectRefused(facilitator, forKari, UpdateRejection.reaction, [id])

    // A reaction is no way to edit a note the mode keeps from her: the text change is refused with it.
    await scene.setMode('add-only')
    const rewritten = { ...mine, props: { ...mine.props, textLastEditedBy: adaId, richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Adas tekst' }] }] } } }
    await scene.expectRefused(ada, scene.change(await scene.copy(ada), (records) => records.set(id, rewritten)), UpdateRejection.notOwn, [id])
    expect(await storedNote(id)).toEqual(note)
    expect(await readCounts(id)).toEqual({ like: 1 })
  })

  it('[B16] keeps an observer from reacting: the socket is closed and nothing is stored', async () => {
    const { id } = await bosNote()
    const note = await storedNote(id)
    const observer = await scene.raw('observer')
    const update = scene.change(await scene.copy(observer), (records) => records.set(id, withReaction(note, 'like', scene.personId('ada'), true)))
    observer.sendUpdate(update)
    expect(await observer.closed).toBe(CloseCode.readOnlyRole.code)
    expect(await storedNote(id)).toEqual(note)
  })
})

describe('[B13] what a refused change leaves behind', () => {
  it('[B13] refuses a bare deletion of a record whose change the same socket had refused; another socket deletes it', async () => {
    const { id } = await bosNote()
    const note = await storedNote(id)
    const ada = await scene.raw('ada')
    const forged = scene.change(await scene.copy(ada), (records) => records.set(id, withReaction(note, 'like', scene.personId('bo'), true)))
    await scene.expectRefused(ada, forged, UpdateRejection.reaction, [id])
    // What Ada's copy sends when Bo's value of the note reaches it and sorts before her refused one.
    const cleanup = scene.change(await scene.copy(ada), (records) => records.delete(id))
    expect(await ada.outcome(ada.sendUpdate(cleanup))).toEqual({ kind: 'rejected', reason: UpdateRejection.dependsOnRefused })
    expect(await storedNote(id)).toEqual(note)
    // The board is open: from a copy that was never refused, deleting Bo's note is hers to do.
    const fresh = await scene.raw('ada')
    await scene.expectAccepted(fresh, scene.change(await scene.copy(fresh), (records) => records.delete(id)))
  })
})

describe('[B16][B13] reacting at the same moment', () => {

  // Which of two values written at once a copy keeps depends on the writers' Yjs client ids: both ways.
  it.each(['Ada’s', 'Bo’s'])('[B16] keeps both reactions when Bo’s reached the relay while Ada’s was on its way (%s sorting last), and does not trouble Ada', async (last) => {
    const { id } = await bosNote()
    const ada = scene.page('ada')
    const noteId = id as TLNoteShape['id']
    await waitFor(() => ada.$state.get().status === 'saved' && ada.store.has(noteId), { message: 'Bo’s note at Ada' })
    const doc = new Y.Doc()
    doc.clientID = ada.doc.clientID + (last === 'Ada’s' ? -1 : 1)
    const bo = createClient(scene.server.syncUrl, scene.boardId, { doc, headers: { cookie: scene.agent('bo').cookieHeader() } })
    cleanups.push(() => bo.destroy())
    await bo.waitForSynced()
    const oldDoc = ada.doc
    // Ada's reaction leaves while Bo's is already stored: her record does not have his.
    ada.provider.disconnect()
    ada.store.put([withReaction(ada.store.get(noteId) as TLNoteShape, 'like', scene.personId('ada'), true)])
    await react(bo, 'bo', id, 'idea')
    ada.provider.connect()

    await waitFor(() => ada.doc !== oldDoc, { message: 'Ada’s copy rebuilt after the refusal' })
    const both = JSON.stringify({ like: 1, idea: 1 })
    await waitFor(async () => JSON.stringify(await readCounts(id)) === both, { message: 'both reactions stored' })
    await waitFor(() => ada.$state.get().status === 'saved' && (ada.store.get(noteId)?.meta.reactions as { idea?: unknown } | undefined)?.idea, {
      message: 'both reactions at Ada',
    })
    expect(ada.$refusal.get()).toBeNull()
    expect((await storedNote(id)).meta.reactions).toEqual({ like: [scene.personId('ada')], idea: [scene.personId('bo')] })
  })
})
