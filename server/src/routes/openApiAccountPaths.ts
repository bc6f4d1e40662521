import { z } from 'zod'
import { LinkToken } from '../../../shared/src/schema/access.ts'
import { FacilitatorParams } from '../../../shared/src/schema/facilitatorAccounts.ts'
import { error, json, operation, type PathItem } from './openApiSchema.ts'

const ok = (description: string, schema?: string) => ({
  description,
  ...(schema === undefined ? {} : { content: json(schema) }),
})
const TokenParams = z.strictObject({ token: LinkToken })
const notFound = error('No such facilitator (facilitator_not_found).')

/** Facilitator accounts: the list, reset links, deactivation, and changing one's own password. */
export function accountPaths(): Record<string, PathItem> {
  return {
    '/api/facilitators': {
      get: operation({
        summary: 'The facilitator accounts, by name, each with when it was deactivated (null while active).',
        access: 'facilitator',
        responses: { '200': ok('The facilitators.', 'FacilitatorList') },
      }),
    },
    '/api/facilitators/{facilitatorId}/password-reset': {
      post: operation({
        summary: 'A one-time link (24 h) for another facilitator to set a new password, shown this once; it replaces their earlier link.',
        access: 'facilitator',
        unsafe: true,
        params: FacilitatorParams,
        responses: {
          '201': ok('The link to pass on.', 'PasswordResetCreated'),
          '404': notFound,
          '409': error('Your own account (own_account), or a deactivated one (facilitator_deactivated).'),
        },
      }),
    },
    '/api/facilitators/{facilitatorId}/deactivate': {
      post: operation({
        summary: 'Deactivate another facilitator: their sessions end and board sockets close at once (4416); they cannot sign in.',
        access: 'facilitator',
        unsafe: true,
        params: FacilitatorParams,
        responses: {
          '200': ok('The account now.', 'Facilitator'),
          '404': notFound,
          '409': error('Your own account (own_account), or the last active one (last_active_facilitator).'),
        },
      }),
    },
    '/api/facilitators/{facilitatorId}/reactivate': {
      post: operation({
        summary: 'Let a deactivated facilitator sign in again, with the password they had.',
        access: 'facilitator',
        unsafe: true,
        params: FacilitatorParams,
        responses: { '200': ok('The account now.', 'Facilitator'), '404': notFound },
      }),
    },
    '/api/password-reset/{token}': {
      get: operation({
        summary: 'Whose password a reset link sets, while it works.',
        access: 'public',
        params: TokenParams,
        responses: {
          '200': ok('The account.', 'PasswordResetInfo'),
          '404': error('Used, replaced, expired, or the account deactivated (reset_link_invalid).'),
        },
      }),
      post: operation({
        summary: 'Set a new password from a reset link, once: the account’s sessions end, and this browser is signed in.',
        access: 'public',
        params: TokenParams,
        body: 'ResetPasswordBody',
        responses: { '200': ok('The browser’s sessions now.', 'SessionInfo'), '404': error('reset_link_invalid') },
      }),
    },
    '/api/auth/password': {
      post: operation({
        summary: 'Change your own password, giving the current one: your other sessions end; this one stays.',
        access: 'facilitator',
        unsafe: true,
        body: 'ChangePasswordBody',
        responses: {
          '204': ok('Changed.'),
          '403': error('The current password is wrong (current_password_wrong).'),
          '429': error('Too many wrong passwords (too_many_attempts); see Retry-After.'),
        },
      }),
    },
  }
}
