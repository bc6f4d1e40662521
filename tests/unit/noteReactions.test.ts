import { atom, createTLStore, defaultBindingUtils, defaultShapeUtils, type TLNoteShape, type TLRecord } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { BoardRuleGuard } from '../../client/src/board/BoardRuleGuard.ts'
import type { BoardMode } from '../../shared/src/board/boardMode.ts'
import { refusalOf, type BoardActor, type RuleContext } from '../../shared/src/board/boardRules.ts'
import {
  isReactionOnlyChange,
  NoteReactions,
  parseReactions,
  reactionCounts,
  withOwnReactions,
  withReaction,
  withReactions,
} from '../../shared/src/board/noteReactions.ts'
import { UpdateRejection } from '../../shared/src/protocol/messages.ts'
import { testNote } from '../helpers/testRecords.ts'

// Reactions on notes as one shared format and one rule ([B16] in server/src/relay/SPEC.md), tried
// without a network: the validator, the helpers that change reactions, the rule for each role and
// mode, and the browser's guard keeping everyone else's reactions when a change is made on an older copy.

const ada: BoardActor = { role: 'participant', person: { id: 'ada', name: 'Ada', color: '#175CD3' } }
const kari: BoardActor = { role: 'facilitator', person: { id: 'kari', name: 'Kari', color: '#067647' } }
const anonymous: BoardActor = { role: 'participant', person: null }

/** Bo's note, with the reactions given. */
function bosNote(reactions?: unknown, options: { locked?: boolean } = {}): TLNoteShape {
  const note = testNote('shape:bos', { text: 'Torgdag hver lørdag', createdBy: 'bo' })
  return { ...note, isLocked: options.locked ?? false, meta: reactions === undefined ? note.meta : { ...note.meta, reactions } } as TLNoteShape
}

function context(actor: BoardActor, mode: BoardMode = 'open'): RuleContext {
  const none = () => undefined
  return { actor, mode, links: { ownOrigin: 'http://127.0.0.1', embedHosts: [] }, before: none, after: none }
}

function judged(actor: BoardActor, before: TLRecord | undefined, after: TLRecord | undefined, mode: BoardMode = 'open') {
  return refusalOf(context(actor, mode), (after ?? before)?.id ?? 'shape:x', before, after)
}

describe('the reactions format', () => {
  it('[B16] accepts known reactions with each person once, and nothing else', () => {
    expect(NoteReactions.safeParse({ like: ['ada', 'bo'], idea: [] }).success).toBe(true)
    expect(NoteReactions.safeParse({}).success).toBe(true)
    for (const bad of [{ thumbsDown: ['ada'] }, { like: ['ada', 'ada'] }, { like: 'ada' }, { like: [42] }, { like: [''] }, { like: ['x'.repeat(65)] }, [], null, 'like']) {
      expect(NoteReactions.safeParse(bad).success, JSON.stringify(bad)).toBe(false)
    }
    expect(parseReactions(bosNote({ like: ['ada', 'ada'] }))).toBeNull()
    expect(parseReactions(bosNote())).toEqual({})
  })

  it('gives and takes back one person’s reaction, keeps the stored form tidy, and counts', () => {
    const liked = withReaction(bosNote(), 'like', 'ada', true)
    expect(liked.meta).toEqual({ createdBy: 'bo', reactions: { like: ['ada'] } })
    const both = withReaction(withReaction(liked, 'like', 'cleo', true), 'idea', 'ada', true)
    expect(reactionCounts(both)).toEqual({ like: 2, idea: 1 })
    // Giving twice is giving once; taking back the last one leaves no key behind.
    expect(withReaction(both, 'like', 'ada', true).meta).toEqual(both.meta)
    const none = withReaction(withReaction(withReaction(both, 'like', 'ada', false), 'like', 'cleo', false), 'idea', 'ada', false)
    expect(none.meta).toEqual({ createdBy: 'bo' })
    expect(reactionCounts(bosNote({ like: 'broken' }))).toEqual({})
  })

  it('puts one person’s reactions on top of a note as it is now', () => {
    const now = bosNote({ like: ['cleo'], love: ['ada'] })
    const theirs = bosNote({ like: ['ada'] })
    expect(withOwnReactions(now, theirs, 'ada').meta.reactions).toEqual({ like: ['cleo', 'ada'] })
    expect(isReactionOnlyChange(bosNote(), theirs)).toBe(true)
    expect(isReactionOnlyChange(bosNote(), { ...theirs, x: 5 })).toBe(false)
    expect(isReactionOnlyChange(theirs, theirs)).toBe(false)
  })
})

