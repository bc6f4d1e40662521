import { useTranslation } from 'react-i18next'
import { fieldLabels } from '../../../shared/src/description/labels.ts'
import type { ChecklistItem } from '../../../shared/src/description/publishChecklist.ts'
import { useLabelLanguage } from './useLabelLanguage.ts'

/**
 * What a business needs before it can answer, each field ticked or warned about in words (not by
 * colour alone), linking to its place in the form. It advises: publishing stays open.
 */
export function PublishChecklist({ items }: { items: readonly ChecklistItem[] }) {
  const { t } = useTranslation()
  const language = useLabelLanguage()
  const open = items.filter((item) => item.status !== 'done').length
  return (
    <div className="publish-checklist" data-testid="publish-checklist">
      <h3 id="publish-checklist-heading">{t('publishChecklist.heading')}</h3>
      <p className="hint">{t('publishChecklist.lead')}</p>
      <ul aria-labelledby="publish-checklist-heading">
        {items.map(({ field, status }) => (
          <li key={field} className={`publish-checklist__item publish-checklist__item--${status}`} data-testid={`checklist-${field}`} data-status={status}>
            <span className="publish-checklist__mark" aria-hidden="true">
              {status === 'done' ? '✓' : '!'}
            </span>
            {/* One flex item, so that the colon follows the label without the gap between the mark and the words. */}
            <span>
              <a href={`#field-${field}`}>{fieldLabels[field].label[language]}</a>: {t(`publishChecklist.${status}`)}
            </span>
          </li>
        ))}
      </ul>
      <p className="publish-checklist__summary" data-testid="publish-checklist-summary">
        {open === 0 ? t('publishChecklist.allDone') : t('publishChecklist.someMissing', { count: open })}
      </p>
    </div>
  )
}
