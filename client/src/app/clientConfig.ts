import { T } from 'tldraw'
import { DefaultLimits } from '../../../shared/src/protocol/limits.ts'

/** `GET /api/config`: what the client needs from the server's configuration. */
export const ClientConfig = T.object({
  tldrawLicenseKey: T.string.nullable(),
  maxAssetBytes: T.positiveInteger,
}).allowUnknownProperties()
export type ClientConfig = T.TypeOf<typeof ClientConfig>

/** Used when the server cannot be asked (e.g. the page was opened offline). */
export const fallbackClientConfig: ClientConfig = { tldrawLicenseKey: null, maxAssetBytes: DefaultLimits.maxAssetBytes }

/** Fetches and checks the client configuration; falls back to {@link fallbackClientConfig}. */
export async function fetchClientConfig(signal?: AbortSignal): Promise<ClientConfig> {
  try {
    const response = await fetch('/api/config', { signal, headers: { Accept: 'application/json' } })
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
    return ClientConfig.validate(await response.json())
  } catch (error) {
    if (signal?.aborted) throw error
    console.warn('Samskap: could not load /api/config; using defaults', error)
    return fallbackClientConfig
  }
}
