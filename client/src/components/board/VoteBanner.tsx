import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditor, type Editor, type TLFrameShape, type TLShapeId } from 'tldraw'
import type { DotVote } from '../../../../shared/src/schema/dotVoting.ts'
import { useObservable } from '../../hooks/useObservable.ts'
import { useVoteProgress } from '../../hooks/useVoteProgress.ts'
import type { ActRefusal } from '../../workshop/LiveWorkshop.ts'
import type { BoardVote, BoardVoteView, VoteMode } from '../../workshop/BoardVote.ts'
import { LiveAnnouncer } from '../LiveAnnouncer.tsx'
import { VoteResultList } from './VoteResultList.tsx'

/** What each refusal of a dot says; anything else says the dot was not counted. */
const refusalKey = {
  one_per_note: 'vote.refusedOnePerNote',
  no_dots_left: 'vote.refusedNoDotsLeft',
  own_note: 'vote.refusedOwnNote',
  outside_frame: 'vote.refusedOutsideFrame',
  vote_closed: 'vote.refusedVoteClosed',
  no_dot_here: 'vote.refusedNoDotHere',
  not_a_note: 'vote.refusedNotANote',
} as const satisfies Partial<Record<ActRefusal, string>>

function refusalText(reason: ActRefusal): (typeof refusalKey)[keyof typeof refusalKey] | 'vote.refusedFailed' {
  return reason in refusalKey ? refusalKey[reason as keyof typeof refusalKey] : 'vote.refusedFailed'
}

/** The title of a frame on the board, or the words for an untitled one. */
function frameName(editor: Editor, frameId: string, untitled: string): string {
  const frame = editor.getShape(frameId as TLShapeId)
  const name = frame?.type === 'frame' ? (frame as TLFrameShape).props.name.trim() : ''
  return name === '' ? untitled : name
}

export interface VoteBannerProps {
  vote: BoardVote
  view: BoardVoteView
  /** The vote on this board (the view's). */
  current: DotVote
  mode: VoteMode
}

/**
 * The vote as everyone on its board sees it, over the top of the canvas: what is going on, how far
 * it got, the vote's rules; for a participant while it is open their dots left (read out as they
 * change), the switch between voting and editing, and why a dot was refused; once revealed, the
 * ranked result. Folds to its first lines, so it covers little of a phone's board.
 */
export function VoteBanner({ vote, view, current, mode }: VoteBannerProps) {
  const { t } = useTranslation()
  const editor = useEditor()
  const headingId = useId()
  const progress = useVoteProgress()
  const [expanded, setExpanded] = useState(true)
  const refusal = useObservable(vote.refusal)
  const announcement = useStatusAnnouncement(view, current.id)
  const { budget, frameId, manyPerNote, ownNotes } = current
  const frame = frameId === null ? null : frameName(editor, frameId, t('vote.unnamedFrame'))
  const revealed = view.results !== null
  const title = revealed
    ? t('vote.statusRevealed')
    : !view.open
      ? t('vote.statusEnded')
      : view.canVote
        ? t(mode === 'vote' ? 'vote.statusVoting' : 'vote.statusEditing')
        : t('vote.statusOpen')
  return (
    <section className="vote-banner" aria-labelledby={headingId} data-testid="vote-banner" data-status={revealed ? 'revealed' : view.open ? 'open' : 'ended'}>
      <div className="vote-banner__head">
        <h2 id={headingId} className="vote-banner__title">
          {title}
        </h2>
        <button type="button" className="vote-banner__fold" aria-expanded={expanded} onClick={() => setExpanded((shown) => !shown)}>
          {expanded ? t('vote.hide') : t('vote.show')}
        </button>
      </div>
      {view.canVote ? (
        <div className="vote-banner__row">
          <p className="vote-banner__left" role="status" data-testid="vote-left">
            {t('vote.left', { left: view.left, count: budget })}
          </p>
          <div className="vote-banner__mode" role="group" aria-label={t('vote.mode')}>
            {(['vote', 'edit'] as const).map((option) => (
              <button
                key={option}
                type="button"
                className="vote-banner__mode-button"
                aria-pressed={mode === option}
                data-testid={`vote-mode-${option}`}
                onClick={() => vote.setMode(option)}
              >
                {t(option === 'vote' ? 'vote.modeVote' : 'vote.modeEdit')}
              </button>
            ))}
          </div>
        </div>
      ) : (
        !revealed && (
          <p className="vote-banner__progress" data-testid="vote-progress">
            {progress(view.tally)}
          </p>
        )
      )}
      {refusal !== null && (
        <p key={refusal.id} className="vote-banner__refusal" role="alert" data-testid="vote-refusal">
          {t(refusalText(refusal.reason), { frame: frame ?? '' })}
        </p>
      )}
      {expanded && view.open && (
        <ul className="vote-banner__rules">
          <li>{t(manyPerNote ? 'vote.rulesManyPerNote' : 'vote.rulesOnePerNote')}</li>
          {!ownNotes && <li>{t('vote.rulesNotOwn')}</li>}
          {frame !== null && <li>{t('vote.rulesFrame', { frame })}</li>}
          {view.canVote && <li>{t('vote.rulesTakeBack')}</li>}
        </ul>
      )}
      {expanded && view.results !== null && <VoteResultList results={view.results} />}
      <LiveAnnouncer message={announcement} />
    </section>
  )
}

/** Reads out that the vote started, ended or was revealed, as it happens while the page is open. */
function useStatusAnnouncement(view: BoardVoteView, voteId: number): string {
  const { t } = useTranslation()
  const [message, setMessage] = useState('')
  const phase = view.results !== null ? 'revealed' : view.open ? 'open' : 'ended'
  const key = `${voteId}:${phase}`
  const previous = useRef(key)
  useEffect(() => {
    if (previous.current === key) return
    previous.current = key
    setMessage(t(phase === 'revealed' ? 'vote.announceRevealed' : phase === 'open' ? 'vote.announceStarted' : 'vote.announceEnded'))
  }, [key, phase, t])
  return message
}
