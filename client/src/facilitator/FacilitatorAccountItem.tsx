import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Facilitator } from '../../../shared/src/schema/access.ts'
import { PasswordResetCreated } from '../../../shared/src/schema/facilitatorAccounts.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { ConfirmButton } from '../components/ConfirmButton.tsx'
import { CopyableLink } from '../components/CopyableLink.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { useSubmission } from '../hooks/useSubmission.ts'
import { formatDate, formatDateTime } from '../workshop/dateTime.ts'

export interface FacilitatorAccountItemProps {
  account: Facilitator
  /** The signed-in facilitator's own account: shown, but nothing to do to it here. */
  own: boolean
  onStatusChanged(account: Facilitator): void
}

/**
 * One facilitator: name, email and status, "Lag lenke for nytt passord" (the link shown once,
 * to copy and pass on) and "Deaktiver" / "Aktiver", each asked first in a dialog.
 */
export function FacilitatorAccountItem({ account, own, onStatusChanged }: FacilitatorAccountItemProps) {
  const { t, i18n } = useTranslation()
  const { api } = useAppServices()
  const name = account.displayName
  const active = account.deactivatedAt === null
  const [reset, setReset] = useState<PasswordResetCreated | null>(null)
  const base = `/api/facilitators/${encodeURIComponent(account.id)}`
  const makeLink = useSubmission(async () => {
    setReset(await api.send({ method: 'POST', path: `${base}/password-reset`, as: 'facilitator', response: PasswordResetCreated }))
  })
  const changeStatus = useSubmission(async () => {
    const path = `${base}/${active ? 'deactivate' : 'reactivate'}`
    const changed = await api.send({ method: 'POST', path, as: 'facilitator', response: Facilitator })
    // A deactivated account's link died with it.
    setReset(null)
    onStatusChanged(changed)
  })

  return (
    <li className="accounts__item" data-testid="facilitator-account" data-name={name} data-active={active}>
      <div className="accounts__row">
        <span className="accounts__name">
          {name}
          {own && <span className="hint"> ({t('accounts.you')})</span>}
        </span>
        <span className="accounts__email">{account.email}</span>
        <span className={active ? 'accounts__state' : 'accounts__state accounts__state--off'} data-testid="facilitator-account-state">
          {account.deactivatedAt === null
            ? t('accounts.active')
            : t('accounts.deactivated', { date: formatDate(account.deactivatedAt, i18n.language) })}
        </span>
      </div>
      {!own && (
        <div className="accounts__actions">
          {active && (
            <button
              type="button"
              className="button"
              aria-label={t('accounts.makeResetLinkFor', { name })}
              data-testid="make-reset-link"
              aria-disabled={makeLink.pending}
              onClick={() => void makeLink.run()}
            >
              {t('accounts.makeResetLink')}
            </button>
          )}
          <ConfirmButton
            ariaLabel={t(active ? 'accounts.deactivateFor' : 'accounts.activateFor', { name })}
            title={t(active ? 'accounts.deactivateTitle' : 'accounts.activateTitle', { name })}
            body={<p>{t(active ? 'accounts.deactivateBody' : 'accounts.activateBody', { name })}</p>}
            confirmLabel={t(active ? 'accounts.deactivate' : 'accounts.activate')}
            onConfirm={() => void changeStatus.run()}
            testId={active ? 'deactivate-facilitator' : 'activate-facilitator'}
            confirmTestId="confirm-account-status"
            disabled={changeStatus.pending}
          >
            {t(active ? 'accounts.deactivate' : 'accounts.activate')}
          </ConfirmButton>
        </div>
      )}
      <FormError error={makeLink.error ?? changeStatus.error} testId="account-action-error" />
      <div role="status">
        {reset !== null && active && (
          <div className="notice" data-testid="reset-link-created">
            <p>{t('accounts.resetLinkCreated', { name, expires: formatDateTime(reset.expiresAt, i18n.language) })}</p>
            <CopyableLink
              label={t('accounts.resetLinkLabel', { name })}
              url={reset.resetUrl}
              testId="reset-link"
              copyTestId="copy-reset-link"
              copyLabel={t('accounts.copyResetLink', { name })}
            />
          </div>
        )}
      </div>
    </li>
  )
}
