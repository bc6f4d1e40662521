import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FacilitatorList, type Facilitator } from '../../../shared/src/schema/access.ts'
import { useApiResource } from '../hooks/useApiResource.ts'
import { FacilitatorAccountItem } from './FacilitatorAccountItem.tsx'

/**
 * The installation's facilitators with their status, each with a link for a new password and
 * deactivation (or activation) unless it is the signed-in facilitator's own. What changed last is
 * said in a status line, so a screen reader hears it.
 */
export function FacilitatorAccountList({ ownId }: { ownId: string }) {
  const { t } = useTranslation()
  const list = useApiResource('/api/facilitators', FacilitatorList)
  // Changed accounts replace the loaded rows, so the list need not be loaded again.
  const [changed, setChanged] = useState<ReadonlyMap<string, Facilitator>>(new Map())
  const [message, setMessage] = useState('')

  const statusChanged = (account: Facilitator) => {
    setChanged((current) => new Map(current).set(account.id, account))
    const done = account.deactivatedAt === null ? 'accounts.activatedDone' : 'accounts.deactivatedDone'
    setMessage(t(done, { name: account.displayName }))
  }

  if (list.status === 'loading') return <p role="status">{t('accounts.loading')}</p>
  if (list.status !== 'loaded') {
    return (
      <p className="error-message" role="alert">
        {t('accounts.failed')}
      </p>
    )
  }
  return (
    <>
      <p role="status" className="accounts__status" data-testid="account-status-changed">
        {message}
      </p>
      <ul className="accounts__list" data-testid="facilitator-accounts">
        {list.value.facilitators.map((account) => (
          <FacilitatorAccountItem
            key={account.id}
            account={changed.get(account.id) ?? account}
            own={account.id === ownId}
            onStatusChanged={statusChanged}
          />
        ))}
      </ul>
    </>
  )
}
