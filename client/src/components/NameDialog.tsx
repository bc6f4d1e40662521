import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { maxNameLength, normalizeName } from '../user/LocalUser.ts'

export interface NameDialogProps {
  open: boolean
  onClose(): void
}

/**
 * Asks for the display name others see next to this person's cursor. A modal <dialog>
 * (focus stays inside, Escape closes it), except that it cannot be dismissed before a
 * name has been chosen once.
 */
export function NameDialog({ open, onClose }: NameDialogProps) {
  const { t } = useTranslation()
  const { user } = useAppServices()
  const dialog = useRef<HTMLDialogElement>(null)
  const [draft, setDraft] = useState('')
  const [invalid, setInvalid] = useState(false)
  const ids = useId()
  const hasName = user.name !== null

  useEffect(() => {
    const element = dialog.current
    if (element === null) return
    if (open && !element.open) {
      setDraft(user.name ?? '')
      setInvalid(false)
      element.showModal()
    } else if (!open && element.open) {
      element.close()
    }
  }, [open, user])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const name = normalizeName(draft)
    if (name.length === 0) {
      setInvalid(true)
      return
    }
    user.setName(name)
    onClose()
  }

  return (
    <dialog
      ref={dialog}
      className="name-dialog"
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-body`}
      data-testid="name-dialog"
      onCancel={(event) => {
        event.preventDefault()
        if (hasName) onClose()
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={`${ids}-title`}>{t('user.dialogTitle')}</h2>
        <p id={`${ids}-body`}>{t('user.dialogBody')}</p>
        <label htmlFor={`${ids}-name`}>{t('user.nameLabel')}</label>
        <input
          id={`${ids}-name`}
          data-testid="name-input"
          value={draft}
          maxLength={maxNameLength}
          autoComplete="nickname"
          required
          aria-invalid={invalid}
          aria-describedby={invalid ? `${ids}-error` : undefined}
          onChange={(event) => {
            setDraft(event.target.value)
            setInvalid(false)
          }}
        />
        {invalid && (
          <p id={`${ids}-error`} className="field-error" role="alert">
            {t('user.nameRequired')}
          </p>
        )}
        <div className="dialog-actions">
          {hasName && (
            <button type="button" className="button" onClick={onClose}>
              {t('user.cancel')}
            </button>
          )}
          <button type="submit" className="button button--primary">
            {t('user.save')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
