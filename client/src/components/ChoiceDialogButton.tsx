import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { useModalDialog } from './useModalDialog.ts'

export interface ChoiceDialogButtonProps {
  /** The button's text. */
  label: string
  /** A fuller name for screen readers ("Slett personen" → "Slett Kari Nordmann"). */
  ariaLabel: string
  testId: string
  title: string
  /** What the action does, read out with the dialog. */
  body: ReactNode
  /** The choices that go with the action (inputs inside the dialog's form). */
  children: ReactNode
  cancelLabel: string
  confirmLabel: string
  confirmTestId: string
  /** Carries the action out; resolves true when it is done (the dialog closes), false to keep the dialog open. */
  onConfirm(): Promise<boolean>
}

/**
 * A button for a grave action that comes with choices: it opens a modal dialog that says what the
 * action does and holds the choices, with the safe "cancel" focused first (Escape cancels too) and
 * a confirm button that stays disabled while the action runs. The browser returns focus to the
 * button when the dialog closes. (ConfirmButton is the same without choices.)
 */
export function ChoiceDialogButton(props: ChoiceDialogButtonProps) {
  const { label, ariaLabel, testId, title, body, children, cancelLabel, confirmLabel, confirmTestId, onConfirm } = props
  const cancel = useRef<HTMLButtonElement>(null)
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const dialog = useModalDialog(open, cancel)
  const ids = useId()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    try {
      if (await onConfirm()) setOpen(false)
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <button type="button" className="button button--small" aria-label={ariaLabel} aria-haspopup="dialog" data-testid={testId} onClick={() => setOpen(true)}>
        {label}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={`${ids}-title`} aria-describedby={`${ids}-body`} onClose={() => setOpen(false)}>
        <form onSubmit={(event) => void submit(event)}>
          <h2 id={`${ids}-title`}>{title}</h2>
          <p id={`${ids}-body`}>{body}</p>
          {children}
          <div className="dialog-actions">
            <button ref={cancel} type="button" className="button" onClick={() => setOpen(false)}>
              {cancelLabel}
            </button>
            <button type="submit" className="button button--danger" disabled={busy} data-testid={confirmTestId}>
              {confirmLabel}
            </button>
          </div>
        </form>
      </dialog>
    </>
  )
}
