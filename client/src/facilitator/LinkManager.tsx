import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { WorkshopLinks, type WorkshopLinks as Links } from '../../../shared/src/schema/workshopApi.ts'
import type { GuestRole } from '../../../shared/src/schema/access.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { ConfirmButton } from '../components/ConfirmButton.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { useSubmission } from '../hooks/useSubmission.ts'
import { ShareLinks } from '../workshop/ShareLinks.tsx'
import { JoinCodeForm } from './JoinCodeForm.tsx'

export interface LinkManagerProps {
  workshopId: string
  links: Links
  onChanged(message: string): void
}

/**
 * The workshop's links for the facilitator: copy them, replace one (the old link
 * stops working and people who came in through it are disconnected), and the join code.
 */
export function LinkManager({ workshopId, links: loaded, onChanged }: LinkManagerProps) {
  const { t } = useTranslation()
  const { api } = useAppServices()
  // The links a rotation answered with, until the reloaded workshop brings the same.
  const [latest, setLatest] = useState<Links | null>(null)
  const links = latest ?? loaded
  const loadedKey = `${loaded.participantUrl} ${loaded.observerUrl} ${loaded.joinCode ?? ''}`
  useEffect(() => {
    setLatest(null)
  }, [loadedKey])
  const rotate = useSubmission(async (role: GuestRole) => {
    const next = await api.send({ method: 'POST', path: `/api/workshops/${workshopId}/links/${role}/rotate`, as: 'facilitator', response: WorkshopLinks })
    setLatest(next)
    onChanged(role === 'participant' ? t('links.rotatedParticipant') : t('links.rotatedObserver'))
  })

  return (
    <>
      <ShareLinks links={links} showJoinCode={false} />
      <FormError error={rotate.error} testId="rotate-error" />
      <p className="hint">{t('links.rotateHint')}</p>
      <div className="button-row">
        {(['participant', 'observer'] as const).map((role) => (
          <ConfirmButton
            key={role}
            testId={`rotate-${role}-link`}
            confirmTestId={`rotate-${role}-link-confirm`}
            title={role === 'participant' ? t('links.rotateParticipantTitle') : t('links.rotateObserverTitle')}
            body={<p>{t('links.rotateBody')}</p>}
            confirmLabel={t('links.rotateConfirm')}
            disabled={rotate.pending}
            onConfirm={() => void rotate.run(role)}
          >
            {role === 'participant' ? t('links.rotateParticipant') : t('links.rotateObserver')}
          </ConfirmButton>
        ))}
      </div>
      <h3>{t('joinCode.heading')}</h3>
      <JoinCodeForm
        workshopId={workshopId}
        joinCode={links.joinCode}
        onChanged={(next, message) => {
          setLatest(next)
          onChanged(message)
        }}
      />
    </>
  )
}
