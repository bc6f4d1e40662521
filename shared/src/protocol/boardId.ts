/**
 * Board ids are URL-safe: 8–64 characters of letters, digits, `-` and `_`.
 * Everything that takes a board id from outside (URL paths, socket paths) checks
 * it with this before touching storage.
 */
const boardIdPattern = /^[A-Za-z0-9_-]{8,64}$/

export function isBoardId(value: string): boolean {
  return boardIdPattern.test(value)
}

/** A new random board id (21 characters, ~126 bits), unguessable enough to share as a link. */
export function newBoardId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
  const bytes = new Uint8Array(21)
  crypto.getRandomValues(bytes)
  let id = ''
  for (const byte of bytes) id += alphabet[byte & 63]
  return id
}

/** The path of a board's sync socket; the provider appends the board id to `syncBasePath`. */
export const syncBasePath = '/sync'
