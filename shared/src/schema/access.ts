import { z } from 'zod'
import { EntityId, requiredText } from './entityId.ts'
import { WorkshopLanguage } from './municipality.ts'

// Who may do what: the three roles, the sessions that carry them, and the
// bodies of the sign-in, setup, invitation and join requests. The server
// validates with these schemas and generates /api/openapi.json from them; the
// client parses responses with them.

/** A facilitator runs workshops; a participant edits its boards; an observer (følgekommune) only watches. */
export const Role = z.enum(['facilitator', 'participant', 'observer'])
export type Role = z.infer<typeof Role>

/** The roles that join through a workshop link, without an account. */
export const GuestRole = z.enum(['participant', 'observer'])
export type GuestRole = z.infer<typeof GuestRole>

/** Where a participant comes from, as they say when joining. */
export const Affiliation = z.enum(['municipality', 'business', 'citizen', 'voluntary', 'school', 'other'])
export type Affiliation = z.infer<typeof Affiliation>

/** A name shown to the others on the boards: 1–60 characters, no control characters. */
export const DisplayName = requiredText(60).refine((name) => !/\p{Cc}/u.test(name), {
  message: 'Must not contain control characters.',
})

/** An email address, compared without case. */
export const Email = z
  .string()
  .trim()
  .max(254, 'Must be at most 254 characters.')
  .pipe(z.email({ message: 'Must be an email address, like navn@kommune.no.' }))
  .transform((email) => email.toLowerCase())

/** A new password: long enough to resist guessing; any characters. */
export const NewPassword = z
  .string()
  .min(12, 'Must be at least 12 characters.')
  .max(200, 'Must be at most 200 characters.')

/** An unguessable token from a link (setup, invitation, workshop): 16–128 URL-safe characters. */
export const LinkToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,128}$/, 'Not a valid link token.')

/** A join code a facilitator may require: 4–12 letters or digits, compared without case. */
export const JoinCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{4,12}$/, 'A join code is 4–12 letters or digits.')

/** A presence colour: `#rrggbb`. */
export const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Expected a colour like #1F77B4.')

// ---- sessions -------------------------------------------------------------

/** The signed-in facilitator, with the token to send as `X-CSRF-Token` on their changing requests. */
export const FacilitatorSession = z.strictObject({
  facilitatorId: EntityId,
  email: z.string(),
  displayName: z.string(),
  /** Server-assigned presence colour. */
  color: Color,
  csrfToken: z.string(),
})
export type FacilitatorSession = z.infer<typeof FacilitatorSession>

/** A participant's or observer's session in one workshop. */
export const GuestSession = z.strictObject({
  role: GuestRole,
  workshopId: EntityId,
  /** Null for observers, who give no name and are not shown. */
  participantId: EntityId.nullable(),
  displayName: z.string().nullable(),
  affiliation: Affiliation.nullable(),
  /** Server-assigned presence colour (null for observers). */
  color: Color.nullable(),
  csrfToken: z.string(),
})
export type GuestSession = z.infer<typeof GuestSession>

/**
 * `GET /api/session`: who this browser is. A browser may hold a facilitator
 * session and a guest session at once (two cookies); a facilitator's own
 * session wins on boards of workshops they can run.
 */
export const SessionInfo = z.strictObject({
  facilitator: FacilitatorSession.nullable(),
  guest: GuestSession.nullable(),
  /** True while no facilitator account exists: the server printed a setup link. */
  setupRequired: z.boolean(),
})
export type SessionInfo = z.infer<typeof SessionInfo>

// ---- facilitators ---------------------------------------------------------

/** `POST /api/auth/login` */
export const LoginBody = z.strictObject({
  email: Email,
  password: z.string().min(1, 'Must not be empty.').max(200, 'Must be at most 200 characters.'),
})
export type LoginBody = z.infer<typeof LoginBody>

/** `POST /api/setup`: creates the first facilitator from the one-time setup link. */
export const SetupBody = z.strictObject({
  token: LinkToken,
  email: Email,
  displayName: DisplayName,
  password: NewPassword,
})
export type SetupBody = z.infer<typeof SetupBody>

/** `POST /api/invitations`: a facilitator invites a co-facilitator. */
export const InvitationBody = z.strictObject({ email: Email })
export type InvitationBody = z.infer<typeof InvitationBody>

/** `POST /api/invitations` answers with the link to send to the invitee (valid for 7 days, once). */
export const InvitationCreated = z.strictObject({
  email: z.string(),
  invitationUrl: z.string(),
  expiresAt: z.string(),
})
export type InvitationCreated = z.infer<typeof InvitationCreated>

/** `GET /api/invitations/:token` */
export const InvitationInfo = z.strictObject({
  email: z.string(),
  invitedBy: z.string(),
  expiresAt: z.string(),
})
export type InvitationInfo = z.infer<typeof InvitationInfo>

/** `POST /api/invitations/:token/accept` */
export const AcceptInvitationBody = z.strictObject({
  displayName: DisplayName,
  password: NewPassword,
})
export type AcceptInvitationBody = z.infer<typeof AcceptInvitationBody>

/** One facilitator account, as other facilitators see it. */
export const Facilitator = z.strictObject({
  id: EntityId,
  email: z.string(),
  displayName: z.string(),
  /** When the account was deactivated (it cannot sign in); null while it is active. */
  deactivatedAt: z.string().nullable(),
})
export type Facilitator = z.infer<typeof Facilitator>

export const FacilitatorList = z.strictObject({ facilitators: z.array(Facilitator) })
export type FacilitatorList = z.infer<typeof FacilitatorList>

// ---- joining a workshop ---------------------------------------------------

/** `GET /api/join/:token`: what the join page shows before anyone gives a name. */
export const JoinInfo = z.strictObject({
  role: GuestRole,
  workshop: z.strictObject({
    id: EntityId,
    title: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    status: z.enum(['planned', 'open', 'closed']),
  }),
  challenge: z.strictObject({ id: EntityId, name: z.string(), title: z.string(), municipality: z.string() }),
  joinCodeRequired: z.boolean(),
  /** The language form the workshop speaks by default (its lead municipality's). */
  language: WorkshopLanguage,
  /** How long the participant's name is kept, for the privacy notice: until the workshop is deleted. */
  retention: z.literal('until_workshop_deleted'),
})
export type JoinInfo = z.infer<typeof JoinInfo>

/** `POST /api/join/:token`. Participants give a name and an affiliation; observers give neither. */
export const JoinBody = z.strictObject({
  displayName: DisplayName.optional(),
  affiliation: Affiliation.optional(),
  joinCode: z.string().max(64).optional(),
})
export type JoinBody = z.infer<typeof JoinBody>
