/**
 * What the relay's authority costs per update: for the edits a participant makes on a board of
 * 500 notes (typing into a note, moving one, adding one, pasting 100, dragging 20), the time the
 * relay spends deciding on an update (decoding it, reading the records it changes, checking the
 * client ids, validating every record and applying the board's rules) and applying it to its
 * document (with the record index and the soundness check), against Yjs applying the same update
 * to a plain document: the floor any relay that keeps the board pays.
 *
 * In process, through the relay's own classes (RoomDocument, BoardAuthority), so the figure is
 * CPU time on the relay's code path and nothing else: no socket, no storage.
 */
import { pino } from 'pino'
import * as Y from 'yjs'
import { toRichText, type TLNoteShape } from '@tldraw/tlschema'
import { openRecordMap, type RecordMap } from '../../shared/src/board/boardDoc.ts'
import { createdByMetaKey } from '../../shared/src/board/boardRules.ts'
import { BoardAuthority } from '../../server/src/relay/boardAuthority.ts'
import type { BoardGrant } from '../../server/src/relay/boardAccess.ts'
import { ClientOwners } from '../../server/src/relay/clientOwners.ts'
import { RoomDocument } from '../../server/src/relay/roomDocument.ts'
import { benchNote, noteBoardRecords } from './boardSeed.ts'
import { summarize, type LatencySummary } from './lib/stats.ts'

export interface ValidationOptions {
  /** Notes already on the board (other people's). */
  boardNotes: number
  /** Updates per kind of edit, after as many again to warm up. */
  updates: number
}

export const defaultValidationOptions: ValidationOptions = { boardNotes: 500, updates: 1500 }

export interface EditCost {
  edit: string
  /** Records each update writes. */
  records: number
  updates: number
  meanBytes: number
  /** Deciding on the update (µs). */
  decide: LatencySummary
  /** Applying it to the relay's document: Yjs, the record index and the soundness check (µs). */
  apply: LatencySummary
  /** Yjs applying it to a plain document (µs): the floor. */
  plainApply: LatencySummary
}

export interface ValidationReport {
  options: ValidationOptions
  edits: EditCost[]
}

const person = { id: 'bench-person', name: 'Bench', color: '#4263eb' }
const grant: BoardGrant = {
  kind: 'granted',
  role: 'participant',
  workshopId: 'bench-workshop',
  stepBoardId: null,
  privateBoard: false,
  sessionIdHash: null,
  linkId: null,
  sessionExpiresAt: null,
  person,
}

/** A participant's copy of the board, making edits as tldraw's binding writes them: one transaction per change. */
class ParticipantCopy {
  readonly doc = new Y.Doc()
  readonly #records: RecordMap
  #last: Uint8Array | null = null
  #made = 0

  constructor(state: Uint8Array) {
    Y.applyUpdate(this.doc, state)
    this.#records = openRecordMap(this.doc)
    this.doc.on('update', (update: Uint8Array) => {
      this.#last = update
    })
  }

  /** A new note of this person's. */
  newNote(): TLNoteShape {
    const note = benchNote(`own-${this.#made}`, this.#made)
    this.#made += 1
    return { ...note, meta: { [createdByMetaKey]: person.id } }
  }

  /** Writes `notes` in one transaction and returns the update it made. */
  write(notes: readonly TLNoteShape[]): Uint8Array {
    this.doc.transact(() => {
      for (const note of notes) this.#records.records.set(note.id, note)
    })
    const update = this.#last
    this.#last = null
    if (update === null) throw new Error('the edit made no update')
    return update
  }
}

/** The relay's side: its document and authority, and a plain document for the floor. */
class RelaySide {
  readonly document: RoomDocument
  readonly #authority: BoardAuthority
  readonly #plain = new Y.Doc()

  constructor(state: Uint8Array) {
    this.document = new RoomDocument({ snapshot: state, updates: [] }, pino({ level: 'silent' }))
    this.#authority = new BoardAuthority(this.document, new ClientOwners(new Map()), {
      links: { ownOrigin: 'http://127.0.0.1', embedHosts: [] },
      personShareBytes: 1 << 30,
    })
    Y.applyUpdate(this.#plain, state)
  }

