import { useTranslation } from 'react-i18next'
import type { DescriptionFields } from '../../../shared/src/description/challengeDescription.ts'
import { leadAndBackground, leadFields, municipalityLine, namesItsFields } from '../../../shared/src/description/documentLayout.ts'
import { descriptionSections, documentTexts, fieldLabels } from '../../../shared/src/description/labels.ts'
import { FieldValue } from './FieldValue.tsx'
import { FreeText } from './FreeText.tsx'

/**
 * The description as it will read, updated as the person types: laid out as the exports lay it out
 * (documentLayout.ts: the challenge's name with its municipality, the summary as the ingress, no field
 * heading that repeats its section's), in the description's language form. Empty fields say so. Every
 * text is rendered as text (React escapes it; nothing from a note becomes markup).
 */
export function DescriptionPreview({ fields }: { fields: DescriptionFields }) {
  const { t } = useTranslation()
  const language = fields.languageForm
  const { lead, background } = leadAndBackground(fields)
  const shown: DescriptionFields = { ...fields, background }
  return (
    // Focusable: on wide screens it scrolls by itself beside the form, and keyboards must reach that too.
    <section className="description-preview" aria-labelledby="description-preview-heading" data-testid="description-preview" tabIndex={0}>
      <h2 id="description-preview-heading">{t('description.previewHeading')}</h2>
      <p className="hint">{t('description.previewHint')}</p>
      <article className="description-preview__document" lang={language}>
        <p className="eyebrow">{documentTexts.documentTitle[language]}</p>
        <h3 className="description-preview__title">{fields.title.trim() === '' ? documentTexts.notGiven[language] : fields.title}</h3>
        <p className="description-preview__municipality" data-testid="preview-municipality">
          {municipalityLine(fields.leadMunicipality.name, language)}
        </p>
        <div className="description-preview__lead" data-testid="preview-lead">
          {lead === '' ? <p className="description-value__empty">{`${fieldLabels.summary.label[language]}: ${documentTexts.notGiven[language]}`}</p> : <FreeText markdown={lead} />}
        </div>
        {descriptionSections.map((section) => {
          const named = namesItsFields(section)
          return (
            <div key={section.key} className="description-preview__section">
              <h4>{section.heading[language]}</h4>
              {section.fields
                .filter((key) => !leadFields.has(key))
                .map((key) => (
                  <div key={key} className="description-preview__field">
                    {named && fieldLabels[key].label[language] !== section.heading[language] && <h5>{fieldLabels[key].label[language]}</h5>}
                    <FieldValue fieldKey={key} value={shown[key]} language={language} />
                  </div>
                ))}
            </div>
          )
        })}
      </article>
    </section>
  )
}
