import { useContext, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type FacilitationState, type PrivateWriting } from '../../../shared/src/schema/facilitation.ts'
import { mayTake } from '../../../shared/src/schema/facilitationRules.ts'
import { BoardVoteContext } from '../hooks/useBoardVote.ts'
import { usePrivateBoardsWatch } from '../hooks/usePrivateBoardsWatch.ts'
import { useRoomAction } from '../hooks/useRoomAction.ts'
import type { WorkshopRoom } from '../hooks/useWorkshopRoom.ts'
import type { RoomPlace } from './RoomGuide.ts'
import { agendaStep } from './roomView.ts'

export interface PrivateWritingControlsProps {
  room: WorkshopRoom
  state: FacilitationState
  place: RoomPlace
}

/**
 * The facilitator's private writing: make the step (this board's, or the current one) or one
 * frame of its board private; while it is, since when, how many notes from how many people, the
 * notes themselves by person, and the reveal, per person or shuffled.
 */
export function PrivateWritingControls({ room, state, place }: PrivateWritingControlsProps) {
  const { t } = useTranslation()
  const ids = useId()
  if (!mayTake(room.role, 'startPrivate')) return null
  const writing = state.privateWriting
  return (
    <section className="facilitation-controls__section private-writing" aria-labelledby={`${ids}-heading`} data-testid="private-writing">
      <h3 id={`${ids}-heading`}>{t('privateWriting.heading')}</h3>
      {writing === null ? <StartPrivate room={room} state={state} place={place} /> : <PrivateUnderway room={room} writing={writing} />}
    </section>
  )
}

function StartPrivate({ room, state, place }: PrivateWritingControlsProps) {
  const { t } = useTranslation()
  const act = useRoomAction(room)
  const ids = useId()
  // The board's frames, as the vote reads them (none off a board, or before its canvas is there).
  const board = useContext(BoardVoteContext)
  const [frames] = useState(() => (place.kind === 'board' ? (board?.frames() ?? []) : []))
  const [selected] = useState(() => (place.kind === 'board' ? (board?.selectedFrame() ?? null) : null))
  const [frameId, setFrameId] = useState(() => selected ?? frames[0]?.id ?? '')
  const stepId = place.kind === 'board' ? place.stepId : state.currentStepId
  if (stepId === null) return <p className="hint">{t('privateWriting.noStep')}</p>
  const frameName = (frame: { id: string; name: string }) => {
    const name = frame.name === '' ? t('privateWriting.frameUnnamed') : frame.name
    return frame.id === selected ? t('privateWriting.frameSelected', { name }) : name
  }
  return (
    <>
      <p className="hint" id={`${ids}-explain`}>
        {t('privateWriting.explain')}
      </p>
      <div className="facilitation-controls__actions">
        <button
          type="button"
          className="button button--small"
          aria-describedby={`${ids}-explain`}
          data-testid="private-step"
          onClick={() => void act({ type: 'startPrivate', stepId, frameId: null })}
        >
          {t('privateWriting.makeStepPrivate')}
        </button>
      </div>
      {place.kind === 'board' &&
        (frames.length === 0 ? (
          <p className="hint">{t('privateWriting.noFrames')}</p>
        ) : (
          <div className="facilitation-controls__actions">
            <label>
              {t('privateWriting.frame')}{' '}
              <select value={frameId} data-testid="private-frame-select" onChange={(event) => setFrameId(event.target.value)}>
                {frames.map((frame) => (
                  <option key={frame.id} value={frame.id}>
                    {frameName(frame)}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="button button--small"
              aria-describedby={`${ids}-explain`}
              disabled={frameId === ''}
              data-testid="private-frame"
              onClick={() => void act({ type: 'startPrivate', stepId, frameId })}
            >
              {t('privateWriting.makeFramePrivate')}
            </button>
          </div>
        ))}
    </>
  )
}

function PrivateUnderway({ room, writing }: { room: WorkshopRoom; writing: PrivateWriting }) {
  const { t, i18n } = useTranslation()
  const act = useRoomAction(room)
  const ids = useId()
  const board = useContext(BoardVoteContext)
  const view = usePrivateBoardsWatch(writing.stepId)
  const writers = view.people.filter((person) => person.notes.length > 0)
  const noteCount = writers.reduce((sum, person) => sum + person.notes.length, 0)
  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(writing.since)
  const step = agendaStep(room.steps, writing.stepId)
  const stepNames = { number: step?.number ?? '?', name: step?.step.templateName ?? '' }
  const frame = writing.frameId === null ? null : board?.frames().find((candidate) => candidate.id === writing.frameId)
  const frameName = frame == null || frame.name === '' ? t('privateWriting.frameUnnamed') : frame.name
  const personName = (personId: string) => room.people.find((person) => person.id === personId)?.displayName ?? t('privateWriting.unknownPerson')
  return (
    <>
      <p data-testid="private-status" data-notes={noteCount} data-people={writers.length}>
        {view.loaded
          ? t('privateWriting.status', {
              time,
              notes: t('privateWriting.notes', { count: noteCount }),
              people: t('privateWriting.people', { count: writers.length }),
            })
          : t('privateWriting.statusLoading', { time })}
      </p>
      <p className="hint">
        {writing.frameId === null ? t('privateWriting.whereStep', stepNames) : t('privateWriting.whereFrame', { ...stepNames, frame: frameName })}
      </p>
      <details className="private-writing__notes" data-testid="private-notes">
        <summary>{t('privateWriting.showNotes')}</summary>
        {writers.length === 0 ? (
          <p className="hint">{t('privateWriting.noNotes')}</p>
        ) : (
          writers.map((person) => (
            <div key={person.boardId} className="private-writing__person" data-testid="private-notes-person">
              <h4>
                {personName(person.personId)} ({t('privateWriting.notes', { count: person.notes.length })})
              </h4>
              <ul>
                {person.notes.map((note) => (
                  <li key={note.id} data-testid="private-note-text">
                    {note.text}
                  </li>
                ))}
              </ul>
            </div>
          ))
        )}
      </details>
      <div className="facilitation-controls__actions" role="group" aria-labelledby={`${ids}-reveal`}>
        <span id={`${ids}-reveal`}>{t('privateWriting.reveal')}</span>
        <button
          type="button"
          className="button button--primary button--small"
          aria-label={t('privateWriting.revealByPersonLabel')}
          data-testid="reveal-by-person"
          onClick={() => void act({ type: 'revealPrivate', arrangement: 'byPerson' })}
        >
          {t('privateWriting.revealByPerson')}
        </button>
        <button
          type="button"
          className="button button--small"
          aria-label={t('privateWriting.revealShuffledLabel')}
          data-testid="reveal-shuffled"
          onClick={() => void act({ type: 'revealPrivate', arrangement: 'shuffled' })}
        >
          {t('privateWriting.revealShuffled')}
        </button>
      </div>
    </>
  )
}