describe('[B16] who may react', () => {
  it('[B16] lets a participant give and take back their own reaction on anyone’s note, a locked one too, but not in a frozen board', () => {
    for (const locked of [false, true]) {
      const note = bosNote({ like: ['bo'] }, { locked })
      const reacted = withReaction(note, 'like', 'ada', true)
      for (const mode of ['open', 'add-only'] as const) {
        expect(judged(ada, note, reacted, mode)).toBeNull()
        expect(judged(ada, reacted, note, mode)).toBeNull()
      }
      expect(judged(ada, note, reacted, 'frozen')).toBe(UpdateRejection.frozen)
      expect(judged(kari, note, withReaction(note, 'idea', 'kari', true), 'frozen')).toBeNull()
    }
  })

  it('[B16] refuses anyone else’s reaction, an unknown one, a person twice, reactions off notes, and other changes riding along', () => {
    const note = bosNote({ like: ['bo'] })
    const cases: Array<[BoardActor, TLRecord, UpdateRejection]> = [
      [ada, withReaction(note, 'like', 'cleo', true), UpdateRejection.reaction],
      [ada, withReaction(note, 'like', 'bo', false), UpdateRejection.reaction],
      [kari, withReaction(note, 'idea', 'bo', true), UpdateRejection.reaction],
      [ada, bosNote({ like: ['bo'], thumbsDown: ['ada'] }), UpdateRejection.reaction],
      [ada, bosNote({ like: ['bo', 'ada', 'ada'] }), UpdateRejection.reaction],
    ]
    for (const [actor, after, reason] of cases) expect(judged(actor, note, after), JSON.stringify(after.meta)).toBe(reason)
    // Moving Bo's note while reacting is an edit of it: in add-only mode, not Ada's to make.
    expect(judged(ada, note, { ...withReaction(note, 'like', 'ada', true), x: 40 }, 'add-only')).toBe(UpdateRejection.notOwn)
    const frame = { ...testNote('shape:frame'), type: 'frame', props: { w: 10, h: 10, name: '', color: 'black' }, meta: { reactions: { like: ['kari'] } } } as unknown as TLRecord
    expect(judged(kari, undefined, frame)).toBe(UpdateRejection.reaction)
  })

  it('[B16] lets a participant create a note with only their own reactions, and a facilitator put one back as it was', () => {
    expect(judged(ada, undefined, { ...bosNote({ like: ['bo'] }), meta: { createdBy: 'ada', reactions: { like: ['bo'] } } })).toBe(UpdateRejection.reaction)
    expect(judged(ada, undefined, { ...bosNote(), meta: { createdBy: 'ada', reactions: { like: ['ada'] } } })).toBeNull()
    expect(judged(kari, undefined, bosNote({ like: ['bo', 'ada'] }))).toBeNull()
  })

  it('[B16] without a session, checks only that reactions are valid, and a reaction is an edit of the note', () => {
    const note = bosNote({ like: ['bo'] })
    expect(judged(anonymous, note, withReaction(note, 'like', 'anyone', true))).toBeNull()
    expect(judged(anonymous, note, bosNote({ like: ['bo', 'bo'] }))).toBe(UpdateRejection.reaction)
    expect(judged(anonymous, note, withReaction(note, 'like', 'anyone', true), 'add-only')).toBe(UpdateRejection.notOwn)
  })
})

describe('the browser’s guard and reactions', () => {
  function guarded(actor: BoardActor) {
    const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
    const refused: UpdateRejection[] = []
    const guard = new BoardRuleGuard({
      store,
      actor,
      mode: atom<BoardMode>('mode', 'add-only'),
      links: { ownOrigin: 'http://127.0.0.1', embedHosts: [] },
      onRefused: (reason) => refused.push(reason),
    })
    store.mergeRemoteChanges(() => store.put([bosNote({ like: ['bo'] })]))
    const current = () => store.get('shape:bos' as TLNoteShape['id']) as TLNoteShape
    return { store, refused, guard, current }
  }

  it('keeps reactions others gave meanwhile when a person reacts on an older copy of the note', () => {
    const { store, refused, current } = guarded(ada)
    const older = current()
    store.mergeRemoteChanges(() => store.put([withReaction(current(), 'idea', 'cleo', true)]))
    store.put([withReaction(older, 'like', 'ada', true)])
    expect(refused).toEqual([])
    expect(current().meta.reactions).toEqual({ like: ['bo', 'ada'], idea: ['cleo'] })
  })

  it('keeps every reaction when a note is changed otherwise (an undo, a move), and strips others’ from a participant’s new note', () => {
    const { store, current } = guarded(kari)
    const older = withReactions(current(), {})
    store.mergeRemoteChanges(() => store.put([withReaction(current(), 'idea', 'cleo', true)]))
    store.put([{ ...older, x: 99 }])
    expect(current().x).toBe(99)
    expect(current().meta.reactions).toEqual({ like: ['bo'], idea: ['cleo'] })

    const participant = guarded(ada)
    const pasted = { ...bosNote({ like: ['bo', 'ada'] }), id: 'shape:pasted' as TLNoteShape['id'], meta: { reactions: { like: ['bo', 'ada'] } } }
    participant.store.put([pasted])
    expect(participant.store.get(pasted.id)?.meta).toEqual({ createdBy: 'ada', reactions: { like: ['ada'] } })
  })
})
