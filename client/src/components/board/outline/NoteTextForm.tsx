import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'

export interface NoteTextFormProps {
  initial: string
  /** Saves the text; returns false when it could not be saved (the form stays open). */
  onSave(text: string): boolean
  onCancel(): void
  testId: string
}

/** A note's text to write or rewrite: a labelled text area, "Lagre" and "Avbryt" (Escape cancels too). */
export function NoteTextForm({ initial, onSave, onCancel, testId }: NoteTextFormProps) {
  const { t } = useTranslation()
  const id = useId()
  const [text, setText] = useState(initial)
  const [empty, setEmpty] = useState(false)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (text.trim() === '') {
      setEmpty(true)
      return
    }
    onSave(text.trim())
  }
  return (
    <form
      className="board-outline__form"
      onSubmit={submit}
      data-testid={testId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation()
          onCancel()
        }
      }}
    >
      <label htmlFor={id}>{t('outline.text')}</label>
      <textarea
        id={id}
        value={text}
        rows={3}
        maxLength={2000}
        autoFocus
        aria-invalid={empty}
        aria-describedby={empty ? `${id}-error` : undefined}
        data-testid="outline-note-text"
        onChange={(event) => {
          setText(event.target.value)
          setEmpty(false)
        }}
      />
      {empty && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {t('outline.emptyText')}
        </p>
      )}
      <div className="board-outline__buttons">
        <button type="submit" className="button button--primary" data-testid="outline-save">
          {t('outline.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('outline.cancel')}
        </button>
      </div>
    </form>
  )
}
