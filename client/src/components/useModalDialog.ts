import { useEffect, useRef, type RefObject } from 'react'

/**
 * A <dialog> shown as a modal while `open` is true and closed otherwise. As a modal the
 * browser keeps focus inside it, makes the rest of the page inert and closes it on
 * Escape (the dialog's `close` event: keep `open` in step there). `focusOnOpen` gets
 * focus when it opens, e.g. the safe choice of a question.
 * @example const dialog = useModalDialog(open, cancelButton); return <dialog ref={dialog} onClose={() => setOpen(false)}>…</dialog>
 */
export function useModalDialog(open: boolean, focusOnOpen?: RefObject<HTMLElement | null>): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const element = dialog.current
    if (element === null) return
    if (open && !element.open) {
      element.showModal()
      focusOnOpen?.current?.focus()
    } else if (!open && element.open) element.close()
  }, [open, focusOnOpen])
  return dialog
}
