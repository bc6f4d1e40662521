import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import { maxRefusedKeys, MessageType, SyncMessageType, type UpdateRejection } from '../../../shared/src/protocol/messages.ts'

/** A message from a client, decoded at the edge; everything past this point works with these. */
export type ClientMessage =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  /** Sync step 2 or update: both carry a Yjs update and both count for save acks. */
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'queryAwareness' }

export type DecodeResult = { ok: true; message: ClientMessage } | { ok: false; close: CloseCode }

/**
 * Decodes one frame from a client. A type the relay does not accept closes with
 * 4401; bytes that do not decode, or carry trailing garbage, close with 4402.
 */
export function decodeClientMessage(frame: Uint8Array): DecodeResult {
  try {
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    let message: ClientMessage
    switch (type) {
      case MessageType.sync: {
        const syncType = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (syncType === SyncMessageType.step1) message = { kind: 'syncStep1', stateVector: payload }
        else if (syncType === SyncMessageType.step2 || syncType === SyncMessageType.update)
          message = { kind: 'update', update: payload }
        else return { ok: false, close: CloseCode.malformedMessage }
        break
      }
      case MessageType.awareness:
        message = { kind: 'awareness', update: decoding.readVarUint8Array(decoder) }
        break
      case MessageType.queryAwareness:
        message = { kind: 'queryAwareness' }
        break
      default:
        return { ok: false, close: CloseCode.unknownMessageType }
    }
    if (decoding.hasContent(decoder)) return { ok: false, close: CloseCode.malformedMessage }
    return { ok: true, message }
  } catch {
    return { ok: false, close: CloseCode.malformedMessage }
  }
}

/** True for the state vector of a client that has nothing yet: the cached full state answers it. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0
}

/** `[0, 0, stateVector]`: what the relay has; the client answers with what it lacks. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeSync(SyncMessageType.step1, stateVector)
}

/** `[0, 1, update]`: the answer to a client's sync step 1. */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeSync(SyncMessageType.step2, update)
}

/** `[0, 2, update]`: a committed update, broadcast to the room. */
export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  return encodeSync(SyncMessageType.update, update)
}

/** `[1, awarenessUpdate]` */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.awareness)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** `[100, n]`: every update message up to the n-th from this connection is stored. */
export function encodeSaveAck(seq: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.saveAck)
  encoding.writeVarUint(encoder, seq)
  return encoding.toUint8Array(encoder)
}

/** `[101, n, reason, count, key…]`: the n-th update message was refused and not stored; the keys name the records not allowed. */
export function encodeUpdateRejected(seq: number, reason: UpdateRejection, keys: readonly string[] = []): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.updateRejected)
  encoding.writeVarUint(encoder, seq)
  encoding.writeVarUint(encoder, reason)
  const named = keys.slice(0, maxRefusedKeys)
  encoding.writeVarUint(encoder, named.length)
  for (const key of named) encoding.writeVarString(encoder, key)
  return encoding.toUint8Array(encoder)
}

/**
 * An awareness message with zero entries: every stock client applies it
 * harmlessly, and it resets the provider's 30 s "no message received" watchdog.
 */
export const keepAliveMessage: Uint8Array = encodeAwareness(new Uint8Array([0]))

function encodeSync(syncType: SyncMessageType, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, syncType)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}
