import type { FieldIssue } from '../../shared/src/schema/publicApi.ts'
import type { FacilitationRefusal } from '../../shared/src/schema/facilitationRules.ts'

/**
 * Errors the server raises on purpose, made by small factories so that every
 * one has a stable `code` (for clients and logs), an HTTP status, and a message
 * a person can act on. Anything else that reaches the error handler is a bug
 * and answers 500 `internal_error`.
 */
export class AppError extends Error {
  readonly code: string
  readonly status: number
  /** The invalid fields of a request (invalid_request only). */
  readonly fields: readonly FieldIssue[] | undefined

  constructor(code: string, status: number, message: string, options?: ErrorOptions & { fields?: FieldIssue[] }) {
    super(message, options)
    this.name = 'AppError'
    this.code = code
    this.status = status
    this.fields = options?.fields
  }
}

/** Bad configuration at start-up: the message names each bad variable and what it accepts. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

export function configError(problems: readonly string[]): ConfigError {
  return new ConfigError(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
}

export function invalidBoardId(): AppError {
  return new AppError('invalid_board_id', 400, 'The board id must be 8–64 letters, digits, "-" or "_".')
}

export function invalidAssetId(): AppError {
  return new AppError('invalid_asset_id', 400, 'The asset id is not valid.')
}

export function emptyUpload(): AppError {
  return new AppError('empty_upload', 400, 'The upload is empty: send the file as the request body.')
}

export function unsupportedAssetType(allowed: readonly string[]): AppError {
  return new AppError(
    'unsupported_media_type',
    415,
    `Only these file types can be uploaded: ${allowed.join(', ')}. The type is decided by the file's content, not its name.`,
  )
}

export function originNotAllowed(): AppError {
  return new AppError(
    'origin_not_allowed',
    403,
    'Requests from this page’s origin are not allowed. Use the app from its own address, or add the origin to ALLOWED_ORIGINS.',
  )
}

export function payloadTooLarge(maxBytes: number | null): AppError {
  const limit = maxBytes === null ? 'the limit' : `the limit of ${maxBytes} bytes`
  return new AppError('payload_too_large', 413, `The request body (e.g. the uploaded file) is larger than ${limit}.`)
}

export function invalidJson(): AppError {
  return new AppError('invalid_json', 400, 'The request body is not valid JSON.')
}

export function badRequestBody(message: string): AppError {
  return new AppError('bad_request', 400, message)
}

/** A query or path parameter (later: a body) failed validation; `fields` names each one. */
export function invalidRequest(part: string, fields: FieldIssue[]): AppError {
  const problems = fields.map((field) => (field.path === '' ? field.message : `${field.path}: ${field.message}`))
  return new AppError('invalid_request', 400, `Invalid ${part}: ${problems.join('; ')}`, { fields })
}

export function challengeNotFound(id: string): AppError {
  return new AppError('challenge_not_found', 404, `There is no challenge ${id}.`)
}

export function municipalityNotFound(id: string): AppError {
  return new AppError('municipality_not_found', 404, `There is no municipality ${id}.`)
}

export function notFound(what: string): AppError {
  return new AppError('not_found', 404, `${what} was not found.`)
}

export function clientNotBuilt(): AppError {
  return new AppError(
    'client_not_built',
    503,
    'The web client has not been built. Run `npm run build` (or start with `npm start`, which builds it when needed).',
  )
}

export function storageNotWritable(cause: unknown): AppError {
  return new AppError('storage_unavailable', 503, 'Storage cannot take writes right now.', { cause })
}

export function internalError(cause: unknown): AppError {
  return new AppError('internal_error', 500, 'Something went wrong on the server.', { cause })
}

// ---- accounts and sessions -----------------------------------------------------

export function notSignedIn(): AppError {
  return new AppError('not_signed_in', 401, 'Sign in as a facilitator, or join the workshop from its link, first.')
}

