import { useTranslation } from 'react-i18next'
import type { DescriptionFields } from '../../../shared/src/description/challengeDescription.ts'
import { descriptionSections, documentTexts, fieldLabels } from '../../../shared/src/description/labels.ts'
import { FieldValue } from './FieldValue.tsx'

/**
 * The description as it will read, updated as the person types: the exports'
 * sections and labels in the description's language form, every text rendered
 * as text (React escapes it; nothing from a note becomes markup).
 */
export function DescriptionPreview({ fields }: { fields: DescriptionFields }) {
  const { t } = useTranslation()
  const language = fields.languageForm
  return (
    // Focusable: on wide screens it scrolls by itself beside the form, and keyboards must reach that too.
    <section className="description-preview" aria-labelledby="description-preview-heading" data-testid="description-preview" tabIndex={0}>
      <h2 id="description-preview-heading">{t('description.previewHeading')}</h2>
      <p className="hint">{t('description.previewHint')}</p>
      <article className="description-preview__document" lang={language}>
        <p className="eyebrow">{documentTexts.documentTitle[language]}</p>
        <h3 className="description-preview__title">{fields.title.trim() === '' ? documentTexts.notGiven[language] : fields.title}</h3>
        {descriptionSections.map((section) => (
          <div key={section.key} className="description-preview__section">
            <h4>{section.heading[language]}</h4>
            {section.fields
              .filter((key) => key !== 'title')
              .map((key) => (
                <div key={key} className="description-preview__field">
                  <h5>{fieldLabels[key].label[language]}</h5>
                  <FieldValue fieldKey={key} value={fields[key]} language={language} />
                </div>
              ))}
          </div>
        ))}
      </article>
    </section>
  )
}