  /** Takes one update as the relay does; returns the three times in µs. */
  take(update: Uint8Array): { decide: number; apply: number; plainApply: number } {
    const t0 = process.hrtime.bigint()
    const decision = this.#authority.decide(grant, update)
    const t1 = process.hrtime.bigint()
    if (decision.kind !== 'allowed') throw new Error(`the relay refused an honest edit (reason ${decision.reason})`)
    const result = this.document.apply(update, null)
    const t2 = process.hrtime.bigint()
    if (result.kind !== 'applied') throw new Error(`an honest edit did not apply (${result.kind})`)
    for (const clientId of decision.claims) this.#authority.owners.claim(clientId, decision.owner)
    Y.applyUpdate(this.#plain, update)
    const t3 = process.hrtime.bigint()
    return { decide: Number(t1 - t0) / 1000, apply: Number(t2 - t1) / 1000, plainApply: Number(t3 - t2) / 1000 }
  }
}

interface Edit {
  name: string
  records: number
  /** Sets up what the edit works on (sent to the relay too); returns the edit itself. */
  prepare(copy: ParticipantCopy, relay: RelaySide): (copy: ParticipantCopy, step: number) => Uint8Array
}

const moved = (note: TLNoteShape, step: number): TLNoteShape => ({ ...note, x: note.x + (step % 7) * 3, y: note.y + (step % 5) * 3 })

function ownNotes(copy: ParticipantCopy, relay: RelaySide, count: number): TLNoteShape[] {
  const notes = Array.from({ length: count }, () => copy.newNote())
  relay.take(copy.write(notes))
  return notes
}

const edits: Edit[] = [
  {
    name: 'type a character into a note',
    records: 1,
    prepare(copy, relay) {
      const [note] = ownNotes(copy, relay, 1) as [TLNoteShape]
      return (own, step) => own.write([{ ...note, props: { ...note.props, richText: toRichText(`Idé ${'x'.repeat(step % 60)}`) } }])
    },
  },
  {
    name: 'move a note (one frame of a drag)',
    records: 1,
    prepare(copy, relay) {
      const [note] = ownNotes(copy, relay, 1) as [TLNoteShape]
      return (own, step) => own.write([moved(note, step)])
    },
  },
  { name: 'add a note', records: 1, prepare: () => (own) => own.write([own.newNote()]) },
  {
    name: 'move 20 notes (one frame of a drag)',
    records: 20,
    prepare(copy, relay) {
      const notes = ownNotes(copy, relay, 20)
      return (own, step) => own.write(notes.map((note) => moved(note, step)))
    },
  },
  {
    name: 'paste 100 notes',
    records: 100,
    prepare: () => (own) => own.write(Array.from({ length: 100 }, () => own.newNote())),
  },
]

function measureEdit(edit: Edit, state: Uint8Array, options: ValidationOptions): EditCost {
  const copy = new ParticipantCopy(state)
  const relay = new RelaySide(state)
  try {
    const make = edit.prepare(copy, relay)
    // Pasting 100 notes 800 times would make a board of 80,000 notes: fewer of the big ones.
    const updates = Math.max(20, Math.round(options.updates / edit.records ** 0.5))
    for (let step = 0; step < updates; step++) relay.take(make(copy, step))
    const decide: number[] = []
    const apply: number[] = []
    const plainApply: number[] = []
    let bytes = 0
    for (let step = 0; step < updates; step++) {
      const update = make(copy, updates + step)
      bytes += update.length
      const times = relay.take(update)
      decide.push(times.decide)
      apply.push(times.apply)
      plainApply.push(times.plainApply)
    }
    return {
      edit: edit.name,
      records: edit.records,
      updates,
      meanBytes: bytes / updates,
      decide: summarize(decide),
      apply: summarize(apply),
      plainApply: summarize(plainApply),
    }
  } finally {
    relay.document.destroy()
    copy.doc.destroy()
  }
}

export function runValidationBench(log: (line: string) => void, options: ValidationOptions = defaultValidationOptions): ValidationReport {
  log(`Validation: a participant's edits on a board of ${options.boardNotes} notes, ${options.updates} updates per kind, in process`)
  const board = new Y.Doc()
  const map = openRecordMap(board)
  board.transact(() => {
    for (const record of noteBoardRecords(options.boardNotes)) map.records.set(record.id, record)
  })
  map.dispose()
  const state = Y.encodeStateAsUpdate(board)
  board.destroy()
  const costs = edits.map((edit) => measureEdit(edit, state, options))
  for (const cost of costs) {
    log(`  ${cost.edit}: decide p50 ${cost.decide.p50.toFixed(1)} µs, apply ${cost.apply.p50.toFixed(1)} µs (plain ${cost.plainApply.p50.toFixed(1)} µs)`)
  }
  return { options, edits: costs }
}
