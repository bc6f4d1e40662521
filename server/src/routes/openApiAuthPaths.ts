import { z } from 'zod'
import { LinkToken } from '../../../shared/src/schema/access.ts'
import { error, json, operation, type PathItem } from './openApiSchema.ts'

const ok = (description: string, schema?: string) => ({
  description,
  ...(schema === undefined ? {} : { content: json(schema) }),
})
const TokenParams = z.strictObject({ token: LinkToken })

/** Sessions, facilitator accounts, the setup link and invitations. */
export function authPaths(): Record<string, PathItem> {
  return {
    '/api/session': {
      get: operation({
        summary: 'Who this browser is: its facilitator and guest sessions, with their CSRF tokens.',
        access: 'public',
        responses: { '200': ok('The sessions.', 'SessionInfo') },
      }),
    },
    '/api/auth/login': {
      post: operation({
        summary: 'Sign in as a facilitator; sets the samskap_facilitator cookie.',
        access: 'public',
        body: 'LoginBody',
        responses: {
          '200': ok('The browser’s sessions now.', 'SessionInfo'),
          '401': error('Wrong email or password (invalid_credentials).'),
          '429': error('Too many failed attempts (too_many_attempts); see Retry-After.'),
        },
      }),
    },
    '/api/auth/logout': {
      post: operation({
        summary: 'Sign out; the facilitator’s board sockets close (4410). Signed in, it needs X-CSRF-Token.',
        access: 'public',
        responses: { '204': ok('Signed out.') },
      }),
    },
    '/api/session/leave': {
      post: operation({
        summary: 'Leave the workshop: ends the guest session and its board sockets. With a session, it needs X-CSRF-Token.',
        access: 'public',
        responses: { '204': ok('Left.') },
      }),
    },
    '/api/setup/{token}': {
      get: operation({
        summary: 'Whether the one-time setup link (printed at first start) is still valid.',
        access: 'public',
        params: TokenParams,
        responses: { '204': ok('Valid.'), '404': error('Used, expired, or a facilitator exists (setup_link_invalid).') },
      }),
    },
    '/api/setup': {
      post: operation({
        summary: 'Create the first facilitator from the setup link; signs them in.',
        access: 'public',
        body: 'SetupBody',
        responses: { '201': ok('The browser’s sessions now.', 'SessionInfo'), '404': error('setup_link_invalid') },
      }),
    },
    '/api/invitations': {
      post: operation({
        summary: 'Invite a co-facilitator: a one-time link valid for 7 days.',
        access: 'facilitator',
        unsafe: true,
        body: 'InvitationBody',
        responses: { '201': ok('The invitation link.', 'InvitationCreated'), '409': error('email_taken') },
      }),
    },
    '/api/invitations/{token}': {
      get: operation({
        summary: 'Who an invitation is for and who sent it.',
        access: 'public',
        params: TokenParams,
        responses: { '200': ok('The invitation.', 'InvitationInfo'), '404': error('Used or expired (invitation_invalid).') },
      }),
    },
    '/api/invitations/{token}/accept': {
      post: operation({
        summary: 'Create the invited facilitator’s account; signs them in.',
        access: 'public',
        params: TokenParams,
        body: 'AcceptInvitationBody',
        responses: { '201': ok('The browser’s sessions now.', 'SessionInfo'), '404': error('invitation_invalid') },
      }),
    },
  }
}