export function facilitatorsOnly(): AppError {
  return new AppError('facilitators_only', 403, 'Only facilitators can do this. Sign in as a facilitator.')
}

export function wrongWorkshop(): AppError {
  return new AppError(
    'wrong_workshop',
    403,
    'Your session belongs to another workshop. Open this workshop’s link to join it.',
  )
}

export function csrfTokenInvalid(): AppError {
  return new AppError(
    'csrf_token_invalid',
    403,
    'The request lacks the X-CSRF-Token of your session (from GET /api/session). Reload the page and try again.',
  )
}

export function invalidCredentials(): AppError {
  return new AppError('invalid_credentials', 401, 'The email address or the password is wrong.')
}

export function tooManyAttempts(retryAfterSeconds: number): AppError {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
  const [count, unit] = retryAfterSeconds < 60 ? [retryAfterSeconds, 'second'] : [minutes, 'minute']
  const wait = `${count} ${unit}${count === 1 ? '' : 's'}`
  return new AppError('too_many_attempts', 429, `Too many failed attempts. Try again in ${wait}.`)
}

export function setupLinkInvalid(): AppError {
  return new AppError(
    'setup_link_invalid',
    404,
    'This setup link is not valid: it was used, it expired (after 24 hours), or a facilitator already exists. Restart the server for a new one while no facilitator exists, or ask a facilitator for an invitation.',
  )
}

export function invitationInvalid(): AppError {
  return new AppError(
    'invitation_invalid',
    404,
    'This invitation is not valid: it was used or it expired (after 7 days). Ask a facilitator for a new one.',
  )
}

export function emailTaken(): AppError {
  return new AppError('email_taken', 409, 'A facilitator with this email address already exists. Sign in instead.')
}

export function facilitatorNotFound(id: string): AppError {
  return new AppError('facilitator_not_found', 404, `There is no facilitator ${id}.`)
}

export function ownAccount(): AppError {
  return new AppError(
    'own_account',
    409,
    'You cannot do this to your own account: change your password under “Bytt passord”, and ask another facilitator to deactivate your account.',
  )
}

export function facilitatorDeactivated(): AppError {
  return new AppError(
    'facilitator_deactivated',
    409,
    'This facilitator’s account is deactivated. Activate it first, then make a link for a new password.',
  )
}

export function lastActiveFacilitator(): AppError {
  return new AppError(
    'last_active_facilitator',
    409,
    'This is the only active facilitator account; without it nobody could sign in. Activate or invite another facilitator first.',
  )
}

export function resetLinkInvalid(): AppError {
  return new AppError(
    'reset_link_invalid',
    404,
    'This link for a new password is not valid: it was used, a newer link replaced it, it expired (after 24 hours), or the account was deactivated. Ask a facilitator for a new one.',
  )
}

export function currentPasswordWrong(): AppError {
  return new AppError('current_password_wrong', 403, 'Your current password is wrong.', {
    fields: [{ path: 'currentPassword', message: 'Your current password is wrong.' }],
  })
}

// ---- workshops, steps and joining ---------------------------------------------

export function workshopNotFound(id: string): AppError {
  return new AppError('workshop_not_found', 404, `There is no workshop ${id}.`)
}

export function stepNotFound(id: string): AppError {
  return new AppError('step_not_found', 404, `There is no step ${id}.`)
}

export function tooManySteps(max: number): AppError {
  return new AppError('too_many_steps', 409, `A workshop has at most ${max} steps. Delete a step before adding another.`)
}

export function linkInvalid(): AppError {
  return new AppError(
    'link_invalid',
    404,
    'This workshop link is not valid: it may have been replaced by a new one. Ask the facilitator for the current link.',
  )
}

export function workshopClosed(): AppError {
  return new AppError('workshop_closed', 409, 'This workshop is closed; it can no longer be joined.')
}

export function joinCodeWrong(): AppError {
  return new AppError('join_code_wrong', 403, 'The join code is wrong. Check it with the facilitator and try again.')
}

