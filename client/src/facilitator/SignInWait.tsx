import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiRequestError } from '../app/apiErrors.ts'

/**
 * A sign-in the server held back (429): why, when to try again (in so many seconds or minutes,
 * and at what time), and that a browser used before is not held back. Announced at once. It says
 * nothing about whether the email has an account, as the server does not either.
 * The form drops it while the next attempt runs, so the time to try again is fixed when an answer came.
 */
export function SignInWait({ error }: { error: ApiRequestError }) {
  const { t, i18n } = useTranslation()
  const seconds = Math.max(1, error.retryAfterSeconds ?? 60)
  const [until] = useState(() => Date.now() + seconds * 1000)
  const clock = new Intl.DateTimeFormat(i18n.language, {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds < 60 ? { second: '2-digit' as const } : {}),
  })
  const time = clock.format(until)
  const when =
    seconds < 60
      ? t('signInWait.whenSeconds', { count: seconds, time })
      : t('signInWait.whenMinutes', { count: Math.ceil(seconds / 60), time })
  return (
    <div className="error-message sign-in-wait" role="alert" data-testid="login-error" data-code={error.code}>
      <p>
        <strong>{t('signInWait.heading')}</strong>
      </p>
      <p>
        {t('signInWait.reason')} {when}
      </p>
      <p>{t('signInWait.trustedBrowser')}</p>
    </div>
  )
}
