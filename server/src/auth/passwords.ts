import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

// Password hashes for the 'password' credential: scrypt with a random salt per
// password, the cost parameters stored in the hash string so they can be
// raised later without invalidating existing passwords:
//   scrypt$<N>$<r>$<p>$<salt base64url>$<key base64url>

/** N = 2^15, r = 8, p = 1: about 32 MiB and tens of milliseconds per hash, per sign-in. */
const current = { N: 2 ** 15, r: 8, p: 1 }
const keyLength = 32
const saltLength = 16

/**
 * A hash of a password nobody knows, with the current parameters: verified
 * against when the email is unknown, so that answer takes as long as a wrong
 * password and does not tell which emails have accounts.
 */
const unknownAccountHash =
  'scrypt$32768$8$1$RCFB9J40H6dE_viObfpQ7Q$gJX580F4ZfUmtC3hhN1MksKaZlCGXbKfMeHKh_Uj29w'

/** The hash string to store for a new password. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltLength)
  const key = await derive(password, salt, current)
  return ['scrypt', current.N, current.r, current.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/**
 * Whether `password` matches the stored hash; with no hash (unknown account)
 * it checks against a dummy, so it takes as long, and answers false. A
 * malformed hash never matches.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parsed = parseHash(stored ?? unknownAccountHash)
  if (parsed === null) return false
  const key = await derive(password, parsed.salt, parsed.params)
  return timingSafeEqual(key, parsed.key) && stored !== null
}

type ScryptParams = typeof current

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r }
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null
  const [N, r, p] = parts.slice(1, 4).map(Number)
  // Bounds keep a tampered row from making one sign-in cost gigabytes.
  if (N === undefined || r === undefined || p === undefined) return null
  if (!Number.isSafeInteger(N) || N < 2 ** 10 || N > 2 ** 20 || (N & (N - 1)) !== 0) return null
  if (!Number.isSafeInteger(r) || r < 1 || r > 32 || !Number.isSafeInteger(p) || p < 1 || p > 16) return null
  const salt = Buffer.from(parts[4] ?? '', 'base64url')
  const key = Buffer.from(parts[5] ?? '', 'base64url')
  if (salt.length < 8 || key.length !== keyLength) return null
  return { params: { N, r, p }, salt, key }
}
