import type { z } from 'zod'

/**
 * One line naming every failed field and why, for error messages.
 *
 * @example formatIssues(Workshop.safeParse(body).error) // "endsAt: A workshop must end after it starts."
 */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.map(String).join('.')
      return field === '' ? issue.message : `${field}: ${issue.message}`
    })
    .join('; ')
}
