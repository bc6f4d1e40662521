import { useMemo } from 'react'
import type { TLUiOverrides } from 'tldraw'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { tldrawTranslationOverrides } from '../i18n/tldrawNynorsk.ts'
import { useObservable } from './useObservable.ts'

/** tldraw's translation overrides for the language the person has chosen; a new object only when it changes. */
export function useTldrawTranslations(): TLUiOverrides {
  const { language } = useAppServices()
  const current = useObservable(language.language)
  return useMemo(() => tldrawTranslationOverrides(current), [current])
}
