import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { JoinInfo } from '../../../shared/src/schema/access.ts'
import { FormError } from '../components/form/FormError.tsx'
import { useSubmission } from '../hooks/useSubmission.ts'
import { JoinCodeField } from './JoinCodeField.tsx'

export interface ObserverJoinProps {
  info: JoinInfo
  onJoin(body: { joinCode?: string }): Promise<void>
}

/** An observer (følgekommune) gives no name: one button, and what watching means. */
export function ObserverJoin({ info, onJoin }: ObserverJoinProps) {
  const { t } = useTranslation()
  const [joinCode, setJoinCode] = useState('')
  const submission = useSubmission(() => onJoin(info.joinCodeRequired ? { joinCode } : {}))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void submission.run()
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-busy={submission.pending} data-testid="observe-form">
      <p className="notice">{t('join.observerNote')}</p>
      <FormError error={submission.error} testId="join-error" />
      {info.joinCodeRequired && <JoinCodeField value={joinCode} onChange={setJoinCode} error={submission.error} />}
      <p className="hint">{t('join.observerPrivacy')}</p>
      <div className="form__actions">
        <button type="submit" className="button button--primary button--large" data-testid="observe-submit" aria-disabled={submission.pending}>
          {t('join.observe')}
        </button>
      </div>
    </form>
  )
}
