import { useId, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { BoardContext } from '../../../shared/src/schema/workshopApi.ts'
import { useNarrowScreen } from '../hooks/useNarrowScreen.ts'
import { useRoomState } from '../hooks/useRoomState.ts'
import type { WorkshopRoom } from '../hooks/useWorkshopRoom.ts'
import { FacilitationPanel } from './FacilitationPanel.tsx'
import { ParticipantControls } from './ParticipantControls.tsx'
import { RoomIcon } from './RoomIcon.tsx'
import { RoomNow } from './RoomNow.tsx'
import { stepNumber } from './stepOrder.ts'
import { templatePurpose } from './templatePurpose.ts'
import { TimerSoundToggle } from './TimerSoundToggle.tsx'

export interface StepBarProps {
  context: BoardContext
  /** The board's own tools (its mode, its history). */
  tools?: ReactNode
  /** The workshop's live room, once it is here. */
  room: WorkshopRoom | null
}

/**
 * The bar over a step's board: which workshop and step this is ("Steg 2 av 3:
 * Interessentkartlegging"), where the workshop is now (this step, or the way to it) with its
 * timer, a participant's hand and "done", a facilitator's controls, the step's instructions
 * (folded away at a tap) or, when the facilitator wrote none, one line on what the method is
 * for, the board's own tools and links to the previous and next step's boards. On a phone the
 * bar keeps to one line: the workshop, the tools and the other steps fold behind "Mer", and the
 * instructions or the method's purpose behind a tap.
 */
export function StepBar({ context, tools, room }: StepBarProps) {
  const { t, i18n } = useTranslation()
  const narrow = useNarrowScreen()
  const [showInstructions, setShowInstructions] = useState(() => !narrow)
  const [showMore, setShowMore] = useState(false)
  // A line on the method's purpose, on a phone, waits behind a tap like the instructions.
  const [showPurpose, setShowPurpose] = useState(() => !narrow)
  const instructionsId = useId()
  const purposeId = useId()
  const moreId = useId()
  const state = useRoomState(room)
  const { workshop, step, previous, next, stepCount } = context
  const number = stepNumber(step, stepCount)
  const hasInstructions = step.instructions !== ''
  const purpose = hasInstructions ? null : templatePurpose(step.templateId, i18n.language)
  const place = { kind: 'board', stepId: step.id } as const
  const position = t('stepBar.position', { number, count: stepCount, name: step.templateName })

  const workshopLink = (
    <Link to={`/workshop/${workshop.id}`} className="step-bar__workshop" data-testid="step-bar-workshop">
      {workshop.title}
    </Link>
  )
  const otherSteps = (
    <>
      {previous !== null && (
        <Link
          to={`/board/${previous.boardId}`}
          className="top-bar__button"
          data-testid="step-previous"
          aria-label={t('stepBar.previousNamed', { name: previous.templateName })}
        >
          <span aria-hidden="true">←</span>
          <span className="room-button__text">{t('stepBar.previous')}</span>
        </Link>
      )}
      {next !== null && (
        <Link to={`/board/${next.boardId}`} className="top-bar__button" data-testid="step-next" aria-label={t('stepBar.nextNamed', { name: next.templateName })}>
          <span className="room-button__text">{t('stepBar.next')}</span>
          <span aria-hidden="true">→</span>
        </Link>
      )}
    </>
  )

  return (
    <nav className={narrow ? 'step-bar step-bar--narrow' : 'step-bar'} aria-label={t('stepBar.label')} data-testid="step-bar">
      <div className="step-bar__row">
        {!narrow && workshopLink}
        <span className="step-bar__step" data-testid="step-bar-position" title={position}>
          {narrow ? (
            <>
              <span aria-hidden="true">
                {number}/{stepCount} {step.templateName}
              </span>
              <span className="visually-hidden">{position}</span>
            </>
          ) : (
            position
          )}
        </span>
        {room !== null && state !== null ? (
          <RoomNow room={room} state={state} stepId={step.id} plannedMinutes={step.plannedMinutes} narrow={narrow} />
        ) : (
          <span className="step-bar__minutes">{t('agenda.minutes', { count: step.plannedMinutes })}</span>
        )}
        <span className="step-bar__spacer" />
        {!narrow && tools}
        {room !== null && state !== null && (
          <>
            <ParticipantControls room={room} state={state} readyStepId={state.currentStepId === step.id ? step.id : null} />
            <FacilitationPanel room={room} state={state} place={place} />
          </>
        )}
        {hasInstructions && (
          <button
            type="button"
            className="top-bar__button room-button"
            aria-expanded={showInstructions}
            aria-controls={instructionsId}
            data-testid="step-instructions-toggle"
            onClick={() => setShowInstructions((shown) => !shown)}
          >
            <RoomIcon name="info" />
            <span className="room-button__text">{showInstructions ? t('stepBar.hideInstructions') : t('stepBar.showInstructions')}</span>
          </button>
        )}
        {purpose !== null && narrow && (
          <button
            type="button"
            className="top-bar__button room-button"
            aria-expanded={showPurpose}
            aria-controls={purposeId}
            data-testid="step-purpose-toggle"
            onClick={() => setShowPurpose((shown) => !shown)}
          >
            <RoomIcon name="info" />
            <span className="room-button__text">{showPurpose ? t('boardNavigation.hidePurpose') : t('boardNavigation.showPurpose')}</span>
          </button>
        )}
        {!narrow && otherSteps}
        {narrow && (
          <button
            type="button"
            className="top-bar__button room-button"
            aria-expanded={showMore}
            aria-controls={moreId}
            aria-label={t('room.moreLabel')}
            data-testid="step-bar-more"
            onClick={() => setShowMore((shown) => !shown)}
          >
            <RoomIcon name="more" />
          </button>
        )}
      </div>
      {narrow && (
        <div id={moreId} className="step-bar__more" hidden={!showMore} data-testid="step-bar-more-panel">
          {workshopLink}
          {tools}
          {room !== null && <TimerSoundToggle sound={room.sound} />}
          {otherSteps}
        </div>
      )}
      {hasInstructions && (
        <div id={instructionsId} className="step-bar__instructions" hidden={!showInstructions} data-testid="step-instructions">
          {step.instructions}
        </div>
      )}
      {purpose !== null && (
        <p id={purposeId} className="step-bar__purpose" data-testid="step-purpose" hidden={narrow && !showPurpose}>
          {purpose}
        </p>
      )}
    </nav>
  )
}
