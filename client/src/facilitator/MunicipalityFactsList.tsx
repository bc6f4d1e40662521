import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Municipality } from '../../../shared/src/schema/municipality.ts'
import { MunicipalityList } from '../../../shared/src/schema/publicApi.ts'
import { useApiResource } from '../hooks/useApiResource.ts'
import { MunicipalityFactsItem } from './MunicipalityFactsItem.tsx'
import { languageFormKey } from './municipalityFacts.ts'

/**
 * Every municipality by name, with its county and official language form, each changeable on
 * its own; what was saved last is said in a status line, so a screen reader hears it.
 */
export function MunicipalityFactsList() {
  const { t, i18n } = useTranslation()
  const list = useApiResource('/api/municipalities', MunicipalityList)
  // Saved changes replace the loaded rows, so the list need not be loaded again.
  const [changed, setChanged] = useState<ReadonlyMap<string, Municipality>>(new Map())
  const [message, setMessage] = useState('')
  const municipalities = useMemo(() => {
    if (list.status !== 'loaded') return []
    const collator = new Intl.Collator(i18n.language)
    return list.value.municipalities.map((municipality) => changed.get(municipality.id) ?? municipality).sort((a, b) => collator.compare(a.name, b.name))
  }, [list, changed, i18n.language])

  const saved = (municipality: Municipality) => {
    setChanged((current) => new Map(current).set(municipality.id, municipality))
    setMessage(
      t('municipalities.saved', {
        name: municipality.name,
        county: municipality.county ?? t('municipalities.countyNotGiven'),
        languageForm: t(languageFormKey[municipality.languageForm]),
      }),
    )
  }

  if (list.status === 'loading') return <p role="status">{t('municipalities.loading')}</p>
  if (list.status !== 'loaded') {
    return (
      <p className="error-message" role="alert">
        {t('municipalities.failed')}
      </p>
    )
  }
  return (
    <>
      <p role="status" className="municipalities__status" data-testid="municipality-saved">
        {message}
      </p>
      <ul className="municipalities__list" data-testid="municipality-list">
        {municipalities.map((municipality) => (
          <MunicipalityFactsItem key={municipality.id} municipality={municipality} onSaved={saved} />
        ))}
      </ul>
    </>
  )
}
