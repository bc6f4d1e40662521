import { useEffect, useState } from 'react'
import { fetchClientConfig, type ClientConfig } from '../app/clientConfig.ts'

/** The server's client configuration, or null while it loads. */
export function useClientConfig(): ClientConfig | null {
  const [config, setConfig] = useState<ClientConfig | null>(null)
  useEffect(() => {
    const abort = new AbortController()
    fetchClientConfig(abort.signal).then(setConfig, () => {
      // Aborted because the component went away.
    })
    return () => abort.abort()
  }, [])
  return config
}
