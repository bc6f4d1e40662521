import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { ClientClaim, PendingUpdate } from './BoardStore.ts'
import { changeKinds as kinds } from './boardStoreValidation.ts'

// How a group commit crosses to the commit thread: one binary buffer, transferred rather than
// copied. postMessage's structured clone of an array of update objects cost the relay's event
// loop about 25 µs per update; writing them into one buffer costs a few.

export function encodeBatch(batch: readonly PendingUpdate[], claims: readonly ClientClaim[]): ArrayBuffer {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, batch.length)
  for (const { boardId, update, author = null, touched = null, kind = 'edit', detail = null } of batch) {
    encoding.writeVarString(encoder, boardId)
    encoding.writeVarUint8Array(encoder, update)
    writeOptionalString(encoder, author)
    if (touched === null) encoding.writeVarUint(encoder, 0)
    else {
      encoding.writeVarUint(encoder, touched.length + 1)
      for (const key of touched) encoding.writeVarString(encoder, key)
    }
    // Validated before (validateBatch): a kind is one of the known ones.
    encoding.writeVarUint(encoder, Math.max(0, kinds.indexOf(kind)))
    writeOptionalString(encoder, detail)
  }
  encoding.writeVarUint(encoder, claims.length)
  for (const { boardId, clientId, owner } of claims) {
    encoding.writeVarString(encoder, boardId)
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarString(encoder, owner)
  }
  const bytes = encoding.toUint8Array(encoder)
  // A buffer of its own, so that transferring it takes nothing from anyone else.
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer
}

export function decodeBatch(buffer: ArrayBuffer): { batch: PendingUpdate[]; claims: ClientClaim[] } {
  const decoder = decoding.createDecoder(new Uint8Array(buffer))
  const batch = Array.from({ length: decoding.readVarUint(decoder) }, (): PendingUpdate => {
    const boardId = decoding.readVarString(decoder)
    const update = decoding.readVarUint8Array(decoder)
    const author = readOptionalString(decoder)
    const touchedCount = decoding.readVarUint(decoder)
    const touched = touchedCount === 0 ? null : Array.from({ length: touchedCount - 1 }, () => decoding.readVarString(decoder))
    const kind = kinds[decoding.readVarUint(decoder)] ?? 'edit'
    const detail = readOptionalString(decoder)
    return { boardId, update, author, touched, kind, detail }
  })
  const claims = Array.from({ length: decoding.readVarUint(decoder) }, (): ClientClaim => ({
    boardId: decoding.readVarString(decoder),
    clientId: decoding.readVarUint(decoder),
    owner: decoding.readVarString(decoder),
  }))
  return { batch, claims }
}

function writeOptionalString(encoder: encoding.Encoder, value: string | null): void {
  encoding.writeVarUint(encoder, value === null ? 0 : 1)
  if (value !== null) encoding.writeVarString(encoder, value)
}

function readOptionalString(decoder: decoding.Decoder): string | null {
  return decoding.readVarUint(decoder) === 0 ? null : decoding.readVarString(decoder)
}