export function participantsOnly(): AppError {
  return new AppError(
    'participants_only',
    403,
    'Only the workshop’s participants write on private boards: observers watch, and facilitators open every participant’s private board from the step.',
  )
}

export function notYourBoard(): AppError {
  return new AppError(
    'not_your_board',
    403,
    'This is another participant’s private board: only they and the facilitators can open it. Open your own from the step.',
  )
}

/** An upload to a board its sender may not change; `reason` says why, as the board's socket would. */
export function boardNotWritable(reason: string): AppError {
  return new AppError('board_not_writable', 403, `Files cannot be added to this board. ${reason}.`)
}

// ---- challenge descriptions: drafts and versions -------------------------------

export function descriptionNotPublished(challengeId: string): AppError {
  return new AppError('description_not_published', 404, `The description of challenge ${challengeId} has not been published yet.`)
}

export function versionNotFound(challengeId: string, version: number): AppError {
  return new AppError('version_not_found', 404, `The description of challenge ${challengeId} has no version ${version}.`)
}

export function workshopNotInChallenge(workshopId: string, challengeId: string): AppError {
  return new AppError(
    'workshop_not_in_challenge',
    400,
    `Workshop ${workshopId} works on another challenge, not ${challengeId}. Draft from one of this challenge’s workshops.`,
  )
}

export function nothingToPublish(): AppError {
  return new AppError(
    'nothing_to_publish',
    409,
    'There is no draft to publish yet. Draft from a workshop or fill in the description first.',
  )
}

export function momentNotKept(): AppError {
  return new AppError(
    'moment_not_kept',
    409,
    'That moment of the board is no longer kept (its history reaches back HISTORY_DAYS days). Pick a later moment.',
  )
}

export function notARestore(seq: number): AppError {
  return new AppError('not_a_restore', 400, `History row ${seq} of this board is not a restore, so there is nothing to undo.`)
}

export function participantNotFound(id: string): AppError {
  return new AppError('participant_not_found', 404, `There is no participant ${id} in this workshop.`)
}

export function boardUnavailable(): AppError {
  return new AppError('board_unavailable', 409, 'The board is being deleted or the server is shutting down; try again.')
}

const facilitationMessages: Record<FacilitationRefusal, string> = {
  forbidden: 'Only facilitators lead the room, and observers take no part: your role may not do this.',
  unknown_step: 'That step is not one of this workshop’s (it may have been deleted): reload the workshop.',
  no_current_step: 'No step is running: start a step before bringing everyone to it.',
  timer_state: 'The step’s timer is not in a state that allows this (it may have been stopped or paused by another facilitator).',
  timer_too_long: 'A step’s timer can run for at most eight hours in all.',
  private_state: 'No step is in private writing, so there is nothing to reveal.',
  vote_closed: 'The vote is not open: the facilitator ended it, or its time ran out.',
  not_a_note: 'Only notes on the vote’s board can get dots.',
  outside_frame: 'This vote is only about the notes in one frame, and this note is outside it.',
  own_note: 'In this vote you cannot give dots to your own notes.',
  one_per_note: 'In this vote each note can get one dot from you.',
  no_dots_left: 'You have used all your dots. Take one back from a note to give it to another.',
  no_dot_here: 'You have no dot on this note to take back.',
  vote_state: 'There is no vote in a state that allows this (it may have been ended, revealed or cleared by another facilitator).',
}

/** A facilitation action the rules refuse: 403 for the wrong role, 409 when the room's state does not allow it. */
export function facilitationRefused(reason: FacilitationRefusal): AppError {
  return new AppError(`facilitation_${reason}`, reason === 'forbidden' ? 403 : 409, facilitationMessages[reason])
}

export function workshopNotClosed(): AppError {
  return new AppError(
    'workshop_not_closed',
    409,
    'Only a closed workshop has a deletion date. Close the workshop first; reopening it cancels its deletion date.',
  )
}
