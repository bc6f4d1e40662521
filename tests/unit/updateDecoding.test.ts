import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { openRecordMap } from '../../shared/src/board/boardDoc.ts'
import { applyDecoded, decodeUpdateOnce } from '../../server/src/relay/updateDecoding.ts'
import * as encoding from 'lib0/encoding'
import { isEqual } from '@tldraw/utils'
import { encodedSize, mayBeEqual, noteValidated, validatedAs } from '../../server/src/relay/valueForms.ts'
import { seededRandom } from '../helpers/random.ts'
import { testNote } from '../helpers/testRecords.ts'

// The relay decodes an update once, with its own reader of Yjs's content values, and applies
// it from what it decoded. Both must be indistinguishable from Yjs's own decoding: the same
// values, the same failures, and the same document after applying.

/** Values of every kind lib0 encodes, with strings that are ASCII, not, empty, short and long. */
function randomValue(random: () => number, depth = 0): unknown {
  const pick = Math.floor(random() * (depth > 2 ? 8 : 10))
  const text = (): string => {
    const alphabet = ['a', 'Z', '0', ' ', 'æ', 'ø', 'å', '€', '😀', '\u0000', '\u007f']
    const length = Math.floor(random() * (random() < 0.2 ? 200 : 70))
    return Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')
  }
  switch (pick) {
    case 0:
      return null
    case 1:
      return random() < 0.5
    case 2:
      return Math.floor((random() - 0.5) * 2 ** 40)
    case 3:
      return (random() - 0.5) * 1e6
    case 4:
      return text()
    case 5:
      return ''
    case 6:
      return new Uint8Array(Array.from({ length: Math.floor(random() * 5) }, () => Math.floor(random() * 256)))
    case 7:
      return -0
    case 8:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1))
    default:
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, () => [text(), randomValue(random, depth + 1)]))
  }
}

function updateWith(values: unknown[]): Uint8Array {
  const doc = new Y.Doc()
  let update: Uint8Array | null = null
  doc.on('update', (made: Uint8Array) => {
    update = made
  })
  doc.getArray('records').push(values)
  doc.destroy()
  if (update === null) throw new Error('no update')
  return update
}

function outcome(decode: () => unknown): { value: unknown } | { threw: true } {
  try {
    return { value: decode() }
  } catch {
    return { threw: true }
  }
}

