import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Municipality } from '../../../shared/src/schema/municipality.ts'
import { MunicipalityFactsForm } from './MunicipalityFactsForm.tsx'
import { languageFormKey } from './municipalityFacts.ts'

export interface MunicipalityFactsItemProps {
  municipality: Municipality
  onSaved(municipality: Municipality): void
}

/** One municipality: its name, county and language form, and "Endre" to open a form for them under it. */
export function MunicipalityFactsItem({ municipality, onSaved }: MunicipalityFactsItemProps) {
  const { t } = useTranslation()
  const formId = useId()
  const [editing, setEditing] = useState(false)
  const editButton = useRef<HTMLButtonElement>(null)
  // After the form closes, focus goes back to the button that opened it, not to the page's top.
  const [returnFocus, setReturnFocus] = useState(false)
  useEffect(() => {
    if (!editing && returnFocus) {
      editButton.current?.focus()
      setReturnFocus(false)
    }
  }, [editing, returnFocus])
  const close = () => {
    setEditing(false)
    setReturnFocus(true)
  }
  const county = municipality.county ?? t('municipalities.countyNotGiven')
  return (
    <li className="municipalities__item" data-testid="municipality" data-name={municipality.name}>
      <div className="municipalities__row">
        <span className="municipalities__name">{municipality.name}</span>
        <span className="municipalities__facts" data-testid="municipality-facts">
          {t('municipalities.facts', { county, languageForm: t(languageFormKey[municipality.languageForm]) })}
        </span>
        <button
          ref={editButton}
          type="button"
          className="button button--quiet"
          aria-expanded={editing}
          aria-controls={editing ? formId : undefined}
          data-testid="municipality-edit"
          onClick={() => (editing ? close() : setEditing(true))}
        >
          {t('municipalities.edit')}
          <span className="visually-hidden"> {municipality.name}</span>
        </button>
      </div>
      {editing && (
        <MunicipalityFactsForm
          id={formId}
          municipality={municipality}
          onSaved={(saved) => {
            onSaved(saved)
            close()
          }}
          onCancel={close}
        />
      )}
    </li>
  )
}
