// Reactions on a sticky note, owned here and nowhere else: which reactions there are, how they sit
// on a note's record in the board document, and how to read and change them. The board's rules
// (boardRules.ts), the browser's reaction bar and the board reader all use this module.
//
// A note's reactions are `meta.reactions` on its record: for each reaction someone gave, the ids of
// the people who gave it, in the order they reacted:
//
//   meta: { createdBy: 'p1', reactions: { like: ['p2', 'p3'], idea: ['p1'] } }
//
// A reaction nobody gives is left out, and a note without reactions has no `reactions` key.
import type { TLNoteShape, TLRecord } from '@tldraw/tlschema'
import { isEqual } from '@tldraw/utils'
import { z } from 'zod'

/** The reactions a note can get, in the order they are offered. The ids are stored; never rename one. */
export const NoteReaction = z.enum(['like', 'love', 'idea', 'question', 'celebrate'])
export type NoteReaction = z.infer<typeof NoteReaction>

/** The reactions in the order the reaction bar offers them. */
export const noteReactions: readonly NoteReaction[] = NoteReaction.options

/** How each reaction looks (its name in words is in the client's catalogues, `reactions.<id>`). */
export const reactionEmoji: Readonly<Record<NoteReaction, string>> = {
  like: '👍',
  love: '❤️',
  idea: '💡',
  question: '❓',
  celebrate: '🎉',
}

/** The meta key of a note's reactions. */
export const reactionsMetaKey = 'reactions'

/** A person id as sessions and devices make them (see shared/src/protocol/boardId.ts and LocalUser). */
const ReactorId = z.string().min(1).max(64)

/** Who gave each reaction: known reactions only, each person at most once per reaction. */
export const NoteReactions = z.partialRecord(
  NoteReaction,
  z.array(ReactorId).refine((ids) => new Set(ids).size === ids.length, { message: 'A person reacts at most once.' }),
)
export type NoteReactions = z.infer<typeof NoteReactions>

/** The raw value under `meta.reactions` of a record, or undefined when it has none. */
export function rawReactionsOf(record: TLRecord | undefined): unknown {
  const meta = (record as { meta?: Record<string, unknown> } | undefined)?.meta
  return meta?.[reactionsMetaKey]
}

/**
 * A note's reactions, or null when `meta.reactions` is there but not valid ({@link NoteReactions}).
 * A record without reactions has none: `{}`.
 */
export function parseReactions(record: TLRecord | undefined): NoteReactions | null {
  const raw = rawReactionsOf(record)
  if (raw === undefined) return {}
  const parsed = NoteReactions.safeParse(raw)
  return parsed.success ? parsed.data : null
}

/** A note's reactions as far as they are valid (invalid ones read as none): for showing and counting. */
export function reactionsOf(record: TLRecord | undefined): NoteReactions {
  return parseReactions(record) ?? {}
}

/**
 * How many people gave each reaction, in the order reactions are offered, leaving out those nobody gave.
 * @example reactionCounts(note) // { like: 3, idea: 1 }
 */
export function reactionCounts(record: TLRecord | undefined): Partial<Record<NoteReaction, number>> {
  const reactions = reactionsOf(record)
  const counts: Partial<Record<NoteReaction, number>> = {}
  for (const reaction of noteReactions) {
    const count = reactions[reaction]?.length ?? 0
    if (count > 0) counts[reaction] = count
  }
  return counts
}

/** Whether `personId` gave `reaction` to the note. */
export function hasReacted(record: TLRecord | undefined, reaction: NoteReaction, personId: string): boolean {
  return reactionsOf(record)[reaction]?.includes(personId) ?? false
}

/** `note` with `reactions` as its reactions, in the stored form: reactions nobody gives left out, no key when none. */
export function withReactions<R extends TLRecord>(note: R, reactions: NoteReactions): R {
  const tidy: NoteReactions = {}
  for (const reaction of noteReactions) {
    const ids = reactions[reaction]
    if (ids !== undefined && ids.length > 0) tidy[reaction] = ids
  }
  const { [reactionsMetaKey]: _old, ...meta } = (note.meta ?? {}) as Record<string, unknown>
  return { ...note, meta: Object.keys(tidy).length === 0 ? meta : { ...meta, [reactionsMetaKey]: tidy } } as R
}

/**
 * `note` with `personId`'s `reaction` given (`on`) or taken back; everyone else's stay as they are.
 * @example withReaction(note, 'like', person.id, !hasReacted(note, 'like', person.id))
 */
export function withReaction(note: TLNoteShape, reaction: NoteReaction, personId: string, on: boolean): TLNoteShape {
  const reactions = { ...reactionsOf(note) }
  const given = reactions[reaction] ?? []
  if (given.includes(personId) === on) return withReactions(note, reactions)
  reactions[reaction] = on ? [...given, personId] : given.filter((id) => id !== personId)
  return withReactions(note, reactions)
}

/**
 * `base` with `personId`'s reactions as `source` has them and everyone else's as `base` has them:
 * a person's reactions put on top of a note as it is now.
 */
export function withOwnReactions<R extends TLRecord>(base: R, source: TLRecord | undefined, personId: string): R {
  const current = reactionsOf(base)
  const wanted = reactionsOf(source)
  const merged: NoteReactions = {}
  for (const reaction of noteReactions) {
    const given = current[reaction] ?? []
    const on = wanted[reaction]?.includes(personId) === true
    merged[reaction] = given.includes(personId) === on ? given : on ? [...given, personId] : given.filter((id) => id !== personId)
  }
  return withReactions(base, merged)
}

/** The people whose reactions differ between two notes' reactions (added or taken back, any reaction). */
export function changedReactors(before: NoteReactions, after: NoteReactions): Set<string> {
  const changed = new Set<string>()
  for (const reaction of noteReactions) {
    const was = new Set(before[reaction] ?? [])
    const is = new Set(after[reaction] ?? [])
    for (const id of is) if (!was.has(id)) changed.add(id)
    for (const id of was) if (!is.has(id)) changed.add(id)
  }
  return changed
}

/** True when two records hold the same reactions, as written (both none included). */
export function sameReactions(a: TLRecord | undefined, b: TLRecord | undefined): boolean {
  return isEqual(rawReactionsOf(a), rawReactionsOf(b))
}

/** True when a note changes only in its reactions (a change of nothing at all is not one). */
export function isReactionOnlyChange(before: TLRecord | undefined, after: TLRecord | undefined): boolean {
  if (before?.typeName !== 'shape' || after?.typeName !== 'shape' || before.type !== 'note' || after.type !== 'note') return false
  if (sameReactions(before, after)) return false
  return isEqual(withReactions(before, {}), withReactions(after, {}))
}
