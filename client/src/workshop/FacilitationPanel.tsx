import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type FacilitationState } from '../../../shared/src/schema/facilitation.ts'
import { mayTake } from '../../../shared/src/schema/facilitationRules.ts'
import type { WorkshopRoom } from '../hooks/useWorkshopRoom.ts'
import { FacilitationControls } from './FacilitationControls.tsx'
import type { RoomPlace } from './RoomGuide.ts'
import { RoomIcon } from './RoomIcon.tsx'

/**
 * The facilitator's controls behind one button of the step bar, so the board keeps its room: a
 * panel over the board's corner that stays open while the facilitator works (it is not modal),
 * and closes with its button, or Escape within it, giving the focus back to the button. The button counts
 * the raised hands, so a hand is seen with the panel closed.
 */
export function FacilitationPanel({ room, state, place }: { room: WorkshopRoom; state: FacilitationState; place: RoomPlace }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const panel = useRef<HTMLElement>(null)
  const panelId = useId()
  useEffect(() => {
    if (!open) return
    // Escape on the board is the board's (it stops a tool); in the panel or on its button it closes the panel.
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof Node ? event.target : null
      const inside = target !== null && (panel.current?.contains(target) === true || button.current?.contains(target) === true)
      if (event.key !== 'Escape' || !inside) return
      setOpen(false)
      button.current?.focus()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [open])
  if (!mayTake(room.role, 'startStep')) return null
  const hands = state.hands.length
  return (
    <>
      <button
        ref={button}
        type="button"
        className="top-bar__button room-button"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="open-facilitation"
        onClick={() => setOpen((shown) => !shown)}
      >
        <RoomIcon name="controls" />
        <span className="room-button__text">{t('facilitation.open')}</span>
        {hands > 0 && (
          <span className="count-badge" data-testid="hands-count">
            <RoomIcon name="hand" />
            {hands}
            <span className="visually-hidden"> {t('facilitation.handsHeading')}</span>
          </span>
        )}
      </button>
      <section ref={panel} id={panelId} className="facilitation-panel" hidden={!open} aria-label={t('facilitation.heading')} data-testid="facilitation-panel">
        <div className="facilitation-panel__head">
          <h2>{t('facilitation.heading')}</h2>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setOpen(false)
              button.current?.focus()
            }}
          >
            {t('facilitation.close')}
          </button>
        </div>
        {open && <FacilitationControls room={room} state={state} place={place} />}
      </section>
    </>
  )
}
