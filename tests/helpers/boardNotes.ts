import { createShapeId, createTLSchema, toRichText, UserRecordType, type TLNoteShape, type TLRecord, type TLUser } from '@tldraw/tlschema'
import { readBoardRecords } from '../../shared/src/board/boardDoc.ts'
import { createdByMetaKey } from '../../shared/src/board/boardRules.ts'
import type { SessionInfo } from '../../shared/src/schema/access.ts'
import type { IndexKey } from '@tldraw/utils'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import { methodTemplates } from '../../shared/src/templates/index.ts'
import { createClient, type TestClient } from './clients.ts'
import type { JoinedParticipant } from './workshopApi.ts'

// Sticky notes written into a board through a real y-websocket client, as a
// participant's tldraw writes them, placed in a template's area or frame.

/**
 * A participant's user record as tldraw 5 writes it: their participant id, and the name and colour of
 * their session (the relay refuses any other).
 */
export function participantUser(session: SessionInfo): TLUser {
  const guest = session.guest
  if (guest?.participantId == null || guest.displayName === null || guest.color === null) throw new Error('Not a participant’s session.')
  return UserRecordType.create({ id: UserRecordType.createId(guest.participantId), name: guest.displayName, color: guest.color, imageUrl: '' })
}

/**
 * A participant's board through a real y-websocket client with their session cookie, synced, with their
 * user record (their name) written as tldraw 5 does. The caller destroys the client.
 */
export async function openParticipantBoard(syncUrl: string, boardId: string, participant: Pick<JoinedParticipant, 'agent' | 'session'>): Promise<TestClient> {
  const client = createClient(syncUrl, boardId, { headers: { cookie: participant.agent.cookieHeader() } })
  try {
    await client.waitForSynced()
  } catch (error) {
    client.destroy()
    throw error
  }
  const user = participantUser(participant.session)
  client.setRecord(user.id, user)
  return client
}

const schema = createTLSchema()
let noteCount = 0

/**
 * Writes a sticky note as tldraw (and BoardRecords.note) makes it, centred in
 * a template shape: inside an area (same parent, same coordinates) or a frame
 * (as its child). Each note is nudged a little, so none lie exactly on another.
 * Returns the note's shape id.
 */
export function putNote(client: TestClient, templateShapeId: string, text: string, userId: string): string {
  const target = client.records.get(templateShapeId) as TLRecord | undefined
  if (target?.typeName !== 'shape') throw new Error(`No shape ${templateShapeId} on the board.`)
  const { w, h } = target.props as { w: number; h: number }
  const nudge = (noteCount++ % 5) * 6
  const inFrame = target.type === 'frame'
  const note = noteShape({
    id: createShapeId(`note-${newEntityId()}`),
    parentId: inFrame ? target.id : target.parentId,
    index: `a${(noteCount % 9) + 1}` as IndexKey,
    x: (inFrame ? 0 : target.x) + w / 2 - 100 + nudge,
    y: (inFrame ? 0 : target.y) + h / 2 - 100 + nudge,
    text,
    author: userId,
  })
  schema.types.shape.validate(note)
  client.setRecord(note.id, note)
  return note.id
}

/** A sticky note record as tldraw (and BoardRecords.note) makes it: small, yellow, sans, made and last edited by `author` (a person id). */
export function noteShape(note: Pick<TLNoteShape, 'id' | 'parentId' | 'index' | 'x' | 'y'> & { text: string; author: string }): TLNoteShape {
  const { text, author, ...place } = note
  return {
    ...place,
    typeName: 'shape',
    type: 'note',
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: { [createdByMetaKey]: author },
    props: {
      color: 'yellow', labelColor: 'black', size: 's', font: 'sans', fontSizeAdjustment: 1, align: 'middle',
      verticalAlign: 'middle', growY: 0, url: '', richText: toRichText(text), scale: 1, textLastEditedBy: author,
    },
  }
}

/** The id of a template's shape on a step board (built from the newest version), e.g. templateShapeId('stakeholder-mapping', 'grid.cell.1'). */
export function templateShapeId(templateId: string, key: string, version = methodTemplates.latestVersion(templateId)): string {
  return `shape:${templateId}.v${version}.${key}`
}

/** A 1×1 PNG, as a participant's photo of the wall would be (the server sniffs the type). */
const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

/**
 * Uploads an image as `participant` (`POST /api/boards/<id>/assets`) and places it on the board's
 * first page through `client`, as tldraw does: an asset record pointing at the upload and an image
 * shape using it, both made by `userId`. Returns the upload's id and the shape's id.
 */
export async function placeImage(
  baseUrl: string,
  client: TestClient,
  boardId: string,
  participant: Pick<JoinedParticipant, 'agent'>,
  userId: string,
): Promise<{ uploadId: string; shapeId: string }> {
  const agent = participant.agent
  const response = await fetch(new URL(`/api/boards/${boardId}/assets`, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'image/png', origin: new URL(baseUrl).origin, cookie: agent.cookieHeader(), 'x-csrf-token': agent.csrfToken ?? '' },
    body: new Uint8Array(tinyPng),
  })
  if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`)
  const { id: uploadId, url } = (await response.json()) as { id: string; url: string }
  const page = [...readBoardRecords(client.doc).values()].find((record) => record.typeName === 'page')
  if (page === undefined) throw new Error('The board has no page.')
  const meta = { [createdByMetaKey]: userId }
  const asset = schema.types.asset.validate({
    id: `asset:${uploadId}`,
    typeName: 'asset',
    type: 'image',
    meta,
    props: { name: 'wall.png', src: url, w: 1, h: 1, mimeType: 'image/png', isAnimated: false, fileSize: tinyPng.length },
  })
  const shape = schema.types.shape.validate({
    id: createShapeId(`image-${newEntityId()}`),
    typeName: 'shape',
    type: 'image',
    parentId: page.id,
    index: 'a1' as IndexKey,
    x: 4000 + (noteCount++ % 5) * 40,
    y: 4000,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta,
    props: { w: 200, h: 200, playing: true, url: '', assetId: asset.id, crop: null, flipX: false, flipY: false, altText: '' },
  })
  client.setRecord(asset.id, asset)
  client.setRecord(shape.id, shape)
  return { uploadId, shapeId: shape.id }
}
