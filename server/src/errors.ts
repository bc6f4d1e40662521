import type { FieldIssue } from '../../shared/src/schema/publicApi.ts'

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
