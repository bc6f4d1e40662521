import { z } from 'zod'
import { EntityId } from './entityId.ts'

// Dot voting on a step's board: the facilitator sets the budget and what may be voted on, each
// participant spends dots on notes, and nobody sees anyone else's dots until the facilitator
// reveals the result. The server keeps every ballot and decides every dot.

const shapeIdPattern = /^shape:[\w.:-]{1,200}$/

/**
 * A tldraw shape id, e.g. `shape:abc`. Checked by a refinement rather than a pattern, so the
 * public API description names no board's internals.
 */
export const ShapeId = z.string().refine((id) => shapeIdPattern.test(id), 'Expected the id of a note or frame on the board.')

export const DotVoteSettings = z.strictObject({
  stepId: EntityId,
  /** Only notes in this frame count; null: every note on the board. */
  frameId: ShapeId.nullable(),
  /** Dots each participant has. */
  budget: z.int().min(1).max(20),
  /** Whether one person may give one note more than one dot. */
  manyPerNote: z.boolean(),
  /** Whether people may vote on notes they wrote themselves. */
  ownNotes: z.boolean(),
  /** Whether the vote ends when the step's timer runs out (otherwise only by hand). */
  endsWithTimer: z.boolean(),
})
export type DotVoteSettings = z.infer<typeof DotVoteSettings>

export const DotVoteStatus = z.enum(['open', 'ended', 'revealed'])
export type DotVoteStatus = z.infer<typeof DotVoteStatus>

/** One participant's dots: note id → how many. */
export const Ballot = z.record(ShapeId, z.int().min(1).max(20))
export type Ballot = z.infer<typeof Ballot>

export const DotVote = z.strictObject({
  ...DotVoteSettings.shape,
  /** Each vote of a workshop gets the next id. */
  id: z.int().min(1),
  status: DotVoteStatus,
  startedAt: z.int(),
  endedAt: z.int().nullable(),
  /** By participant id. Sent to nobody but the voter until the reveal; then only as counts. */
  ballots: z.record(z.string(), Ballot),
  /** Whether the result was written onto the board's notes. */
  kept: z.boolean(),
})
export type DotVote = z.infer<typeof DotVote>

/** What the server knows of a note someone votes on, read from the board. */
export interface VoteNote {
  /** The person id of whoever created it, or null (a template's note). */
  creatorId: string | null
  /** The shapes it sits in, innermost first (its frame among them when it is in one). */
  ancestorIds: readonly string[]
}

export const DotVoteRefusal = z.enum([
  /** There is no vote open (none started, ended by hand, or its timer ran out). */
  'vote_closed',
  /** Not a note of the vote's board. */
  'not_a_note',
  /** The note lies outside the vote's frame. */
  'outside_frame',
  /** People may not vote on their own notes in this vote. */
  'own_note',
  /** One dot per note in this vote. */
  'one_per_note',
  /** Every dot is spent. */
  'no_dots_left',
  /** There is no dot of this person's on the note to take back. */
  'no_dot_here',
  /** There is no vote to end, reveal or keep in that state. */
  'vote_state',
])
export type DotVoteRefusal = z.infer<typeof DotVoteRefusal>

/** Dots a ballot has spent. */
export function dotsSpent(ballot: Ballot | undefined): number {
  return Object.values(ballot ?? {}).reduce((sum, count) => sum + count, 0)
}

/** Whether the vote takes dots at `now`: open, and not past its timer's end when it ends with the timer. */
export function voteIsOpen(vote: DotVote | null, timerRemaining: number | null): vote is DotVote {
  if (vote === null || vote.status !== 'open') return false
  return !(vote.endsWithTimer && timerRemaining === 0)
}

/** Why `participantId` may not give `noteId` another dot, or null. */
export function castRefusal(vote: DotVote, participantId: string, noteId: string, note: VoteNote | null): DotVoteRefusal | null {
  if (note === null) return 'not_a_note'
  if (vote.frameId !== null && !note.ancestorIds.includes(vote.frameId)) return 'outside_frame'
  if (!vote.ownNotes && note.creatorId === participantId) return 'own_note'
  const ballot = vote.ballots[participantId]
  if (!vote.manyPerNote && (ballot?.[noteId] ?? 0) >= 1) return 'one_per_note'
  if (dotsSpent(ballot) >= vote.budget) return 'no_dots_left'
  return null
}

/** The ballot with one more (or, with `delta` -1, one fewer) dot on the note. */
export function changedBallot(ballot: Ballot | undefined, noteId: string, delta: 1 | -1): Ballot {
  const next = { ...ballot, [noteId]: (ballot?.[noteId] ?? 0) + delta }
  if ((next[noteId] ?? 0) <= 0) delete next[noteId]
  return next
}

/** Dots per note over every ballot, most dots first (ties by note id, so every screen ranks alike). */
export function voteResults(vote: DotVote): Array<{ noteId: string; dots: number }> {
  const totals = new Map<string, number>()
  for (const ballot of Object.values(vote.ballots)) {
    for (const [noteId, count] of Object.entries(ballot)) totals.set(noteId, (totals.get(noteId) ?? 0) + count)
  }
  return [...totals]
    .map(([noteId, dots]) => ({ noteId, dots }))
    .sort((a, b) => b.dots - a.dots || (a.noteId < b.noteId ? -1 : a.noteId > b.noteId ? 1 : 0))
}

/** What a viewer may know of a vote beyond their own ballot: how far it got and, once revealed, the result. */
export const DotVoteTally = z.strictObject({
  /** Dots cast so far, over everyone. */
  dots: z.int().min(0),
  /** People who cast at least one. */
  voters: z.int().min(0),
  /** Once revealed: dots per note, most first. */
  results: z.array(z.strictObject({ noteId: ShapeId, dots: z.int().min(1) })).nullable(),
})
export type DotVoteTally = z.infer<typeof DotVoteTally>

/** The vote as `participantId` may see it (their own ballot only; null for facilitators and observers), and its tally. */
export function voteForViewer(vote: DotVote, participantId: string | null): { vote: DotVote; tally: DotVoteTally } {
  const ballots = Object.values(vote.ballots).filter((ballot) => dotsSpent(ballot) > 0)
  const own = participantId === null ? undefined : vote.ballots[participantId]
  return {
    vote: { ...vote, ballots: own === undefined || participantId === null ? {} : { [participantId]: own } },
    tally: {
      dots: ballots.reduce((sum, ballot) => sum + dotsSpent(ballot), 0),
      voters: ballots.length,
      results: vote.status === 'revealed' ? voteResults(vote) : null,
    },
  }
}

/**
 * The note meta key a kept result is written under (dots the note got), by the server only: the
 * board rules refuse it from anyone else, so the challenge description can trust it.
 */
export const dotVotesMetaKey = 'dotVotes'
