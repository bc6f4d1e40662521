import type { i18n } from 'i18next'
import { createI18n } from '../i18n/index.ts'
import { LocalUser } from '../user/LocalUser.ts'
import { LanguagePreference, storedLanguage } from './LanguagePreference.ts'
import { safeStorage } from './storage.ts'

/** The app-wide objects, created once per page and handed down through React context. */
export interface AppServices {
  i18n: i18n
  language: LanguagePreference
  user: LocalUser
}

/** Creates the app's services for a browser window. */
export function createAppServices(win: Window): AppServices {
  const storage = safeStorage(() => win.localStorage)
  const initial = storedLanguage(storage)
  const i18n = createI18n(initial)
  const language = new LanguagePreference({ storage, i18n, root: win.document.documentElement, initial })
  return { i18n, language, user: new LocalUser(storage) }
}
