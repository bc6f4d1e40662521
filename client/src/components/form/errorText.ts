import type { TFunction } from 'i18next'
import type { FieldIssue } from '../../../../shared/src/schema/publicApi.ts'
import type { ApiRequestError } from '../../app/apiErrors.ts'

/** A message to show, and its language when it is the server's English text rather than ours. */
export interface ShownText {
  text: string
  lang?: 'en'
}

/** The error codes the pages explain in the person's language. */
const codeKeys = {
  network_error: 'errors.network',
  unexpected_response: 'errors.unexpected',
  invalid_request: 'errors.invalidRequest',
  invalid_credentials: 'errors.invalidCredentials',
  not_signed_in: 'errors.notSignedIn',
  facilitators_only: 'errors.facilitatorsOnly',
  wrong_workshop: 'errors.wrongWorkshop',
  csrf_token_invalid: 'errors.csrf',
  origin_not_allowed: 'errors.origin',
  setup_link_invalid: 'errors.setupLinkInvalid',
  invitation_invalid: 'errors.invitationInvalid',
  link_invalid: 'errors.linkInvalid',
  join_code_wrong: 'errors.joinCodeWrong',
  workshop_closed: 'errors.workshopClosed',
  nothing_to_publish: 'errors.nothingToPublish',
  workshop_not_in_challenge: 'errors.workshopNotInChallenge',
  own_account: 'accounts.ownAccount',
  facilitator_deactivated: 'accounts.facilitatorDeactivated',
  last_active_facilitator: 'accounts.lastActive',
  facilitator_not_found: 'accounts.facilitatorNotFound',
  reset_link_invalid: 'accounts.resetInvalid',
  current_password_wrong: 'accounts.currentPasswordWrong',
  email_taken: 'errors.emailTaken',
} as const

/** What went wrong with a request, for a person: our own text for known codes, else the server's message. */
export function describeError(t: TFunction, error: ApiRequestError): ShownText {
  if (error.code === 'too_many_attempts') {
    const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60))
    return { text: t('errors.tooManyAttempts', { count: minutes }) }
  }
  const key = codeKeys[error.code as keyof typeof codeKeys]
  if (key !== undefined) return { text: t(key) }
  if (error.status >= 500) return { text: t('errors.server') }
  return { text: error.message, lang: 'en' }
}

/**
 * The validators' messages (shared/src/schema, the same on client and server)
 * in the person's language; a message we do not know is shown as it is, in English.
 */
export function describeIssue(t: TFunction, issue: FieldIssue): ShownText {
  const { message } = issue
  let match: RegExpExecArray | null
  if ((match = /^code:(\w+)$/.exec(message))) {
    const key = codeKeys[match[1] as keyof typeof codeKeys]
    if (key !== undefined) return { text: t(key) }
  }
  if (message === 'Must not be empty.') return { text: t('errors.fieldEmpty') }
  if ((match = /^Must be at most (\d+) characters\.$/.exec(message))) return { text: t('errors.fieldTooLong', { max: Number(match[1]) }) }
  if ((match = /^Must be at least (\d+) characters\.$/.exec(message))) return { text: t('errors.fieldTooShort', { min: Number(match[1]) }) }
  if (message.startsWith('Must be an email address')) return { text: t('errors.fieldEmail') }
  if (message.startsWith('Must be phrased as a question')) return { text: t('errors.fieldHowQuestion') }
  if (message.startsWith('A join code is')) return { text: t('errors.fieldJoinCode') }
  if (message === 'A workshop must end after it starts.') return { text: t('errors.fieldEndsAfterStart') }
  // A workshop's deletion date is a day (DeletionDateControl), not a moment.
  if (message.startsWith('Expected an ISO 8601 date')) return { text: t(issue.path === 'deletesAt' ? 'errors.fieldDate' : 'errors.fieldDateTime') }
  if (message.startsWith('The deletion date must be in the future')) return { text: t('errors.fieldDeletionPast') }
  if ((match = /^The deletion date can be at most .* \((\d+) days from now\)\.$/.exec(message))) return { text: t('errors.fieldDeletionTooLate', { days: Number(match[1]) }) }
  if (message === 'A step takes at least one minute.' || /^Too (small|big): expected number/.test(message)) {
    return { text: t('errors.fieldMinutes') }
  }
  if (message === 'Must not contain control characters.') return { text: t('errors.fieldControl') }
  if (/must be distinct\.$/.test(message) || message === 'Each step must appear once.') return { text: t('errors.fieldDistinct') }
  if (/^Municipality .* is already the /.test(message)) return { text: t('errors.fieldMunicipalityRole') }
  // Only a choice can be missing or outside its options: the forms send an empty text as '', which
  // is 'Must not be empty.' above, and leave a list not chosen from out.
  if (/received undefined$/.test(message) || /^Invalid option/.test(message) || message.startsWith('Expected an id of')) {
    return { text: t('errors.fieldChoose') }
  }
  return { text: message, lang: 'en' }
}

/**
 * A field problem that an error code implies (a wrong join code is the join code
 * field's problem), so the field is marked and described like any other.
 */
export function issueForCode(path: string, error: ApiRequestError | null, code: keyof typeof codeKeys): FieldIssue[] {
  return error?.code === code ? [{ path, message: `code:${code}` }] : []
}
