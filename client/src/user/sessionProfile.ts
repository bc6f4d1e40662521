import { Observable } from '../app/Observable.ts'
import type { UserProfile } from './LocalUser.ts'

/** A person the server knows (a facilitator or a participant): their id, name and colour come from the session. */
export interface SessionIdentity {
  id: string
  name: string
  color: string
}

/**
 * The profile tldraw sees for someone with a session: id, name and colour from the
 * server (the relay stamps the same on their presence, so what they see of
 * themselves matches what others see), tldraw's preferences from this device.
 * Returns the profile and a function that stops following the device's preferences.
 */
export function sessionProfile(local: Observable<UserProfile>, identity: SessionIdentity): [Observable<UserProfile>, () => void] {
  const compose = (): UserProfile => ({ ...identity, tldrawPreferences: local.get().tldrawPreferences })
  const profile = new Observable(compose())
  const stop = local.subscribe(() => profile.set(compose()))
  return [profile, stop]
}
