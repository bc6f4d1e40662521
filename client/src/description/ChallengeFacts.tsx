import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { DescriptionFields } from '../../../shared/src/description/challengeDescription.ts'
import { fieldLabels, languageFormLabels } from '../../../shared/src/description/labels.ts'
import { useLabelLanguage } from './useLabelLanguage.ts'

/** The fields that follow the challenge (municipalities, language form), shown with where to change them. */
export function ChallengeFacts({ challengeId, fields }: { challengeId: string; fields: DescriptionFields }) {
  const { t, i18n } = useTranslation()
  const language = useLabelLanguage()
  const names = (municipalities: readonly { name: string }[]) =>
    municipalities.length === 0 ? t('challenge.none') : new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(municipalities.map((m) => m.name))
  return (
    <div className="challenge-facts" data-testid="description-challenge-facts">
      <dl className="facts">
        <dt>{fieldLabels.leadMunicipality.label[language]}</dt>
        <dd>{fields.leadMunicipality.name}</dd>
        <dt>{fieldLabels.coApplicants.label[language]}</dt>
        <dd>{names(fields.coApplicants)}</dd>
        <dt>{fieldLabels.followerMunicipalities.label[language]}</dt>
        <dd>{names(fields.followerMunicipalities)}</dd>
        <dt>{fieldLabels.languageForm.label[language]}</dt>
        <dd>{languageFormLabels[fields.languageForm][language]}</dd>
      </dl>
      <p className="hint">
        {t('description.factsHint')} <Link to={`/challenge/${challengeId}/edit`}>{t('facilitator.editChallenge')}</Link>
      </p>
    </div>
  )
}
