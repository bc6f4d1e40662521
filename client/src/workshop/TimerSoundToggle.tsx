import { useTranslation } from 'react-i18next'
import { useObservable } from '../hooks/useObservable.ts'
import { RoomIcon } from './RoomIcon.tsx'
import type { TimerSound } from './TimerSound.ts'

/** Switches the time-up sound on this device on or off (off until the person chooses it). */
export function TimerSoundToggle({ sound }: { sound: TimerSound }) {
  const { t } = useTranslation()
  const on = useObservable(sound.enabled)
  return (
    <button
      type="button"
      className="top-bar__button room-button room-button--icon"
      aria-pressed={on}
      aria-label={t('timer.sound')}
      title={t('timer.sound')}
      data-testid="timer-sound"
      onClick={() => sound.setEnabled(!on)}
    >
      <RoomIcon name={on ? 'bell' : 'bellOff'} />
    </button>
  )
}
