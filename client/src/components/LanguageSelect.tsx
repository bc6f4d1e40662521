import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { useObservable } from '../hooks/useObservable.ts'
import { isLanguage, languageShortNames, languages } from '../i18n/index.ts'

/** The language selector shown on every page; the choice is remembered on the device. */
export function LanguageSelect() {
  const { t } = useTranslation()
  const { language } = useAppServices()
  const current = useObservable(language.language)
  const id = useId()
  return (
    <div className="language-select">
      <label htmlFor={id} className="language-select__label">
        {t('language.label')}
      </label>
      <select
        id={id}
        data-testid="language-select"
        value={current}
        onChange={(event) => {
          if (isLanguage(event.target.value)) language.set(event.target.value)
        }}
      >
        {languages.map((code) => (
          <option key={code} value={code} lang={code}>
            {languageShortNames[code]}
          </option>
        ))}
      </select>
    </div>
  )
}
