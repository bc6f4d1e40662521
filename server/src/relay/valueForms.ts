import * as encoding from 'lib0/encoding'

// What the relay knows about a record's value without walking it: the bytes it takes in a Yjs
// update and a hash of them. Values the relay decoded get theirs from the bytes they came from
// (updateDecoding.ts); others (loaded from storage) are encoded once when first asked. Kept by
// object: records on a board are replaced, never changed in place.

interface EncodedForm {
  size: number
  hash: number
}

const forms = new WeakMap<object, EncodedForm>()

/** FNV-1a over bytes[start, end). */
function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5
  for (let at = start; at < end; at++) hash = Math.imul(hash ^ (bytes[at] as number), 0x01000193)
  return hash >>> 0
}

/** Remembers the encoded form of `value`, decoded from bytes[start, end). */
export function noteEncodedForm(value: object, bytes: Uint8Array, start: number, end: number): void {
  forms.set(value, { size: end - start, hash: hashOf(bytes, start, end) })
}

function formOf(value: unknown): EncodedForm {
  const known = typeof value === 'object' && value !== null ? forms.get(value) : undefined
  if (known !== undefined) return known
  const encoder = encoding.createEncoder()
  encoding.writeAny(encoder, value as Parameters<typeof encoding.writeAny>[1])
  const bytes = encoding.toUint8Array(encoder)
  const form = { size: bytes.length, hash: hashOf(bytes, 0, bytes.length) }
  if (typeof value === 'object' && value !== null) forms.set(value, form)
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
