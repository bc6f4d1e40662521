import { z } from 'zod'
import { NewPassword } from './access.ts'
import { EntityId } from './entityId.ts'

// Administering facilitator accounts: the password reset link one facilitator issues for
// another, setting a password from it, changing one's own, and deactivating an account. The
// server validates with these schemas and generates /api/openapi.json from them; the client
// parses responses with them.

/** The facilitator in a path (`/api/facilitators/:facilitatorId/…`). */
export const FacilitatorParams = z.strictObject({ facilitatorId: EntityId })
export type FacilitatorParams = z.infer<typeof FacilitatorParams>

/**
 * `POST /api/facilitators/:facilitatorId/password-reset` answers with the link to pass on,
 * shown this once (valid 24 hours, once; a newer link replaces it).
 */
export const PasswordResetCreated = z.strictObject({
  facilitatorId: EntityId,
  resetUrl: z.string(),
  expiresAt: z.string(),
})
export type PasswordResetCreated = z.infer<typeof PasswordResetCreated>

/** `GET /api/password-reset/:token`: whose password the link sets. */
export const PasswordResetInfo = z.strictObject({
  email: z.string(),
  displayName: z.string(),
  expiresAt: z.string(),
})
export type PasswordResetInfo = z.infer<typeof PasswordResetInfo>

/** `POST /api/password-reset/:token`: the new password (the rules of a new account's). */
export const ResetPasswordBody = z.strictObject({ password: NewPassword })
export type ResetPasswordBody = z.infer<typeof ResetPasswordBody>

/** `POST /api/auth/password`: a signed-in facilitator changes their own password. */
export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, 'Must not be empty.').max(200, 'Must be at most 200 characters.'),
  newPassword: NewPassword,
})
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>