describe('decoding an update once', () => {
  it('reads every kind of value exactly as Yjs does', () => {
    const random = seededRandom(20261207)
    for (let round = 0; round < 300; round++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 4) }, () => randomValue(random))
      const update = updateWith(values)
      const ours = decodeUpdateOnce(update).decoded
      const theirs = Y.decodeUpdate(update)
      expect(ours).toEqual(theirs)
      const doc = new Y.Doc()
      applyDecoded(doc, update, decodeUpdateOnce(update).values, null)
      expect(doc.getArray('records').toArray()).toEqual(values)
      doc.destroy()
    }
  })

  it('fails where Yjs fails, and succeeds where it succeeds, on bit-flipped and cut updates', () => {
    const random = seededRandom(7)
    let failures = 0
    for (let round = 0; round < 2000; round++) {
      const update = updateWith([{ key: 'shape:a', val: testNote('a', { text: round % 2 === 0 ? 'Torgdag' : 'Torgdag på lørdag ☀' }) }])
      const damaged = update.slice(0, round % 5 === 0 ? Math.floor(random() * update.length) : update.length)
      const at = Math.floor(random() * damaged.length)
      damaged[at] = (damaged[at] ?? 0) ^ (1 << Math.floor(random() * 8))
      const ours = outcome(() => decodeUpdateOnce(damaged).decoded)
      const theirs = outcome(() => Y.decodeUpdate(damaged))
      expect('threw' in ours).toBe('threw' in theirs)
      if ('threw' in ours) failures += 1
      else expect(ours.value).toEqual((theirs as { value: unknown }).value)
    }
    // Flips in lengths and type tags must have been among them.
    expect(failures).toBeGreaterThan(100)
  })

  it('applies from what it decoded to the same document as Yjs, and the document holds the values it read', () => {
    const random = seededRandom(99)
    const writer = new Y.Doc()
    const records = openRecordMap(writer)
    const ours = new Y.Doc()
    const theirs = new Y.Doc()
    const updates: Uint8Array[] = []
    writer.on('update', (update: Uint8Array) => updates.push(update))
    for (let step = 0; step < 200; step++) {
      const id = `n${Math.floor(random() * 20)}`
      if (random() < 0.2) records.records.delete(`shape:${id}`)
      else records.records.set(`shape:${id}`, testNote(id, { text: `Idé ${step} ${'ø'.repeat(step % 3)}` }))
    }
    for (const update of updates) {
      const { values } = decodeUpdateOnce(update)
      applyDecoded(ours, update, values, null)
      Y.applyUpdate(theirs, update)
    }
    expect(Y.encodeStateAsUpdate(ours)).toEqual(Y.encodeStateAsUpdate(theirs))
    expect(ours.getArray('records').toJSON()).toEqual(theirs.getArray('records').toJSON())

    // The values the relay read are the objects the document holds.
    records.records.set('shape:last', testNote('last', { text: 'Siste lapp' }))
    const last = updates.at(-1) as Uint8Array
    const { decoded, values } = decodeUpdateOnce(last)
    applyDecoded(ours, last, values, null)
    const inserted = decoded.structs.find((struct): struct is Y.Item => struct instanceof Y.Item && struct.content instanceof Y.ContentAny)
    const read = (inserted?.content as Y.ContentAny | undefined)?.arr[0]
    expect(read).toMatchObject({ key: 'shape:last' })
    expect((ours.getArray('records').toArray() as unknown[]).some((value) => value === read)).toBe(true)
    records.dispose()
  })

  it('measures a value as the bytes lib0 encodes it in', () => {
    const note = testNote('a', { text: 'Torgdag på lørdag' })
    const update = updateWith([note])
    const { decoded } = decodeUpdateOnce(update)
    const struct = decoded.structs[0] as Y.Item
    const decodedNote = (struct.content as Y.ContentAny).arr[0]
    expect(encodedSize(decodedNote)).toBe(encodedSize(structuredClone(note)))
    // A type tag, the length, three bytes.
    expect(encodedSize('abc')).toBe(5)
    // The record inside a records entry is measured from its own bytes, and told apart from others by them.
    const entryUpdate = updateWith([{ key: note.id, val: note }])
    const entry = ((decodeUpdateOnce(entryUpdate).decoded.structs[0] as Y.Item).content as Y.ContentAny).arr[0] as { val: object }
    expect(encodedSize(entry.val)).toBe(encodedSize(structuredClone(note)))
    expect(mayBeEqual(entry.val, structuredClone(note))).toBe(true)
    expect(mayBeEqual(entry.val, { ...note, x: 1 })).toBe(false)
  })

  it('keeps what it knows of a value where nothing that copies, compares, encodes or prints the value sees it', () => {
    const note = testNote('a', { text: 'Torgdag på lørdag' })
    const entry = ((decodeUpdateOnce(updateWith([{ key: note.id, val: note }])).decoded.structs[0] as Y.Item).content as Y.ContentAny).arr[0] as { val: Record<string, unknown> }
    const value = entry.val
    noteValidated(value, note.id)
    expect(encodedSize(value)).toBe(encodedSize(structuredClone(note)))
    expect(validatedAs(value)).toBe(note.id)
    expect(Object.keys(value)).toEqual(Object.keys(note))
    expect(JSON.stringify(value)).toBe(JSON.stringify(note))
    expect(isEqual(value, note)).toBe(true)
    expect(isEqual({ ...value }, note)).toBe(true)
    expect(validatedAs({ ...value })).toBeUndefined()
    const encoder = encoding.createEncoder()
    encoding.writeAny(encoder, value as Parameters<typeof encoding.writeAny>[1])
    expect(encoding.toUint8Array(encoder).length).toBe(encodedSize(note))
    // A frozen value keeps nothing and is measured afresh each time.
    const frozen = Object.freeze(structuredClone(note))
    noteValidated(frozen, note.id)
    expect(validatedAs(frozen)).toBeUndefined()
    expect(encodedSize(frozen)).toBe(encodedSize(note))
  })
})
