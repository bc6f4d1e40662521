import { languageCookieName } from '../../../shared/src/protocol/uiLanguage.ts'
import type { Language } from '../i18n/index.ts'

/** A year: the choice outlives sessions, as the stored one on the device does. */
const maxAgeSeconds = 365 * 24 * 60 * 60

/**
 * Tells the server the person's language choice (a cookie with nothing but the code), so that
 * the pages it renders itself, such as an error page, speak the language the app does.
 */
export function rememberLanguageForServer(document: Document, language: Language): void {
  document.cookie = `${languageCookieName}=${language}; Path=/; Max-Age=${maxAgeSeconds}; SameSite=Lax`
}
