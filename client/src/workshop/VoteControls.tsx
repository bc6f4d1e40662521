import { useContext, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { voteIsOpen } from '../../../shared/src/schema/dotVoting.ts'
import { type FacilitationState } from '../../../shared/src/schema/facilitation.ts'
import { mayTake, timerRemainingMs } from '../../../shared/src/schema/facilitationRules.ts'
import { BoardVoteContext } from '../hooks/useBoardVote.ts'
import { useRoomAction } from '../hooks/useRoomAction.ts'
import { useLiveRoom } from '../hooks/useRoomState.ts'
import { useVoteProgress } from '../hooks/useVoteProgress.ts'
import type { WorkshopRoom } from '../hooks/useWorkshopRoom.ts'
import { agendaStep } from './roomView.ts'
import { StartVoteForm } from './StartVoteForm.tsx'

export interface VoteControlsProps {
  room: WorkshopRoom
  state: FacilitationState
  /** The step whose board the facilitator is on. */
  stepId: string
}

/**
 * The facilitator's dot vote, in their panel on a board: starting one on this board; while it
 * runs, how many dots from how many people, ending it and showing the result; once shown,
 * keeping the result on the board's notes and removing the vote.
 */
export function VoteControls({ room, state, stepId }: VoteControlsProps) {
  const { t } = useTranslation()
  const act = useRoomAction(room)
  const ids = useId()
  const progress = useVoteProgress()
  const { voteTally } = useLiveRoom(room.live)
  const boardVote = useContext(BoardVoteContext)
  const [starting, setStarting] = useState(false)
  const startButton = useRef<HTMLButtonElement>(null)
  if (!mayTake(room.role, 'startVote')) return null
  const vote = state.vote
  const timer = vote === null ? undefined : state.timers[vote.stepId]
  const open = voteIsOpen(vote, timer === undefined ? null : timerRemainingMs(timer, room.live.now()))
  const elsewhere = vote !== null && vote.stepId !== stepId ? agendaStep(room.steps, vote.stepId) : null
  const stopStarting = () => {
    setStarting(false)
    // The form goes; the keyboard goes back to where it came from.
    queueMicrotask(() => startButton.current?.focus())
  }
  return (
    <section className="facilitation-controls__section" aria-labelledby={`${ids}-heading`} data-testid="vote-controls">
      <h3 id={`${ids}-heading`}>{t('vote.heading')}</h3>
      {vote !== null && (
        <>
          {elsewhere !== null && <p className="hint">{t('vote.elsewhere', { number: elsewhere.number, name: elsewhere.step.templateName })}</p>}
          <p data-testid="vote-controls-status">
            {vote.status === 'revealed' ? t('vote.statusRevealed') : open ? t('vote.statusOpen') : t('vote.statusEnded')}
            {': '}
            <span data-testid="vote-controls-progress">{progress(voteTally)}</span>
          </p>
          <div className="facilitation-controls__actions">
            {vote.status === 'open' && (
              <button type="button" className="button button--small" data-testid="vote-end" onClick={() => void act({ type: 'endVote' })}>
                {t('vote.end')}
              </button>
            )}
            {vote.status !== 'revealed' && (
              <button type="button" className="button button--primary button--small" data-testid="vote-reveal" onClick={() => void act({ type: 'revealVote' })}>
                {t('vote.reveal')}
              </button>
            )}
            {vote.status === 'revealed' &&
              (vote.kept ? (
                <span className="hint" data-testid="vote-kept">
                  {t('vote.kept')}
                </span>
              ) : (
                <button type="button" className="button button--small" data-testid="vote-keep" onClick={() => void act({ type: 'keepVote' })}>
                  {t('vote.keep')}
                </button>
              ))}
            <button type="button" className="button button--small" data-testid="vote-clear" onClick={() => void act({ type: 'clearVote' })}>
              {t('vote.clear')}
            </button>
          </div>
        </>
      )}
      {starting ? (
        <StartVoteForm room={room} state={state} stepId={stepId} boardVote={boardVote} onDone={stopStarting} />
      ) : (
        (vote === null || vote.status === 'revealed') && (
          <button ref={startButton} type="button" className="button button--small" data-testid="vote-start-open" onClick={() => setStarting(true)}>
            {t('vote.startOpen')}
          </button>
        )
      )}
    </section>
  )
}
