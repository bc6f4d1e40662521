import { DefaultLimits } from '../../../shared/src/protocol/limits.ts'
import { ClientConfig } from '../../../shared/src/schema/clientConfig.ts'
import { Observable } from './Observable.ts'

// Checked with zod, not tldraw's validators: the start page reads this too, and
// must not pull tldraw into the bundle every page loads.
export { ClientConfig }

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

/**
 * The client configuration for this page, asked once as the page starts (the server's
 * configuration does not change while a page is open); null until it is known.
 */
export function loadClientConfig(fetchConfig: () => Promise<ClientConfig> = fetchClientConfig): Observable<ClientConfig | null> {
  const config = new Observable<ClientConfig | null>(null)
  void fetchConfig().then((value) => config.set(value))
  return config
}
