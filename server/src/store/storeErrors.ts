/**
 * Errors a BoardStore throws. Every implementation uses these, so the relay and
 * the routes can tell a caller's mistake (`invalid_input`, `conflict`) from
 * storage trouble (`storage_failed`) without parsing messages.
 */
export type BoardStoreErrorCode =
  /** A call after close(). */
  | 'store_closed'
  /** A malformed argument: a bad board id, a non-binary update, an impossible seq. */
  | 'invalid_input'
  /** The call contradicts what is stored, e.g. an asset id reused for other bytes. */
  | 'conflict'
  /** The storage itself failed: disk full, database locked, I/O error. */
  | 'storage_failed'
  /** The database was written by a newer version of the server. */
  | 'schema_too_new'

export class BoardStoreError extends Error {
  readonly code: BoardStoreErrorCode

  constructor(code: BoardStoreErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'BoardStoreError'
    this.code = code
  }
}

export function storeClosed(action: string, store = 'board store'): BoardStoreError {
  return new BoardStoreError('store_closed', `Cannot ${action}: the ${store} is closed.`)
}

export function invalidInput(message: string): BoardStoreError {
  return new BoardStoreError('invalid_input', message)
}

export function storeConflict(message: string): BoardStoreError {
  return new BoardStoreError('conflict', message)
}

/** Wraps a failure of the underlying database, naming what was being done (and for which board). */
export function storageFailed(action: string, cause: unknown): BoardStoreError {
  if (cause instanceof BoardStoreError) return cause
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new BoardStoreError('storage_failed', `Could not ${action}: ${reason}`, { cause })
}

/**
 * Runs one synchronous store operation as a promise: refused once the store is
 * closed, database failures wrapped with what was being done. Every SQLite store
 * goes through this, so their errors read alike.
 */
export function storeOperation<T>(isOpen: boolean, store: string, action: string, work: () => T): Promise<T> {
  if (!isOpen) return Promise.reject(storeClosed(action, store))
  try {
    return Promise.resolve(work())
  } catch (error) {
    return Promise.reject(storageFailed(action, error))
  }
}
