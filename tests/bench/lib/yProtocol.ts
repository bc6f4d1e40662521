/**
 * The y-websocket wire format, written and read by hand so that thousands of
 * load clients can run in one process without a provider each.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MessageType, SyncMessageType } from '../../../shared/src/protocol/messages.ts'

function encodeSync(subType: SyncMessageType, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, subType)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

export const encodeSyncStep1 = (stateVector: Uint8Array): Uint8Array => encodeSync(SyncMessageType.step1, stateVector)
export const encodeSyncStep2 = (update: Uint8Array): Uint8Array => encodeSync(SyncMessageType.step2, update)
export const encodeSyncUpdate = (update: Uint8Array): Uint8Array => encodeSync(SyncMessageType.update, update)

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.awareness)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** A received message, decoded as far as the bench needs. */
export type IncomingMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'syncStep2' | 'syncUpdate'; update: Uint8Array }
  | { type: 'awareness' }
  | { type: 'saveAck'; seq: number }
  | { type: 'updateRejected'; seq: number; reason: number }
  | { type: 'other'; messageType: number }

/** Decodes a message header; throws on bytes that are not a message at all. */
export function readMessage(bytes: Uint8Array): IncomingMessage {
  const decoder = decoding.createDecoder(bytes)
  const messageType = decoding.readVarUint(decoder)
  switch (messageType) {
    case MessageType.sync: {
      const subType = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      if (subType === SyncMessageType.step1) return { type: 'syncStep1', stateVector: payload }
      if (subType === SyncMessageType.step2) return { type: 'syncStep2', update: payload }
      if (subType === SyncMessageType.update) return { type: 'syncUpdate', update: payload }
      throw new Error(`unknown sync message type ${subType}`)
    }
    case MessageType.awareness:
      return { type: 'awareness' }
    case MessageType.saveAck:
      return { type: 'saveAck', seq: decoding.readVarUint(decoder) }
    case MessageType.updateRejected:
      return { type: 'updateRejected', seq: decoding.readVarUint(decoder), reason: decoding.readVarUint(decoder) }
    default:
      return { type: 'other', messageType }
  }
}
