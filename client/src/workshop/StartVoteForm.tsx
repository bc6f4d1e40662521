import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { FacilitationState } from '../../../shared/src/schema/facilitation.ts'
import { useRoomAction } from '../hooks/useRoomAction.ts'
import type { WorkshopRoom } from '../hooks/useWorkshopRoom.ts'
import type { BoardVote } from './BoardVote.ts'

/** The most and fewest dots a person can be given (DotVoteSettings). */
const fewestDots = 1
const mostDots = 20
const defaultDots = 5

export interface StartVoteFormProps {
  room: WorkshopRoom
  state: FacilitationState
  /** The step whose board the facilitator is on: the vote's board. */
  stepId: string
  /** The board's vote, for its frames; null before the canvas is there (the whole board is then the only choice). */
  boardVote: BoardVote | null
  /** Called when the vote started, or the facilitator cancelled. */
  onDone(): void
}

/**
 * A new dot vote on this board: how many dots each person gets, whether several may go on one
 * note and on one's own notes, the whole board or one frame (the selected one to begin with), and
 * whether it ends with the step's timer (only when the step has one).
 */
export function StartVoteForm({ room, state, stepId, boardVote, onDone }: StartVoteFormProps) {
  const { t } = useTranslation()
  const act = useRoomAction(room)
  const ids = useId()
  const budgetInput = useRef<HTMLInputElement>(null)
  const [frames] = useState(() => boardVote?.frames() ?? [])
  const [frameId, setFrameId] = useState(() => boardVote?.selectedFrame() ?? frames[0]?.id ?? '')
  const [inFrame, setInFrame] = useState(() => boardVote?.selectedFrame() != null)
  const [budget, setBudget] = useState(String(defaultDots))
  const [manyPerNote, setManyPerNote] = useState(false)
  const [ownNotes, setOwnNotes] = useState(true)
  const hasTimer = state.timers[stepId] !== undefined
  const [endsWithTimer, setEndsWithTimer] = useState(false)
  const budgetValue = Number(budget)
  const budgetValid = Number.isInteger(budgetValue) && budgetValue >= fewestDots && budgetValue <= mostDots
  useEffect(() => budgetInput.current?.focus(), [])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!budgetValid) return
    const started = await act({
      type: 'startVote',
      stepId,
      frameId: inFrame && frameId !== '' ? frameId : null,
      budget: budgetValue,
      manyPerNote,
      ownNotes,
      endsWithTimer: hasTimer && endsWithTimer,
    })
    if (started) onDone()
  }

  return (
    <form className="start-vote" aria-labelledby={`${ids}-heading`} data-testid="start-vote-form" onSubmit={(event) => void submit(event)}>
      <h4 id={`${ids}-heading`}>{t('vote.startHeading')}</h4>
      <label className="start-vote__budget">
        {t('vote.budget')}{' '}
        <input
          ref={budgetInput}
          type="number"
          inputMode="numeric"
          min={fewestDots}
          max={mostDots}
          value={budget}
          aria-invalid={!budgetValid}
          aria-describedby={`${ids}-budget-hint`}
          data-testid="vote-budget"
          onChange={(event) => setBudget(event.target.value)}
        />
      </label>
      <p id={`${ids}-budget-hint`} className="hint">
        {t('vote.budgetHint')}
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={manyPerNote} data-testid="vote-many-per-note" onChange={(event) => setManyPerNote(event.target.checked)} />{' '}
        {t('vote.manyPerNote')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={ownNotes} data-testid="vote-own-notes" onChange={(event) => setOwnNotes(event.target.checked)} />{' '}
        {t('vote.ownNotes')}
      </label>
      <fieldset className="start-vote__scope">
        <legend>{t('vote.scope')}</legend>
        <label className="checkbox">
          <input type="radio" name={`${ids}-scope`} checked={!inFrame} data-testid="vote-scope-board" onChange={() => setInFrame(false)} />{' '}
          {t('vote.scopeBoard')}
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name={`${ids}-scope`}
            checked={inFrame}
            disabled={frames.length === 0}
            aria-describedby={frames.length === 0 ? `${ids}-no-frames` : undefined}
            data-testid="vote-scope-frame"
            onChange={() => setInFrame(true)}
          />{' '}
          {t('vote.scopeFrame')}
        </label>
        {frames.length === 0 ? (
          <p id={`${ids}-no-frames`} className="hint">
            {t('vote.noFrames')}
          </p>
        ) : (
          <label className="start-vote__frame">
            {t('vote.frame')}{' '}
            <select value={frameId} disabled={!inFrame} data-testid="vote-frame" onChange={(event) => setFrameId(event.target.value)}>
              {frames.map((frame) => (
                <option key={frame.id} value={frame.id}>
                  {frame.name === '' ? t('vote.unnamedFrame') : frame.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={hasTimer && endsWithTimer}
          disabled={!hasTimer}
          aria-describedby={hasTimer ? undefined : `${ids}-no-timer`}
          data-testid="vote-ends-with-timer"
          onChange={(event) => setEndsWithTimer(event.target.checked)}
        />{' '}
        {t('vote.endsWithTimer')}
      </label>
      {!hasTimer && (
        <p id={`${ids}-no-timer`} className="hint">
          {t('vote.endsWithTimerNoTimer')}
        </p>
      )}
      <div className="facilitation-controls__actions">
        <button type="submit" className="button button--primary button--small" disabled={!budgetValid} data-testid="start-vote">
          {t('vote.start')}
        </button>
        <button type="button" className="button button--small" onClick={onDone}>
          {t('vote.cancel')}
        </button>
      </div>
    </form>
  )
}
