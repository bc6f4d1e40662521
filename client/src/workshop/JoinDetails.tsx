import { useTranslation } from 'react-i18next'
import type { JoinInfo } from '../../../shared/src/schema/access.ts'
import { formatWorkshopTime } from './dateTime.ts'

/** What a join link leads to: the workshop, its time and the challenge it works on. */
export function JoinDetails({ info }: { info: JoinInfo }) {
  const { t, i18n } = useTranslation()
  return (
    <header className="workshop-header">
      <p className="eyebrow">{info.role === 'observer' ? t('join.eyebrowObserver') : t('join.eyebrowParticipant')}</p>
      <h1 data-testid="join-workshop-title">{info.workshop.title}</h1>
      <dl className="facts">
        <dt>{t('workshop.time')}</dt>
        <dd>{formatWorkshopTime(info.workshop.startsAt, info.workshop.endsAt, i18n.language)}</dd>
        <dt>{t('join.challenge')}</dt>
        <dd>
          {info.challenge.name}
          <br />
          <span className="challenge__question">{info.challenge.title}</span>
        </dd>
        <dt>{t('workshop.municipality')}</dt>
        <dd>{info.challenge.municipality}</dd>
      </dl>
    </header>
  )
}
