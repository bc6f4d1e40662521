import { useEffect, useState } from 'react'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { Observable } from '../app/Observable.ts'
import { TldrawUserBridge } from '../board/TldrawUserBridge.ts'
import { tldrawLocaleFor } from '../i18n/index.ts'

/** The person as tldraw sees them (see {@link TldrawUserBridge}); null until created. */
export function useTldrawUser(): TldrawUserBridge | null {
  const { user, language } = useAppServices()
  const [bridge, setBridge] = useState<TldrawUserBridge | null>(null)
  useEffect(() => {
    const locale = new Observable(tldrawLocaleFor(language.language.get()))
    const stopLocale = language.language.subscribe(() => locale.set(tldrawLocaleFor(language.language.get())))
    const created = new TldrawUserBridge({
      profile: user.profile,
      locale,
      onPreferencesChange: ({ name, tldrawPreferences }) => {
        if (name !== null) user.setName(name)
        user.setTldrawPreferences(tldrawPreferences)
      },
    })
    setBridge(created)
    return () => {
      setBridge(null)
      created.dispose()
      stopLocale()
    }
  }, [user, language])
  return bridge
}
