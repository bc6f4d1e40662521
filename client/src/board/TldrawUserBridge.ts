import {
  UserRecordType,
  atom,
  computed,
  createTLCurrentUser,
  createUserId,
  userTypeValidator,
  type Signal,
  type TLCurrentUser,
  type TLUser,
  type TLUserPreferences,
} from 'tldraw'
import type { Observable } from '../app/Observable.ts'
import type { UserProfile } from '../user/LocalUser.ts'

export interface TldrawUserBridgeOptions {
  /** The person's profile (id, name, colour, tldraw preferences). */
  profile: Observable<UserProfile>
  /** tldraw's locale (`no` or `en`), following our language selector. */
  locale: Observable<string>
  /** Called when tldraw changes a preference (its menus can rename the user, too). */
  onPreferencesChange(change: { name: string | null; tldrawPreferences: Record<string, unknown> }): void
}

/** Keeps only preferences tldraw itself would accept (they come from localStorage). */
function validPreferences(id: string, stored: Record<string, unknown>): Partial<TLUserPreferences> {
  try {
    return userTypeValidator.validate({ ...stored, id })
  } catch {
    return {}
  }
}

/**
 * The person as tldraw sees them: a user record for presence and attribution, and
 * tldraw's current user (preferences with our id, name, colour and locale).
 */
export class TldrawUserBridge {
  readonly $user: Signal<TLUser>
  readonly currentUser: TLCurrentUser
  private readonly unsubscribers: (() => void)[]

  constructor({ profile, locale, onPreferencesChange }: TldrawUserBridgeOptions) {
    const $profile = atom('userProfile', profile.get())
    const $locale = atom('tldrawLocale', locale.get())
    this.unsubscribers = [
      profile.subscribe(() => $profile.set(profile.get())),
      locale.subscribe(() => $locale.set(locale.get())),
    ]
    this.$user = computed('tldrawUser', () => {
      const { id, name, color } = $profile.get()
      return UserRecordType.create({ id: createUserId(id), name: name ?? '', color })
    })
    this.currentUser = createTLCurrentUser({
      userPreferences: computed('tldrawUserPreferences', () => {
        const { id, name, color, tldrawPreferences } = $profile.get()
        return { ...validPreferences(id, tldrawPreferences), id, name, color, locale: $locale.get() }
      }),
      setUserPreferences: (preferences) => {
        // Identity, colour and locale are ours; everything else is tldraw's to keep.
        const { id: _id, name, color: _color, locale: _locale, ...tldrawPreferences } = preferences
        onPreferencesChange({ name: name ?? null, tldrawPreferences })
      },
    })
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe()
  }
}
