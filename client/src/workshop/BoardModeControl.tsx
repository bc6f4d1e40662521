import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { boardModes, BoardMode } from '../../../shared/src/board/boardMode.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { useToasts } from '../components/Toasts.tsx'
import { setBoardMode } from '../history/boardRequests.ts'

/** Each mode's texts: the choice, the short badge, and what it means. */
const modeTexts = {
  open: { option: 'boardMode.optionOpen', badge: 'boardMode.badgeOpen', explain: 'boardMode.explainOpen' },
  'add-only': { option: 'boardMode.optionAddOnly', badge: 'boardMode.badgeAddOnly', explain: 'boardMode.explainAddOnly' },
  frozen: { option: 'boardMode.optionFrozen', badge: 'boardMode.badgeFrozen', explain: 'boardMode.explainFrozen' },
} as const satisfies Record<BoardMode, Record<string, string>>

export interface BoardModeControlProps {
  boardId: string
  /** The board's mode as its document says. */
  mode: BoardMode
  /** Facilitators choose the mode; everyone else sees it when it holds them back. */
  canChange: boolean
}

/**
 * Who may change what on the board. A facilitator picks open, add-only or frozen (the relay
 * enforces it, and every screen follows at once); participants and observers see a short note
 * when the board is not open to everything.
 */
export function BoardModeControl({ boardId, mode, canChange }: BoardModeControlProps) {
  const { t } = useTranslation()
  const { api } = useAppServices()
  const toasts = useToasts()
  const [saving, setSaving] = useState(false)
  if (!canChange) {
    if (mode === 'open') return null
    return (
      <span className={`board-mode board-mode--${mode}`} data-testid="board-mode" data-mode={mode} title={t(modeTexts[mode].explain)}>
        {t(modeTexts[mode].badge)}
      </span>
    )
  }
  const choose = async (value: string) => {
    const parsed = BoardMode.safeParse(value)
    if (!parsed.success || parsed.data === mode) return
    setSaving(true)
    try {
      await setBoardMode(api, boardId, parsed.data)
    } catch {
      toasts.show(t('boardMode.failed'))
    } finally {
      setSaving(false)
    }
  }
  return (
    <label className="board-mode-control" title={t(modeTexts[mode].explain)}>
      <span className="board-mode-control__label">{t('boardMode.label')}</span>
      <select value={mode} disabled={saving} data-testid="board-mode-select" onChange={(event) => void choose(event.target.value)}>
        {boardModes.map((option) => (
          <option key={option} value={option}>
            {t(modeTexts[option].option)}
          </option>
        ))}
      </select>
    </label>
  )
}
