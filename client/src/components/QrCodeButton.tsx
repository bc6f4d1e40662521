import { QRCodeSVG } from 'qrcode.react'
import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useModalDialog } from './useModalDialog.ts'

export interface QrCodeButtonProps {
  url: string
  /** The dialog's heading, e.g. "Bli med i verkstedet". */
  title: string
  /** What to do with the code, under the heading. */
  hint: string
  /** Names the button for screen readers; starts with its text ("Vis QR-kode for …"). */
  buttonLabel: string
  /** A line under the link, e.g. the join code people must type. */
  note?: string
  testId?: string
}

/**
 * "Vis QR-kode": a large QR code of `url` with the link as text under it, in a modal
 * dialog big enough to project on a screen, so people in the room can join with their
 * phone's camera. Drawn as SVG on the device (nothing is fetched). The browser keeps
 * focus inside the dialog and closes it on Escape; focus goes back to the button.
 */
export function QrCodeButton({ url, title, hint, buttonLabel, note, testId }: QrCodeButtonProps) {
  const { t } = useTranslation()
  const opener = useRef<HTMLButtonElement>(null)
  const closer = useRef<HTMLButtonElement>(null)
  const [open, setOpen] = useState(false)
  const dialog = useModalDialog(open, closer)
  const ids = useId()

  return (
    <>
      <button
        ref={opener}
        type="button"
        className="button"
        aria-label={buttonLabel}
        aria-haspopup="dialog"
        data-testid={testId}
        onClick={() => setOpen(true)}
      >
        {t('qr.show')}
      </button>
      <dialog
        ref={dialog}
        className="dialog qr-dialog"
        aria-labelledby={`${ids}-title`}
        aria-describedby={`${ids}-hint`}
        data-testid={testId === undefined ? undefined : `${testId}-dialog`}
        // Closed by Escape or by "Lukk": keep the state in step and return focus to the button.
        onClose={() => {
          setOpen(false)
          opener.current?.focus()
        }}
      >
        <h2 id={`${ids}-title`} className="qr-dialog__title">
          {title}
        </h2>
        <p id={`${ids}-hint`} className="qr-dialog__hint">
          {hint}
        </p>
        {open && (
          <QRCodeSVG
            className="qr-dialog__code"
            value={url}
            size={320}
            level="M"
            marginSize={4}
            role="img"
            aria-label={t('qr.imageLabel')}
          />
        )}
        <p className="qr-dialog__url" data-testid={testId === undefined ? undefined : `${testId}-url`}>
          {url}
        </p>
        {note !== undefined && <p className="qr-dialog__note">{note}</p>}
        <div className="dialog-actions">
          <button ref={closer} type="button" className="button" onClick={() => setOpen(false)}>
            {t('qr.close')}
          </button>
        </div>
      </dialog>
    </>
  )
}
