import { colorForUser } from '../../../shared/src/people/personColors.ts'
import { newEntityId } from '../../../shared/src/schema/entityId.ts'
import type { Config } from '../config.ts'
import type { AccessStore, AccountToken, AccountTokenPurpose, FacilitatorAccount } from '../store/AccessStore.ts'
import { hashSecret, newSecret } from './secrets.ts'

// One-time links that make facilitator accounts: the setup link printed at
// start while no facilitator exists, and invitations from a facilitator.
// The link carries the token; the store keeps only its hash.

export const setupLinkLifetimeMs = 24 * 60 * 60 * 1000
export const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000

export interface AccountLinkDeps {
  access: AccessStore
  config: Pick<Config, 'publicUrl'>
  now: () => number
}

/**
 * While no facilitator exists, makes a new setup link (valid 24 h, once) and
 * returns its URL; null once someone has an account. Earlier links stay valid
 * until they expire or one of them is used.
 */
export async function createSetupLinkIfNeeded(deps: AccountLinkDeps): Promise<string | null> {
  if ((await deps.access.countFacilitators()) > 0) return null
  const token = await createAccountToken(deps, 'setup', null, null, setupLinkLifetimeMs)
  return `${deps.config.publicUrl}/setup/${token.secret}`
}

/** An invitation for `email` from `inviter` (valid 7 days, once): its URL and expiry. */
export async function createInvitation(
  deps: AccountLinkDeps,
  inviter: FacilitatorAccount,
  email: string,
): Promise<{ url: string; expiresAt: number }> {
  const token = await createAccountToken(deps, 'invitation', email, inviter.id, invitationLifetimeMs)
  return { url: `${deps.config.publicUrl}/invite/${token.secret}`, expiresAt: token.stored.expiresAt }
}

/**
 * The stored token behind a link's token if it can still be redeemed for
 * `purpose`: unused, unexpired, and for the setup link, no facilitator yet.
 */
export async function redeemableToken(
  deps: AccountLinkDeps,
  secret: string,
  purpose: AccountTokenPurpose,
): Promise<AccountToken | null> {
  const token = await deps.access.getAccountToken(hashSecret(secret))
  if (token === null || token.purpose !== purpose || token.usedAt !== null || token.expiresAt <= deps.now()) return null
  if (purpose === 'setup' && (await deps.access.countFacilitators()) > 0) return null
  return token
}

/** A new account record (id, server-assigned colour); the store creates it with its credential. */
export function newFacilitatorAccount(
  fields: { email: string; displayName: string; invitedBy: string | null },
  now: number,
): FacilitatorAccount {
  const id = newEntityId()
  return { id, ...fields, color: colorForUser(id), createdAt: now }
}

/** The credential of a local account: provider 'password', the email as subject, the scrypt hash as secret. */
export function passwordCredential(email: string, passwordHash: string) {
  return { provider: 'password', subject: email, secret: passwordHash }
}

async function createAccountToken(
  deps: AccountLinkDeps,
  purpose: AccountTokenPurpose,
  email: string | null,
  createdBy: string | null,
  lifetimeMs: number,
): Promise<{ secret: string; stored: AccountToken }> {
  const secret = newSecret()
  const createdAt = deps.now()
  const stored: AccountToken = {
    tokenHash: hashSecret(secret),
    purpose,
    email,
    createdBy,
    createdAt,
    expiresAt: createdAt + lifetimeMs,
    usedAt: null,
  }
  await deps.access.createAccountToken(stored)
  return { secret, stored }
}
