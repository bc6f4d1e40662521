import type { TLRecord } from 'tldraw'
import { dotsSpent, voteIsOpen, type Ballot, type DotVote, type DotVoteTally } from '../../../shared/src/schema/dotVoting.ts'
import { type FacilitationState } from '../../../shared/src/schema/facilitation.ts'
import { timerRemainingMs, type FacilitationActor } from '../../../shared/src/schema/facilitationRules.ts'
import { Observable } from '../app/Observable.ts'
import { frameAround, framesOf, voteNoteFrom, type RecordLookup, type VoteFrame } from '../board/voteNotes.ts'
import type { ActOutcome, ActRefusal, LiveRoom, LiveWorkshop } from './LiveWorkshop.ts'

/** What a click on a note does for a participant while a vote is open: give it a dot, or edit the board as usual. */
export type VoteMode = 'vote' | 'edit'

/** What a board page shows of the workshop's dot vote. */
export interface BoardVoteView {
  /** The vote when it is on this board; null without one, or when it is on another step's board. */
  vote: DotVote | null
  /** How far it got, and once revealed its result, as the server counts it. */
  tally: DotVoteTally | null
  /** It takes dots now: open, and not past its step's timer when it ends with it. */
  open: boolean
  /** This person casts dots in it: a participant, while it is open. */
  canVote: boolean
  /** This person's own dots: note id → how many. */
  mine: Ballot
  /** The dots this person has left to cast. */
  left: number
  /** Once revealed: dots per note, most first. */
  results: ReadonlyArray<{ noteId: string; dots: number }> | null
}

/** A dot the rules did not take: why, on which note. */
export interface VoteRefusal {
  reason: ActRefusal
  noteId: string
  /** Counts the refusals, so the page can say a repeated one again. */
  id: number
}

/** The board a vote reads its notes and frames from: tldraw's editor on a board page; tests pass records. */
export interface VoteBoard {
  record: RecordLookup
  /** The shapes of the page the person sees. */
  shapes(): Iterable<TLRecord>
  /** The one selected shape, or null. */
  selectedId(): string | null
}

export interface BoardVoteOptions {
  live: Pick<LiveWorkshop, 'room' | 'now' | 'act'>
  /** The step whose board this page shows. */
  stepId: string
  actor: FacilitationActor
  /** Default setTimeout: to close the vote on screen when its timer runs out. */
  setTimer?: (fn: () => void, ms: number) => () => void
}

/** No vote on this board. */
export const noVoteView: BoardVoteView = { vote: null, tally: null, open: false, canVote: false, mine: {}, left: 0, results: null }

const defaultSetTimer = (fn: () => void, ms: number) => {
  const handle = setTimeout(fn, ms)
  return () => clearTimeout(handle)
}

/**
 * The workshop's dot vote as one board page takes part in it: what the page shows of it (its
 * status, this person's own dots, the result), whether a click on a note votes or edits, and the
 * dots this person casts and takes back, judged here first by the note as this browser's board
 * holds it. The board's records come from the canvas once it is mounted (attachBoard).
 */
export class BoardVote {
  readonly view = new Observable<BoardVoteView>(noVoteView)
  readonly mode: Observable<VoteMode>
  readonly refusal = new Observable<VoteRefusal | null>(null)
  private readonly options: BoardVoteOptions
  private readonly setTimer: (fn: () => void, ms: number) => () => void
  private readonly stopRoom: () => void
  private cancelTimer: (() => void) | null = null
  private board: VoteBoard | null = null
  /** The vote whose opening set the mode, so a new vote starts in voting mode again. */
  private modeVoteId: number | null = null
  private viewKey = ''
  private refusals = 0

  constructor(options: BoardVoteOptions) {
    this.options = options
    this.setTimer = options.setTimer ?? defaultSetTimer
    this.mode = new Observable<VoteMode>(options.actor.role === 'participant' ? 'vote' : 'edit')
    this.stopRoom = options.live.room.subscribe(() => this.update())
    this.update()
  }

  /** The board, from the canvas once it is mounted; returns the detach function. */
  attachBoard(board: VoteBoard): () => void {
    this.board = board
    return () => {
      if (this.board === board) this.board = null
    }
  }

  /** The board's frames a vote can be limited to (none before the canvas is there). */
  frames(): VoteFrame[] {
    return this.board === null ? [] : framesOf(this.board.shapes())
  }

  /** The frame the facilitator has selected, or selected something in; null when none. */
  selectedFrame(): string | null {
    return this.board === null ? null : frameAround(this.board.record, this.board.selectedId())
  }

  setMode(mode: VoteMode): void {
    this.mode.set(this.options.actor.role === 'participant' ? mode : 'edit')
  }

  /** Gives the note one more of this person's dots; a refusal is kept in `refusal` for the page to say. */
  cast(noteId: string): Promise<ActOutcome> {
    const board = this.board
    // Without the board the note cannot be judged here; the server judges it alone.
    const note = board === null ? undefined : (id: string) => voteNoteFrom(board.record, id)
    return this.settle(noteId, this.options.live.act({ type: 'castVote', noteId }, { note }))
  }

  /** Takes one of this person's dots back from the note. */
  uncast(noteId: string): Promise<ActOutcome> {
    return this.settle(noteId, this.options.live.act({ type: 'uncastVote', noteId }))
  }

  destroy(): void {
    this.stopRoom()
    this.cancelTimer?.()
    this.cancelTimer = null
  }

  private async settle(noteId: string, acting: Promise<ActOutcome>): Promise<ActOutcome> {
    const outcome = await acting
    this.refusal.set(outcome.ok ? null : { reason: outcome.reason, noteId, id: ++this.refusals })
    return outcome
  }

  private update(): void {
    this.cancelTimer?.()
    this.cancelTimer = null
    const { live, stepId, actor } = this.options
    const room = live.room.get()
    const next = boardVoteView(room, stepId, actor, live.now())
    const vote = next.vote
    if (vote !== null && vote.status === 'open' && vote.id !== this.modeVoteId) {
      this.modeVoteId = vote.id
      this.setMode('vote')
    }
    if (next.vote === null || !next.open) this.refusal.set(null)
    const key = JSON.stringify(next)
    if (key !== this.viewKey) {
      this.viewKey = key
      this.view.set(next)
    }
    // A vote that ends with its timer closes on every screen when the time is up, with no message from the server.
    const endsAt = next.open && vote?.endsWithTimer ? (room.state?.timers[vote.stepId]?.endsAt ?? null) : null
    if (endsAt !== null) this.cancelTimer = this.setTimer(() => this.update(), Math.max(0, endsAt - live.now()) + 50)
  }
}

/** What the page shows of the room's vote, for the board of `stepId` at the server's time `now`. */
export function boardVoteView(room: Pick<LiveRoom, 'state' | 'voteTally'>, stepId: string, actor: FacilitationActor, now: number): BoardVoteView {
  const state: FacilitationState | null = room.state
  const vote = state?.vote ?? null
  if (state === null || vote === null || vote.stepId !== stepId) return noVoteView
  const timer = state.timers[vote.stepId]
  const open = voteIsOpen(vote, timer === undefined ? null : timerRemainingMs(timer, now))
  const mine = actor.participantId === null ? {} : (vote.ballots[actor.participantId] ?? {})
  return {
    vote,
    tally: room.voteTally,
    open,
    canVote: open && actor.role === 'participant' && actor.participantId !== null,
    mine,
    left: Math.max(0, vote.budget - dotsSpent(mine)),
    results: vote.status === 'revealed' ? (room.voteTally?.results ?? []) : null,
  }
}
