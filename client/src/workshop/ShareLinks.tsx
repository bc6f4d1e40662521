import { useTranslation } from 'react-i18next'
import type { WorkshopLinks } from '../../../shared/src/schema/workshopApi.ts'
import { CopyableLink } from '../components/CopyableLink.tsx'
import { QrCodeButton } from '../components/QrCodeButton.tsx'

export interface ShareLinksProps {
  links: WorkshopLinks
  /** Say whether a join code is needed; off where the join code form next to it says so. */
  showJoinCode?: boolean
}

/**
 * The participant and observer links of a workshop, to copy and hand out (facilitators
 * only see them), and the participant link as a QR code to show on the screen in the room.
 */
export function ShareLinks({ links, showJoinCode = true }: ShareLinksProps) {
  const { t } = useTranslation()
  const joinCode = links.joinCode === null ? t('links.noJoinCode') : t('links.joinCode', { code: links.joinCode })
  return (
    <div className="share-links">
      <CopyableLink
        label={t('links.participant')}
        hint={t('links.participantHint')}
        url={links.participantUrl}
        testId="participant-link"
        copyTestId="copy-participant-link"
        copyLabel={t('links.copyParticipant')}
        extra={
          <QrCodeButton
            url={links.participantUrl}
            title={t('qr.participantTitle')}
            hint={t('qr.participantHint')}
            buttonLabel={t('qr.showParticipant')}
            note={links.joinCode === null ? undefined : joinCode}
            testId="participant-qr"
          />
        }
      />
      <CopyableLink
        label={t('links.observer')}
        hint={t('links.observerHint')}
        url={links.observerUrl}
        testId="observer-link"
        copyTestId="copy-observer-link"
        copyLabel={t('links.copyObserver')}
      />
      {showJoinCode && (
        <p className="hint" data-testid="join-code-state">
          {joinCode}
        </p>
      )}
    </div>
  )
}
