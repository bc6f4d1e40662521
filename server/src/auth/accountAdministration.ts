import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import type { Facilitator } from '../../../shared/src/schema/access.ts'
import type { Config } from '../config.ts'
import { facilitatorDeactivated, facilitatorNotFound, lastActiveFacilitator, ownAccount } from '../errors.ts'
import type { LiveSessions } from '../relay/boardAccess.ts'
import type { AccessStore, FacilitatorAccount } from '../store/AccessStore.ts'
import { hashSecret, newSecret } from './secrets.ts'

// What one facilitator does to another's account: a one-time link to set a new password,
// deactivating and reactivating. Nobody does either to their own account: a stolen session
// could otherwise set a new password without knowing the old one (changing one's own password
// asks for the current one), or lock its owner out.

/** How long a password reset link works. */
export const passwordResetLifetimeMs = 24 * 60 * 60 * 1000

export interface AccountAdministrationDeps {
  access: AccessStore
  config: Pick<Config, 'publicUrl'>
  now: () => number
  live: Pick<LiveSessions, 'endSockets'>
}

/** An account as other facilitators see it in the list. */
export function facilitatorView(account: FacilitatorAccount): Facilitator {
  const { id, email, displayName, deactivatedAt } = account
  return { id, email, displayName, deactivatedAt: deactivatedAt == null ? null : new Date(deactivatedAt).toISOString() }
}

/**
 * A new one-time link (24 h) for `facilitatorId` to set a new password, replacing any earlier
 * one: its URL, to be shown once to `issuer`, and its expiry. Refused for one's own account and
 * for a deactivated one (activate it first).
 */
export async function issuePasswordReset(
  deps: AccountAdministrationDeps,
  issuer: FacilitatorAccount,
  facilitatorId: string,
): Promise<{ url: string; expiresAt: number }> {
  if (facilitatorId === issuer.id) throw ownAccount()
  const secret = newSecret()
  const createdAt = deps.now()
  const expiresAt = createdAt + passwordResetLifetimeMs
  const issued = await deps.access.createPasswordReset({
    facilitatorId,
    tokenHash: hashSecret(secret),
    createdBy: issuer.id,
    createdAt,
    expiresAt,
  })
  if (issued === 'notFound') throw facilitatorNotFound(facilitatorId)
  if (issued === 'deactivated') throw facilitatorDeactivated()
  return { url: `${deps.config.publicUrl}/reset-password/${secret}`, expiresAt }
}

/**
 * Deactivates another facilitator's account: its sessions are deleted and its board sockets and
 * event streams closed at once on every instance (4416), and its reset link and unused
 * invitations die. Refused for one's own account and for the last active one.
 */
export async function deactivateFacilitator(
  deps: AccountAdministrationDeps,
  actor: FacilitatorAccount,
  facilitatorId: string,
): Promise<FacilitatorAccount> {
  if (facilitatorId === actor.id) throw ownAccount()
  const outcome = await deps.access.deactivateFacilitator(facilitatorId, deps.now())
  if (outcome.kind === 'notFound') throw facilitatorNotFound(facilitatorId)
  if (outcome.kind === 'lastActive') throw lastActiveFacilitator()
  deps.live.endSockets({ personId: facilitatorId, roles: ['facilitator'] }, CloseCode.accountDeactivated)
  return outcome.account
}

/** Lets a deactivated account sign in again, with the password it had. */
export async function reactivateFacilitator(deps: AccountAdministrationDeps, facilitatorId: string): Promise<FacilitatorAccount> {
  const account = await deps.access.reactivateFacilitator(facilitatorId)
  if (account === null) throw facilitatorNotFound(facilitatorId)
  return account
}

/** Closes the board sockets and event streams of sessions a password change ended (4410), on every instance. */
export function endSocketsOfSessions(deps: Pick<AccountAdministrationDeps, 'live'>, sessionIdHashes: readonly string[]): void {
  for (const sessionIdHash of sessionIdHashes) deps.live.endSockets({ sessionIdHash }, CloseCode.sessionEnded)
}
