import type { ClientConfig } from '../app/clientConfig.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { useObservable } from './useObservable.ts'

/** The server's client configuration (asked once as the page started), or null while it loads. */
export function useClientConfig(): ClientConfig | null {
  return useObservable(useAppServices().config)
}
