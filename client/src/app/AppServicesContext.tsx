import { createContext, useContext, type ReactNode } from 'react'
import { I18nextProvider } from 'react-i18next'
import type { AppServices } from './AppServices.ts'

const AppServicesContext = createContext<AppServices | null>(null)

/** Provides the app's services (and i18next) to everything below. */
export function AppServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return (
    <AppServicesContext.Provider value={services}>
      <I18nextProvider i18n={services.i18n}>{children}</I18nextProvider>
    </AppServicesContext.Provider>
  )
}

export function useAppServices(): AppServices {
  const services = useContext(AppServicesContext)
  if (services === null) throw new Error('useAppServices must be used inside <AppServicesProvider>')
  return services
}
