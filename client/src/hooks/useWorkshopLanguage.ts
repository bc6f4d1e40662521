import { useEffect } from 'react'
import type { LanguageForm } from '../../../shared/src/schema/municipality.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'

/**
 * Speaks the workshop's language form (its lead municipality's) on this page once the page knows
 * it, to whoever has not chosen a language of their own; null while it is not known yet.
 */
export function useWorkshopLanguage(language: LanguageForm | null): void {
  const { language: preference } = useAppServices()
  useEffect(() => {
    if (language !== null) preference.showDefault(language)
  }, [preference, language])
}
