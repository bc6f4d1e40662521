import * as encoding from 'lib0/encoding'

// What the relay knows about a record's value without walking it: the bytes it takes in a Yjs
// update and a hash of them, and the key it was found valid under. Values the relay decoded get
// their form from the bytes they came from (updateDecoding.ts); others (loaded from storage) are
// encoded once when first asked. Kept on the object itself: records on a board are replaced,
// never changed in place.
//
// Not in a WeakMap: the relay decodes thousands of values a second, and a WeakMap entry per value
// (an ephemeron to V8's garbage collector) made each full collection pause the event loop for
// 50–80 ms at the bench's load, against 5–10 ms with the same facts kept in slots on the values.

interface EncodedForm {
  size: number
  hash: number
}

/** Hidden slots: symbols, defined non-enumerable, so no copy, comparison, encoding or JSON sees them. */
const formSlot = Symbol('encodedForm')
const validSlot = Symbol('validatedAs')

type Slotted = { [formSlot]?: EncodedForm; [validSlot]?: string }

function keep(value: object, slot: typeof formSlot | typeof validSlot, fact: EncodedForm | string): void {
  // A frozen value (a template's, say) keeps nothing; its facts are worked out again when asked.
  if (Object.isExtensible(value)) Object.defineProperty(value, slot, { value: fact, writable: true, configurable: true })
}

/** FNV-1a over bytes[start, end). */
function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5
  for (let at = start; at < end; at++) hash = Math.imul(hash ^ (bytes[at] as number), 0x01000193)
  return hash >>> 0
}

/** Remembers the encoded form of `value`, decoded from bytes[start, end). */
export function noteEncodedForm(value: object, bytes: Uint8Array, start: number, end: number): void {
  keep(value, formSlot, { size: end - start, hash: hashOf(bytes, start, end) })
}

function formOf(value: unknown): EncodedForm {
  const known = typeof value === 'object' && value !== null ? (value as Slotted)[formSlot] : undefined
  if (known !== undefined) return known
  const encoder = encoding.createEncoder()
  encoding.writeAny(encoder, value as Parameters<typeof encoding.writeAny>[1])
  const bytes = encoding.toUint8Array(encoder)
  const form = { size: bytes.length, hash: hashOf(bytes, 0, bytes.length) }
  if (typeof value === 'object' && value !== null) keep(value, formSlot, form)
  return form
}

/** The bytes `value` takes in a Yjs update (lib0's encoding of it). */
export function encodedSize(value: unknown): number {
  return formOf(value).size
}

/** False when two values certainly differ (their encodings do); true when they may be equal. */
export function mayBeEqual(a: unknown, b: unknown): boolean {
  const formA = formOf(a)
  const formB = formOf(b)
  return formA.size === formB.size && formA.hash === formB.hash
}

/** The key `value` was found a valid record under, if it was. */
export function validatedAs(value: object): string | undefined {
  return (value as Slotted)[validSlot]
}

/** Remembers that `value` is a valid record under `key`. */
export function noteValidated(value: object, key: string): void {
  keep(value, validSlot, key)
}
