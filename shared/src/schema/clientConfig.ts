import { z } from 'zod'

/**
 * `GET /api/config`: what the browser needs from the server's configuration; nothing secret
 * beyond the (public) licence key. Loose, so an older client reads a newer server's answer.
 */
export const ClientConfig = z.looseObject({
  tldrawLicenseKey: z.string().nullable(),
  maxAssetBytes: z.int().positive(),
  /** Who may open a board outside any workshop (`SCRATCH_BOARDS`); absent from older servers. */
  scratchBoards: z.enum(['facilitators', 'anyone']).optional(),
  /** Hosts whose embeds a board may hold (`EMBED_HOSTS`); absent from older servers, which allowed none. */
  embedHosts: z.array(z.string()).optional(),
  /** Where to report accessibility problems (`ACCESSIBILITY_CONTACT`): an e-mail or http(s) address; null when not set. */
  accessibilityContact: z.string().nullable().optional(),
  /** Days after a workshop closed until its boards and participants are deleted (`RETENTION_DAYS`); absent from older servers. */
  retentionDays: z.int().positive().optional(),
})
export type ClientConfig = z.infer<typeof ClientConfig>
