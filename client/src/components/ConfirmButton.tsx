import { useId, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useModalDialog } from './useModalDialog.ts'

export interface ConfirmButtonProps {
  /** The button's text. */
  children: ReactNode
  /** A fuller name for screen readers when the text alone is ambiguous ("Slett" → "Slett steg 2"). */
  ariaLabel?: string
  title: string
  body: ReactNode
  confirmLabel: string
  onConfirm(): void
  className?: string
  testId?: string
  confirmTestId?: string
  /** Busy or not allowed now: the button says so and does nothing, and keeps the focus. */
  disabled?: boolean
}

/**
 * A button for an action that cannot be undone: it asks first in a modal dialog
 * (focus inside, Escape cancels, the safe choice focused first), then calls `onConfirm`.
 * The browser returns focus to the button when the dialog closes.
 */
export function ConfirmButton({
  children,
  ariaLabel,
  title,
  body,
  confirmLabel,
  onConfirm,
  className = 'button',
  testId,
  confirmTestId,
  disabled,
}: ConfirmButtonProps) {
  const { t } = useTranslation()
  const cancel = useRef<HTMLButtonElement>(null)
  const [open, setOpen] = useState(false)
  const dialog = useModalDialog(open, cancel)
  const ids = useId()

  return (
    <>
      <button
        type="button"
        className={className}
        aria-label={ariaLabel}
        aria-haspopup="dialog"
        data-testid={testId}
        // Not `disabled`: a button that is busy keeps the focus (a disabled one drops it to the page).
        aria-disabled={disabled}
        onClick={() => {
          if (!disabled) setOpen(true)
        }}
      >
        {children}
      </button>
      <dialog
        ref={dialog}
        className="dialog"
        aria-labelledby={`${ids}-title`}
        aria-describedby={`${ids}-body`}
        onClose={() => setOpen(false)}
      >
        <h2 id={`${ids}-title`}>{title}</h2>
        <div id={`${ids}-body`}>{body}</div>
        <div className="dialog-actions">
          <button ref={cancel} type="button" className="button" onClick={() => setOpen(false)}>
            {t('confirm.cancel')}
          </button>
          <button
            type="button"
            className="button button--danger"
            data-testid={confirmTestId}
            onClick={() => {
              setOpen(false)
              onConfirm()
            }}
          >
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  )
}
