import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

// Random secrets for cookies and one-time links, and how they are kept: the
// browser holds the secret, the database only its SHA-256, so a leaked
// database (or backup) does not let anyone take over a session or a link.

/** 32 random bytes as base64url (43 characters): a session id, CSRF token or one-time link token. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** The SHA-256 hex digest the store keeps instead of the secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

/** Compares two strings in time that does not depend on where they differ. */
export function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, which timingSafeEqual requires, without leaking the length.
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest())
}
