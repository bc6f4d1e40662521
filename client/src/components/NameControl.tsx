import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { useObservable } from '../hooks/useObservable.ts'
import { NameDialog } from './NameDialog.tsx'

/** The name button of the top bar and its dialog; `askIfMissing` opens it on a first visit. */
export function NameControl({ askIfMissing = false }: { askIfMissing?: boolean }) {
  const { t } = useTranslation()
  const { user } = useAppServices()
  const { name, color } = useObservable(user.profile)
  const [open, setOpen] = useState(() => askIfMissing && user.name === null)
  const shown = name ?? '–'
  return (
    <>
      <button
        type="button"
        className="top-bar__button name-button"
        data-testid="name-button"
        aria-label={t('user.nameButtonLabel', { name: shown })}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <span className="name-button__swatch" aria-hidden="true" style={{ background: color }} />
        <span className="name-button__text">{t('user.nameButton', { name: shown })}</span>
      </button>
      <NameDialog open={open} onClose={() => setOpen(false)} />
    </>
  )
}
