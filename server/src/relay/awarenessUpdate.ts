import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { decodeUtf8 } from 'lib0/string'
import type { Awareness } from 'y-protocols/awareness'

/** Bounds on a room's presence, so that one connection cannot make the relay hold, or fail to encode, unbounded state. */
export interface AwarenessLimits {
  /** Largest state, in bytes of JSON. A tldraw presence (cursor, a selection of many shapes, name, colour) stays far below. */
  maxStateBytes: number
  /** Deepest nesting of objects and arrays in a state: JSON.stringify recurses, so a deeper state can overflow the stack. */
  maxStateDepth: number
  /** Client ids one connection may publish: its own, and a few spare (a second awareness, a test harness). */
  maxClientsPerConnection: number
  /** Client ids a room holds at most, across all its connections. */
  maxClientsPerRoom: number
}

export const defaultAwarenessLimits: AwarenessLimits = {
  maxStateBytes: 64 * 1024,
  maxStateDepth: 32,
  maxClientsPerConnection: 4,
  maxClientsPerRoom: 512,
}

/** One entry of an awareness update, checked against the limits. */
export interface AwarenessEntry {
  clientId: number
  clock: number
  /** The state's JSON exactly as received, so an accepted entry is re-encoded without another stringify. */
  json: string
  /** The state is null: the client's presence is being removed. */
  removes: boolean
  /** `json` is not what the client sent: the relay stamped the state (see presenceStamp.ts). */
  rewritten: boolean
}

/** Rewrites a decoded, non-null state of awareness client `clientId` before it is applied (e.g. stamping the sender's name on it). */
export type StateRewrite = (state: object, clientId: number) => object

/**
 * Decodes an awareness update without applying it. Null when it does not
 * decode, has trailing bytes, or any state is not an object (or null), is
 * larger than `maxStateBytes` or nests deeper than `maxStateDepth` (before or
 * after `rewrite`, which each non-null state goes through when given).
 */
export function decodeAwarenessUpdate(
  update: Uint8Array,
  limits: AwarenessLimits,
  rewrite: StateRewrite | null = null,
): AwarenessEntry[] | null {
  try {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    const entries: AwarenessEntry[] = []
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      // Checked before decoding, so an oversized state costs no parse.
      const bytes = decoding.readVarUint8Array(decoder)
      if (bytes.length > limits.maxStateBytes) return null
      const json = decodeUtf8(bytes)
      const state: unknown = JSON.parse(json)
      if (typeof state !== 'object' || exceedsDepth(state, limits.maxStateDepth)) return null
      if (state === null || rewrite === null) {
        entries.push({ clientId, clock, json, removes: state === null, rewritten: false })
        continue
      }
      const rewritten = rewrite(state, clientId)
      const rewrittenJson = JSON.stringify(rewritten)
      if (Buffer.byteLength(rewrittenJson) > limits.maxStateBytes || exceedsDepth(rewritten, limits.maxStateDepth)) return null
      entries.push({ clientId, clock, json: rewrittenJson, removes: false, rewritten: rewrittenJson !== json })
    }
    return decoding.hasContent(decoder) ? null : entries
  } catch {
    return null
  }
}

/** Encodes entries (as decoded) back into one awareness update. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, entry.json)
  }
  return encoding.toUint8Array(encoder)
}

/**
 * What y-protocols' encodeAwarenessUpdate does, except that a client whose
 * state cannot be encoded (JSON.stringify throws) is left out and reported in
 * `dropped` instead of failing the whole message. `update` is null when no
 * client could be encoded.
 */
export function encodeAwarenessStates(
  awareness: Awareness,
  clients: readonly number[],
): { update: Uint8Array | null; dropped: number[] } {
  const entries: AwarenessEntry[] = []
  const dropped: number[] = []
  for (const clientId of clients) {
    const meta = awareness.meta.get(clientId)
    const state: unknown = awareness.getStates().get(clientId) ?? null
    let json: string
    try {
      json = JSON.stringify(state)
    } catch {
      dropped.push(clientId)
      continue
    }
    if (meta === undefined) dropped.push(clientId)
    else entries.push({ clientId, clock: meta.clock, json, removes: state === null, rewritten: false })
  }
  return { update: entries.length === 0 ? null : encodeAwarenessEntries(entries), dropped }
}

/** True when objects and arrays in `value` nest deeper than `limit`; walked with a stack of its own, never by recursion. */
function exceedsDepth(value: unknown, limit: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }]
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue
    if (next.depth > limit) return true
    for (const child of Object.values(next.value)) {
      if (typeof child === 'object' && child !== null) pending.push({ value: child, depth: next.depth + 1 })
    }
  }
  return false
}
