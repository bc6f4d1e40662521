import { useEffect, useState } from 'react'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { Observable } from '../app/Observable.ts'
import { TldrawUserBridge } from '../board/TldrawUserBridge.ts'
import { tldrawLocaleFor } from '../i18n/index.ts'
import { sessionProfile, type SessionIdentity } from '../user/sessionProfile.ts'

/**
 * The person as tldraw sees them (see {@link TldrawUserBridge}); null until created.
 * With a session `identity` (facilitator, participant) the name and colour are the
 * session's and tldraw's menus cannot rename them; without one, the name this device
 * remembers. Pass a stable identity (memoised), or the bridge is made again.
 */
export function useTldrawUser(identity: SessionIdentity | null): TldrawUserBridge | null {
  const { user, language } = useAppServices()
  const [bridge, setBridge] = useState<TldrawUserBridge | null>(null)
  const identityKey = identity === null ? null : `${identity.id}\n${identity.name}\n${identity.color}`
  useEffect(() => {
    const locale = new Observable(tldrawLocaleFor(language.language.get()))
    const stopLocale = language.language.subscribe(() => locale.set(tldrawLocaleFor(language.language.get())))
    const [profile, stopProfile] =
      identity === null ? [user.profile, () => undefined] : sessionProfile(user.profile, identity)
    const created = new TldrawUserBridge({
      profile,
      locale,
      onPreferencesChange: ({ name, tldrawPreferences }) => {
        // A session's name is the server's to keep: only a device name can be changed here.
        if (name !== null && identity === null) user.setName(name)
        user.setTldrawPreferences(tldrawPreferences)
      },
    })
    setBridge(created)
    return () => {
      setBridge(null)
      created.dispose()
      stopProfile()
      stopLocale()
    }
    // identityKey stands for identity: a new object with the same person must not rebuild the bridge.
  }, [user, language, identityKey])
  return bridge
}
