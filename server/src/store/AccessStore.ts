import type { Affiliation, GuestRole } from '../../../shared/src/schema/access.ts'
import type { AccountStore } from './AccountStore.ts'

// The contract for facilitator accounts, one-time account links, sessions,
// workshop links and participants. Implemented for SQLite (sqliteAccessStore.ts)
// and Postgres (postgresAccessStore.ts), on the connection or pool the other
// stores share (migration 3 in accessSchema.ts); both pass the contract suite
// in tests/integration/accessStore.test.ts. Errors as in DomainStore (BoardStoreError).
// Secrets are never stored in the clear: session ids and one-time account
// tokens are stored as SHA-256 hex digests; passwords as scrypt hashes.
// Workshop link tokens are stored as they are, because facilitators must be
// able to show the link again (like a meeting link); rotating replaces them.

/** A facilitator account. */
export interface FacilitatorAccount {
  id: string
  /** Lower-cased. */
  email: string
  displayName: string
  /** Server-assigned presence colour, `#rrggbb`. */
  color: string
  createdAt: number
  invitedBy: string | null
  /** When a facilitator deactivated the account; absent or null while it is active. */
  deactivatedAt?: number | null
}

/**
 * How a facilitator proves who they are. 'password' (subject: the lower-cased
 * email, secret: the scrypt hash) is the only provider today; an OIDC provider
 * (ID-porten, Ansattporten, Entra ID) adds rows with its issuer as provider and
 * the `sub` claim as subject and a null secret, without changing accounts or sessions.
 */
export interface FacilitatorCredential {
  facilitatorId: string
  provider: string
  subject: string
  secret: string | null
}

export type AccountTokenPurpose = 'setup' | 'invitation'

/** A one-time link: the setup link printed at first start, or an invitation to a co-facilitator. */
export interface AccountToken {
  tokenHash: string
  purpose: AccountTokenPurpose
  /** Invitations: the invitee's lower-cased email. Null for the setup link. */
  email: string | null
  /** Invitations: the inviting facilitator. */
  createdBy: string | null
  createdAt: number
  expiresAt: number
  usedAt: number | null
}

export type SessionRole = 'facilitator' | GuestRole

/** A browser session; the cookie carries the id, the store only its hash. */
export interface StoredSession {
  idHash: string
  role: SessionRole
  /** Set for facilitator sessions. */
  facilitatorId: string | null
  /** Set for guest sessions. */
  workshopId: string | null
  /** The workshop link a guest session came in through; rotating the link ends the session. */
  linkId: string | null
  /** Set for participant sessions. */
  participantId: string | null
  /** Sent back by the client in `X-CSRF-Token` on changing requests. */
  csrfToken: string
  createdAt: number
  expiresAt: number
}

/** A workshop's participant or observer link. One active link per workshop and role. */
export interface WorkshopLink {
  id: string
  workshopId: string
  role: GuestRole
  token: string
  createdAt: number
  revokedAt: number | null
}

export interface Participant {
  id: string
  workshopId: string
  displayName: string
  affiliation: Affiliation
  color: string
  /** The participant link it joined through (null once that link's row is gone). */
  linkId: string | null
  createdAt: number
  /** When a facilitator removed them from the workshop; absent or null while they are in it. */
  removedAt?: number | null
}

/** Accounts, sessions, links and participants; administering accounts is AccountStore's part. */
export interface AccessStore extends AccountStore {
  countFacilitators(): Promise<number>
  /** Creates the account and its credential in one transaction; `conflict` when the email or credential is taken. */
  createFacilitator(account: FacilitatorAccount, credential: Omit<FacilitatorCredential, 'facilitatorId'>): Promise<FacilitatorAccount>
  getFacilitator(id: string): Promise<FacilitatorAccount | null>
  /** All accounts, by display name. */
  listFacilitators(): Promise<FacilitatorAccount[]>
  findCredential(provider: string, subject: string): Promise<FacilitatorCredential | null>

  createAccountToken(token: AccountToken): Promise<void>
  getAccountToken(tokenHash: string): Promise<AccountToken | null>
  /**
   * Marks an unused, unexpired token used and creates the account in one
   * transaction; null when the token is unknown, used or expired, or is a
   * setup token and a facilitator already exists (two racing redeems, even of
   * two setup links: one wins). An invitation only makes an account for its
   * own email (`invalid_input` otherwise); `conflict` when the email is taken
   * leaves the token unused.
   */
  redeemAccountToken(
    tokenHash: string,
    now: number,
    account: FacilitatorAccount,
    credential: Omit<FacilitatorCredential, 'facilitatorId'>,
  ): Promise<FacilitatorAccount | null>
  /** Deletes the account tokens that can no longer be redeemed (used, or expired by `now`); resolves to how many. */
  deleteSpentAccountTokens(now: number): Promise<number>

  createSession(session: StoredSession): Promise<void>
  /** The session, or null when unknown or expired. */
  getSession(idHash: string, now: number): Promise<StoredSession | null>
  deleteSession(idHash: string): Promise<void>
  deleteExpiredSessions(now: number): Promise<number>

  /** The workshop's active link for the role, creating one (with `newToken()`) when there is none. */
  activeLink(workshopId: string, role: GuestRole, newLink: () => WorkshopLink): Promise<WorkshopLink>
  /** The active link with this token, or null (unknown or rotated). */
  findActiveLink(token: string): Promise<WorkshopLink | null>
  /** Revokes the active link, deletes the sessions that came through it, and stores `replacement`; returns the revoked link. */
  rotateLink(workshopId: string, role: GuestRole, replacement: WorkshopLink, now: number): Promise<WorkshopLink | null>
  getJoinCode(workshopId: string): Promise<string | null>
  setJoinCode(workshopId: string, joinCode: string | null): Promise<void>

  createParticipant(participant: Participant): Promise<Participant>
  getParticipant(id: string): Promise<Participant | null>
  /**
   * A facilitator removes a participant from their workshop: their sessions are deleted (the
   * caller closes their sockets) and they are marked removed. Resolves to the participant as
   * now stored, or null when there is no such participant in that workshop.
   */
  removeParticipant(workshopId: string, participantId: string, now: number): Promise<Participant | null>
  /** A workshop's participants, by when they joined. */
  listParticipants(workshopId: string): Promise<Participant[]>
  /**
   * A facilitator erases a participant: in one transaction their row goes (name, affiliation,
   * colour) with their sessions, and their private boards become `anonymousId`'s (a new id that
   * names nobody). The caller closes their sockets and erases them from the boards. Resolves to
   * the participant as they were stored, or null when there is no such participant in that workshop.
   */
  eraseParticipant(workshopId: string, participantId: string, anonymousId: string): Promise<Participant | null>
  /** A participant's sessions (expired ones too, until the sweep deletes them), oldest first. */
  listParticipantSessions(participantId: string): Promise<StoredSession[]>

  close(): Promise<void>
}
