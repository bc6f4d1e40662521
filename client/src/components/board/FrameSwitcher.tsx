import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditor, useValue, type TLShapeId } from 'tldraw'
import { boardFrames, frameInView, frameView, showFrame } from '../../board/boardCamera.ts'
import '../../styles/boardNavigation.css'

/** The frame the switcher last showed, and the camera it left there. */
interface Shown {
  id: TLShapeId
  camera: { x: number; y: number; z: number }
}

const sameCamera = (a: Shown['camera'], b: Shown['camera']) => Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 1 && Math.abs(a.z - b.z) < 0.001

/**
 * The board's frames in a list, with the previous and the next one a button away: each is shown
 * fitted to the width (see frameView), so on a phone one reads a frame at a time instead of
 * pinching. The list names the frame in view, the one the switcher showed while the camera stays
 * there, otherwise the one that fills most of the screen. Nothing on a board without frames.
 */
export function FrameSwitcher() {
  const editor = useEditor()
  const { t } = useTranslation()
  const [shown, setShown] = useState<Shown | null>(null)
  const frames = useValue('board frames', () => boardFrames(editor), [editor])
  const current = useValue(
    'frame in view',
    () => {
      if (shown !== null && sameCamera(shown.camera, editor.getCamera()) && frames.some((frame) => frame.id === shown.id)) return shown.id
      return frameInView(frames, editor.getViewportPageBounds())?.id ?? null
    },
    [editor, frames, shown],
  )
  if (frames.length === 0) return null
  const index = frames.findIndex((frame) => frame.id === current)

  const go = (to: number) => {
    const frame = frames[to]
    if (frame === undefined) return
    const camera = frameView(frame.bounds, editor.getViewportScreenBounds().w)
    setShown({ id: frame.id, camera })
    // Whoever moves to a frame stops following a presenter's view, as when they pan.
    if (editor.getInstanceState().followingUserId !== null) editor.stopFollowingUser()
    showFrame(editor, frame, true)
  }

  return (
    <nav className="frame-switcher" aria-label={t('boardNavigation.frames')} data-testid="frame-switcher">
      <button
        type="button"
        className="frame-switcher__step"
        aria-label={t('boardNavigation.previousFrame')}
        data-testid="frame-previous"
        disabled={index <= 0}
        onClick={() => go(index - 1)}
      >
        <span aria-hidden="true">‹</span>
      </button>
      <select
        className="frame-switcher__list"
        aria-label={t('boardNavigation.frame')}
        data-testid="frame-list"
        value={current ?? ''}
        onChange={(event) => go(frames.findIndex((frame) => frame.id === event.target.value))}
      >
        {current === null && <option value="">{t('boardNavigation.noFrameInView')}</option>}
        {frames.map((frame, i) => (
          <option key={frame.id} value={frame.id}>
            {frame.name === '' ? t('boardNavigation.unnamedFrame', { number: i + 1 }) : frame.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="frame-switcher__step"
        aria-label={t('boardNavigation.nextFrame')}
        data-testid="frame-next"
        disabled={index >= frames.length - 1}
        onClick={() => go(index + 1)}
      >
        <span aria-hidden="true">›</span>
      </button>
    </nav>
  )
}
