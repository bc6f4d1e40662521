import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { z } from 'zod'
import { Role } from '../../../shared/src/schema/access.ts'
import type { BoardMessage, LiveEvent } from './clusterBus.ts'

// The bus's wire format, for Redis channels. A board's messages are binary (they carry Yjs
// updates, which should not be base64'd on every hop); live events are small JSON. Both start
// with the publishing instance's id, so an instance skips what it published itself.

const kinds = { committed: 0, awareness: 1, compacted: 2 } as const

export function encodeBoardMessage(from: string, message: BoardMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, from)
  encoding.writeVarUint(encoder, kinds[message.kind])
  switch (message.kind) {
    case 'committed':
      encoding.writeVarUint(encoder, message.updates.length)
      for (const { seq, update } of message.updates) {
        encoding.writeVarUint(encoder, seq)
        encoding.writeVarUint8Array(encoder, update)
      }
      encoding.writeVarUint(encoder, message.claims.length)
      for (const { clientId, owner } of message.claims) {
        encoding.writeVarUint(encoder, clientId)
        encoding.writeVarString(encoder, owner)
      }
      break
    case 'awareness':
      encoding.writeVarUint8Array(encoder, message.frame)
      break
    case 'compacted':
      encoding.writeVarUint(encoder, message.coversSeq)
      break
  }
  return encoding.toUint8Array(encoder)
}

/** The message and who published it, or null when the bytes are not a board message. */
export function decodeBoardMessage(bytes: Uint8Array): { from: string; message: BoardMessage } | null {
  try {
    const decoder = decoding.createDecoder(bytes)
    const from = decoding.readVarString(decoder)
    const kind = decoding.readVarUint(decoder)
    let message: BoardMessage
    if (kind === kinds.committed) {
      const updates = Array.from({ length: decoding.readVarUint(decoder) }, () => ({
        seq: decoding.readVarUint(decoder),
        update: decoding.readVarUint8Array(decoder),
      }))
      const claims = Array.from({ length: decoding.readVarUint(decoder) }, () => ({
        clientId: decoding.readVarUint(decoder),
        owner: decoding.readVarString(decoder),
      }))
      message = { kind: 'committed', updates, claims }
    } else if (kind === kinds.awareness) {
      message = { kind: 'awareness', frame: decoding.readVarUint8Array(decoder) }
    } else if (kind === kinds.compacted) {
      message = { kind: 'compacted', coversSeq: decoding.readVarUint(decoder) }
    } else {
      return null
    }
    return decoding.hasContent(decoder) ? null : { from, message }
  } catch {
    return null
  }
}

const SocketFilterShape = z.strictObject({
  sessionIdHash: z.string().optional(),
  linkId: z.string().optional(),
  workshopId: z.string().optional(),
  boardIds: z.array(z.string()).optional(),
  roles: z.array(Role).optional(),
  personId: z.string().optional(),
})

const LiveEventShape = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('endSockets'), filter: SocketFilterShape, closeCode: z.int().min(1000).max(4999) }),
  z.strictObject({ kind: z.literal('retireBoards'), boardIds: z.array(z.string()) }),
  z.strictObject({ kind: z.literal('facilitation'), workshopId: z.string(), version: z.int().min(1) }),
])

const EventEnvelope = z.strictObject({ from: z.string(), event: LiveEventShape })

export function encodeLiveEvent(from: string, event: LiveEvent): string {
  return JSON.stringify({ from, event })
}

/** The event and who published it, or null when the text is not a live event. */
export function decodeLiveEvent(text: string): { from: string; event: LiveEvent } | null {
  try {
    const parsed = EventEnvelope.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
