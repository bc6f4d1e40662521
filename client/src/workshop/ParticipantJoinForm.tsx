import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Affiliation, DisplayName, type JoinInfo } from '../../../shared/src/schema/access.ts'
import { checkBody, issuesAt } from '../app/apiErrors.ts'
import { Field } from '../components/form/Field.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { TextField } from '../components/form/TextField.tsx'
import { useFocusFirstInvalid } from '../components/form/useFocusFirstInvalid.ts'
import { useSubmission } from '../hooks/useSubmission.ts'
import { JoinCodeField } from './JoinCodeField.tsx'
import { affiliationKey } from './labels.ts'
import { PrivacyNotice } from './PrivacyNotice.tsx'

/** What a participant must give; the server checks the same (JoinBody), this names a missing affiliation first. */
const ParticipantJoin = z.object({ displayName: DisplayName, affiliation: Affiliation })

export interface ParticipantJoinFormProps {
  info: JoinInfo
  /** Sends the join; throws an ApiRequestError to show. */
  onJoin(body: { displayName: string; affiliation: Affiliation; joinCode?: string }): Promise<void>
}

/** A participant's name, where they come from, the join code when one is required, and what is stored. */
export function ParticipantJoinForm({ info, onJoin }: ParticipantJoinFormProps) {
  const { t } = useTranslation()
  const form = useRef<HTMLFormElement>(null)
  const [displayName, setDisplayName] = useState('')
  const [affiliation, setAffiliation] = useState('')
  const [joinCode, setJoinCode] = useState('')
  const submission = useSubmission(async () => {
    const body = checkBody(ParticipantJoin, { displayName, affiliation: affiliation === '' ? undefined : affiliation })
    await onJoin({ ...body, ...(info.joinCodeRequired ? { joinCode } : {}) })
  })
  const { error } = submission
  useFocusFirstInvalid(form, error)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void submission.run()
  }

  return (
    <form ref={form} className="form" onSubmit={submit} noValidate aria-busy={submission.pending} data-testid="join-form">
      <FormError error={error} testId="join-error" />
      <TextField
        label={t('join.name')}
        hint={t('join.nameHint')}
        issues={issuesAt(error, 'displayName')}
        input={{ autoComplete: 'name', maxLength: 60 }}
        testId="join-name"
        value={displayName}
        onChange={setDisplayName}
      />
      <Field label={t('join.affiliation')} hint={t('join.affiliationHint')} issues={issuesAt(error, 'affiliation')}>
        {(control) => (
          <select {...control} data-testid="join-affiliation" value={affiliation} onChange={(event) => setAffiliation(event.target.value)}>
            <option value="">{t('join.chooseAffiliation')}</option>
            {Affiliation.options.map((option) => (
              <option key={option} value={option}>
                {t(affiliationKey[option])}
              </option>
            ))}
          </select>
        )}
      </Field>
      {info.joinCodeRequired && <JoinCodeField value={joinCode} onChange={setJoinCode} error={error} />}
      <PrivacyNotice />
      <div className="form__actions">
        <button type="submit" className="button button--primary button--large" data-testid="join-submit" aria-disabled={submission.pending}>
          {t('join.submit')}
        </button>
      </div>
    </form>
  )
}
