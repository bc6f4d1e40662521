import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { noteEncodedForm } from './valueForms.ts'

// The relay reads every update before it applies it, so Yjs would decode each one twice; most
// of that work is the records' JSON-like content (lib0's readAny). Reading records the values
// it decoded, with where each one sat in the bytes, and applying takes them back instead of
// decoding them again. Applying still walks the same bytes in the same order and checks each
// position, so a value is only ever taken for exactly the bytes it was decoded from.
//
// Reading also decodes faster than lib0 does: lib0 hands every string, however short, to a
// TextDecoder, and a record is mostly short ASCII strings (keys, ids, style names).

/** A value decoded from an update's content, and the byte range it came from. */
interface DecodedValue {
  start: number
  end: number
  value: unknown
}

/** The values decoded from one update, in the order Yjs read them. */
export type DecodedValues = readonly DecodedValue[]

/** Where the decoder being constructed records into (decodeUpdate constructs it itself). */
let recordingInto: DecodedValue[] | null = null

class RecordingDecoder extends Y.UpdateDecoderV1 {
  readonly #values: DecodedValue[] | null = recordingInto

  override readAny(): unknown {
    const decoder = this.restDecoder
    const start = decoder.pos
    const value = readAny(decoder, true)
    const end = decoder.pos
    this.#values?.push({ start, end, value })
    if (typeof value === 'object' && value !== null) noteEncodedForm(value, decoder.arr, start, end)
    return value
  }
}

class ReplayingDecoder extends Y.UpdateDecoderV1 {
  readonly #values: DecodedValues
  #next = 0

  constructor(decoder: decoding.Decoder, values: DecodedValues) {
    super(decoder)
    this.#values = values
  }

  override readAny(): unknown {
    const decoded = this.#values[this.#next]
    if (decoded === undefined || decoded.start !== this.restDecoder.pos) return super.readAny()
    this.#next += 1
    this.restDecoder.pos = decoded.end
    return decoded.value
  }
}

/** Decodes an update as Y.decodeUpdate does, and keeps its decoded values for {@link applyDecoded}. */
export function decodeUpdateOnce(update: Uint8Array): { decoded: ReturnType<typeof Y.decodeUpdate>; values: DecodedValues } {
  const values: DecodedValue[] = []
  recordingInto = values
  try {
    return { decoded: Y.decodeUpdateV2(update, RecordingDecoder), values }
  } finally {
    recordingInto = null
  }
}

/**
 * Applies an update as Y.applyUpdate does, reusing `values` from {@link decodeUpdateOnce} of the
 * same bytes. The document then holds the very objects the relay read and judged: nobody may
 * change them (nothing does; records are replaced, never edited in place).
 */
export function applyDecoded(doc: Y.Doc, update: Uint8Array, values: DecodedValues, origin: unknown): void {
  const decoder = decoding.createDecoder(update)
  Y.readUpdateV2(decoder, doc, origin, new ReplayingDecoder(decoder, values))
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** The deepest a value may nest (objects and arrays). */
const maxNesting = 200

/** Strings up to this length are tried as ASCII first. */
const shortString = 64

/**
 * Node's Latin-1 decoding of a byte range, called on any Uint8Array: for ASCII bytes it is the
 * string, made in one allocation (building it a character at a time made a string per character,
 * a tenth of what the relay allocated under load).
 */
const latin1Slice = Buffer.prototype.latin1Slice as (this: Uint8Array, start: number, end: number) => string

/** lib0's readVarString, with short ASCII strings decoded without a TextDecoder. */
function readString(decoder: decoding.Decoder): string {
  const length = decoding.readVarUint(decoder)
  const { arr, pos } = decoder
  const end = pos + length
  if (end > arr.length) throw new RangeError('A string runs past the end of the update.')
  decoder.pos = end
  if (length <= shortString && isAscii(arr, pos, end)) return latin1Slice.call(arr, pos, end)
  return utf8.decode(arr.subarray(pos, end))
}

function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let at = start; at < end; at++) if ((bytes[at] as number) >= 0x80) return false
  return true
}

/**
 * lib0's readAny, value for value: the same types, the same objects (built the same way, so a
 * `__proto__` key does what it does there), the same errors for what does not decode, and an
 * error for values nested deeper than {@link maxNesting}. With
 * `noteChildren`, the encoded forms of an object's object values are noted too (a records
 * entry's `val` is the record).
 */
function readAny(decoder: decoding.Decoder, noteChildren = false, depth = 0): unknown {
  // Records nest a few levels (rich text a few more); far deeper nesting only serves to exhaust
  // the stack of whoever decodes the board next.
  if (depth > maxNesting) throw new RangeError('A value in the update is nested too deeply.')
  const type = decoding.readUint8(decoder)
  switch (type) {
    case 127:
      return undefined
    case 126:
      return null
    case 125:
      return decoding.readVarInt(decoder)
    case 124:
      return decoding.readFloat32(decoder)
    case 123:
      return decoding.readFloat64(decoder)
    case 122:
      return decoding.readBigInt64(decoder)
    case 121:
      return false
    case 120:
      return true
    case 119:
      return readString(decoder)
    case 118: {
      const length = decoding.readVarUint(decoder)
      const object: Record<string, unknown> = {}
      for (let index = 0; index < length; index++) {
        const key = readString(decoder)
        const start = decoder.pos
        const value = readAny(decoder, false, depth + 1)
        object[key] = value
        if (noteChildren && typeof value === 'object' && value !== null) noteEncodedForm(value, decoder.arr, start, decoder.pos)
      }
      return object
    }
    case 117: {
      const length = decoding.readVarUint(decoder)
      const array: unknown[] = []
      for (let index = 0; index < length; index++) array.push(readAny(decoder, false, depth + 1))
      return array
    }
    case 116:
      return decoding.readVarUint8Array(decoder)
    default:
      throw new RangeError(`Unknown value type ${type} in an update.`)
  }
}
