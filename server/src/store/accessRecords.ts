import { z } from 'zod'
import { Affiliation, Color, DisplayName, GuestRole } from '../../../shared/src/schema/access.ts'
import { EntityId } from '../../../shared/src/schema/entityId.ts'
import type {
  AccountToken,
  FacilitatorAccount,
  FacilitatorCredential,
  Participant,
  SessionRole,
  StoredSession,
  WorkshopLink,
} from './AccessStore.ts'
import { storeConflict } from './storeErrors.ts'
import { integerOf, nullableIntegerOf, nullableTextOf, textOf, type StoredRow } from './storeRows.ts'

// The access store's records as every implementation checks them before writing, and the
// readers that turn a stored row back into a record (the same columns on SQLite and Postgres).

// The routes build these records from validated requests, so a failure here is a bug, reported as invalid_input.
const timestamp = z.int().min(0)
export const AccountRecord = z.object({
  id: EntityId,
  email: z.string().min(3).max(254).refine((email) => email === email.toLowerCase(), 'Must be lower-case.'),
  displayName: DisplayName,
  color: Color,
  createdAt: timestamp,
  invitedBy: EntityId.nullable(),
})
export const CredentialRecord = z.object({
  provider: z.string().min(1).max(200),
  subject: z.string().min(1).max(500),
  secret: z.string().min(1).max(1000).nullable(),
})
export const LinkRecord = z.object({
  id: EntityId,
  workshopId: EntityId,
  role: GuestRole,
  token: z.string().min(16).max(128),
  createdAt: timestamp,
  revokedAt: z.null(),
})
export const ParticipantRecord = z.object({
  id: EntityId,
  workshopId: EntityId,
  displayName: DisplayName,
  affiliation: Affiliation,
  color: Color,
  linkId: EntityId.nullable(),
  createdAt: timestamp,
})
/** Session ids and account tokens are stored as SHA-256 hex digests, never in the clear. */
export const digest = /^[0-9a-f]{64}$/

export function readFacilitator(row: StoredRow): FacilitatorAccount {
  return {
    id: textOf(row, 'id'),
    email: textOf(row, 'email'),
    displayName: textOf(row, 'display_name'),
    color: textOf(row, 'color'),
    createdAt: integerOf(row, 'created_at'),
    invitedBy: nullableTextOf(row, 'invited_by'),
    // Only a deactivated account says so: an active one reads as it was created.
    ...(row['deactivated_at'] == null ? {} : { deactivatedAt: nullableIntegerOf(row, 'deactivated_at') }),
  }
}

export function readCredential(row: StoredRow): FacilitatorCredential {
  return {
    facilitatorId: textOf(row, 'facilitator_id'),
    provider: textOf(row, 'provider'),
    subject: textOf(row, 'subject'),
    secret: nullableTextOf(row, 'secret'),
  }
}

export function readAccountToken(row: StoredRow): AccountToken {
  const purpose = textOf(row, 'purpose')
  if (purpose !== 'setup' && purpose !== 'invitation') throw new Error(`Unknown account token purpose ${purpose}.`)
  return {
    tokenHash: textOf(row, 'token_hash'),
    purpose,
    email: nullableTextOf(row, 'email'),
    createdBy: nullableTextOf(row, 'created_by'),
    createdAt: integerOf(row, 'created_at'),
    expiresAt: integerOf(row, 'expires_at'),
    usedAt: nullableIntegerOf(row, 'used_at'),
  }
}

export function readSession(row: StoredRow): StoredSession {
  const role = textOf(row, 'role')
  return {
    idHash: textOf(row, 'id_hash'),
    role: role === 'facilitator' ? role : (GuestRole.parse(role) satisfies SessionRole),
    facilitatorId: nullableTextOf(row, 'facilitator_id'),
    workshopId: nullableTextOf(row, 'workshop_id'),
    linkId: nullableTextOf(row, 'link_id'),
    participantId: nullableTextOf(row, 'participant_id'),
    csrfToken: textOf(row, 'csrf_token'),
    createdAt: integerOf(row, 'created_at'),
    expiresAt: integerOf(row, 'expires_at'),
  }
}

export function readLink(row: StoredRow): WorkshopLink {
  return {
    id: textOf(row, 'id'),
    workshopId: textOf(row, 'workshop_id'),
    role: GuestRole.parse(textOf(row, 'role')),
    token: textOf(row, 'token'),
    createdAt: integerOf(row, 'created_at'),
    revokedAt: nullableIntegerOf(row, 'revoked_at'),
  }
}

export function readParticipant(row: StoredRow): Participant {
  return {
    id: textOf(row, 'id'),
    workshopId: textOf(row, 'workshop_id'),
    displayName: textOf(row, 'display_name'),
    affiliation: Affiliation.parse(textOf(row, 'affiliation')),
    color: textOf(row, 'color'),
    linkId: nullableTextOf(row, 'link_id'),
    createdAt: integerOf(row, 'created_at'),
    // Only a removed participant says so: everyone else reads as they were created.
    ...(row['removed_at'] == null ? {} : { removedAt: nullableIntegerOf(row, 'removed_at') }),
  }
}

/**
 * A guest's session starts only through a link that is still active, for a participant who was not
 * removed: a rotation or a removal that commits first wins over a join under way (`conflict`).
 * `link` and `participant` are their rows as the session's transaction reads them (none: not stored).
 */
export function refuseEndedGuest(session: StoredSession, link: StoredRow | undefined, participant: StoredRow | undefined): void {
  if (link !== undefined && link['revoked_at'] !== null) {
    throw storeConflict(`The workshop link ${session.linkId} was rotated: no session starts through it.`)
  }
  if (participant !== undefined && participant['removed_at'] !== null) {
    throw storeConflict(`Participant ${session.participantId} was removed from the workshop: no session starts for them.`)
  }
}
