/**
 * A load client's edits, made before the run: each rewrites the client's own sticky note (its
 * text ends with the edit's number), as a person typing does, and depends only on the edit
 * before it. Making them during the run would put thousands of Yjs transactions a second, and
 * their garbage, into the generator's event loop beside the deliveries it times: its own pauses
 * would then be measured as the servers' latency. The bytes sent are the same either way.
 */
import * as Y from 'yjs'
import { toRichText, type TLNoteShape } from '@tldraw/tlschema'
import { openRecordMap } from '../../../shared/src/board/boardDoc.ts'
import { encodeSyncUpdate } from '../lib/yProtocol.ts'
import { clientFrame } from './frameSocket.ts'

/** `count` sync-update messages, framed for the wire, back to back in one buffer (off the V8 heap, so no collection walks them). */
export class NoteEdits {
  readonly count: number
  /** The Yjs update inside edit i, by byte length: how a receiver recognises it unmerged. */
  readonly updateLengths: Uint32Array
  readonly #frames: Buffer[]

  /** Made on a scratch document with the client's id, so the client's own document stays empty for its sync. */
  constructor(clientId: number, note: TLNoteShape, payload: string, count: number) {
    const scratch = new Y.Doc()
    scratch.clientID = clientId
    const records = openRecordMap(scratch)
    const frames: Buffer[] = []
    this.updateLengths = new Uint32Array(count)
    const made: { update: Uint8Array | null } = { update: null }
    scratch.on('update', (update: Uint8Array) => {
      made.update = update
    })
    for (let clock = 0; clock < count; clock++) {
      records.records.set(note.id, { ...note, props: { ...note.props, richText: toRichText(`${payload}${clock}`) } })
      const update = made.update
      if (update === null) throw new Error('a map set made no update')
      made.update = null
      this.updateLengths[clock] = update.length
      frames.push(clientFrame(encodeSyncUpdate(update)))
    }
    records.dispose()
    scratch.destroy()
    this.count = count
    // One allocation for all of them; each frame is a view into it, made now so that sending allocates nothing.
    const all = Buffer.concat(frames)
    let start = 0
    this.#frames = frames.map((frame) => {
      const view = all.subarray(start, start + frame.length)
      start += frame.length
      return view
    })
  }

  /** The frame of edit `clock`, ready to send. */
  frame(clock: number): Buffer {
    const frame = this.#frames[clock]
    if (frame === undefined) throw new Error('more updates than planned')
    return frame
  }
}
