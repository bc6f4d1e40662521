import { z } from 'zod'
import { DefaultLimits } from '../../../shared/src/protocol/limits.ts'

// Checked with zod, not tldraw's validators: the start page reads this too, and
// must not pull tldraw into the bundle every page loads.

/** `GET /api/config`: what the client needs from the server's configuration. */
export const ClientConfig = z.looseObject({
  tldrawLicenseKey: z.string().nullable(),
  maxAssetBytes: z.int().positive(),
  /** Who may open a board outside any workshop (`SCRATCH_BOARDS`); absent from older servers. */
  scratchBoards: z.enum(['facilitators', 'anyone']).optional(),
})
export type ClientConfig = z.infer<typeof ClientConfig>

/** Used when the server cannot be asked (e.g. the page was opened offline). */
export const fallbackClientConfig: ClientConfig = { tldrawLicenseKey: null, maxAssetBytes: DefaultLimits.maxAssetBytes }

/** Fetches and checks the client configuration; falls back to {@link fallbackClientConfig}. */
export async function fetchClientConfig(signal?: AbortSignal): Promise<ClientConfig> {
  try {
    const response = await fetch('/api/config', { signal, headers: { Accept: 'application/json' } })
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
    return ClientConfig.parse(await response.json())
  } catch (error) {
    if (signal?.aborted) throw error
    console.warn('Samskap: could not load /api/config; using defaults', error)
    return fallbackClientConfig
  }
}
