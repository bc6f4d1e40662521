import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { JoinCodeBody, WorkshopLinks } from '../../../shared/src/schema/workshopApi.ts'
import { checkBody } from '../app/apiErrors.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { useFocusFirstInvalid } from '../components/form/useFocusFirstInvalid.ts'
import { useSubmission } from '../hooks/useSubmission.ts'
import { JoinCodeField } from '../workshop/JoinCodeField.tsx'

export interface JoinCodeFormProps {
  workshopId: string
  joinCode: string | null
  onChanged(links: WorkshopLinks, message: string): void
}

/** Sets or removes the code people must type to join (`PUT /api/workshops/:id/join-code`). */
export function JoinCodeForm({ workshopId, joinCode, onChanged }: JoinCodeFormProps) {
  const { t } = useTranslation()
  const { api } = useAppServices()
  const form = useRef<HTMLFormElement>(null)
  const [code, setCode] = useState('')
  const submission = useSubmission(async (next: string | null) => {
    const body = checkBody(JoinCodeBody, { joinCode: next })
    const links = await api.send({ method: 'PUT', path: `/api/workshops/${workshopId}/join-code`, body, as: 'facilitator', response: WorkshopLinks })
    setCode('')
    onChanged(links, next === null ? t('joinCode.removed') : t('joinCode.set', { code: links.joinCode ?? next }))
  })
  useFocusFirstInvalid(form, submission.error)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void submission.run(code)
  }

  return (
    <form ref={form} className="form" onSubmit={submit} noValidate aria-busy={submission.pending} data-testid="join-code-form">
      <p data-testid="join-code-current">{joinCode === null ? t('joinCode.none') : t('joinCode.current', { code: joinCode })}</p>
      <FormError error={submission.error} testId="join-code-error" />
      <JoinCodeField
        label={joinCode === null ? t('joinCode.newLabel') : t('joinCode.changeLabel')}
        hint={t('joinCode.hint')}
        testId="join-code-input"
        value={code}
        onChange={setCode}
        error={submission.error}
      />
      <div className="form__actions">
        <button type="submit" className="button" data-testid="join-code-set" aria-disabled={submission.pending}>
          {t('joinCode.save')}
        </button>
        {joinCode !== null && (
          <button type="button" className="button" data-testid="join-code-remove" aria-disabled={submission.pending} onClick={() => void submission.run(null)}>
            {t('joinCode.remove')}
          </button>
        )}
      </div>
    </form>
  )
}
