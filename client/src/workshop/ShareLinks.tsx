import { useTranslation } from 'react-i18next'
import type { WorkshopLinks } from '../../../shared/src/schema/workshopApi.ts'
import { CopyableLink } from '../components/CopyableLink.tsx'

/** The participant and observer links of a workshop, to copy and hand out (facilitators only see them). */
export function ShareLinks({ links }: { links: WorkshopLinks }) {
  const { t } = useTranslation()
  return (
    <div className="share-links">
      <CopyableLink
        label={t('links.participant')}
        hint={t('links.participantHint')}
        url={links.participantUrl}
        testId="participant-link"
        copyTestId="copy-participant-link"
        copyLabel={t('links.copyParticipant')}
      />
      <CopyableLink
        label={t('links.observer')}
        hint={t('links.observerHint')}
        url={links.observerUrl}
        testId="observer-link"
        copyTestId="copy-observer-link"
        copyLabel={t('links.copyObserver')}
      />
      <p className="hint" data-testid="join-code-state">
        {links.joinCode === null ? t('links.noJoinCode') : t('links.joinCode', { code: links.joinCode })}
      </p>
    </div>
  )
}
