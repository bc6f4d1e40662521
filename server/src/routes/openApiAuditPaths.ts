import { AuditQuery } from '../../../shared/src/schema/auditLog.ts'
import { json, operation, type PathItem } from './openApiSchema.ts'

/** The audit log of facilitators' actions. */
export function auditPaths(): Record<string, PathItem> {
  return {
    '/api/audit': {
      get: operation({
        summary:
          'The audit log, newest first: which facilitator did what to which workshop, challenge, description, step, board, municipality or account, and when (no participant’s name or id). Filter by workshop, challenge, action and time; page on with nextCursor as `after`.',
        access: 'facilitator',
        query: AuditQuery,
        responses: { '200': { description: 'One page of entries.', content: json('AuditLogPage') } },
      }),
    },
  }
}
