/** The languages of Samskap's own pages: bokmål (the default), nynorsk and English. */
export const uiLanguages = ['nb', 'nn', 'en'] as const
export type UiLanguage = (typeof uiLanguages)[number]
export const defaultUiLanguage: UiLanguage = 'nb'

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (uiLanguages as readonly string[]).includes(value)
}

/**
 * The cookie in which the browser repeats the person's language choice, so that the pages the
 * server renders itself (error pages) speak it too. Set by the page, read by the server; it
 * carries nothing but the language code.
 */
export const languageCookieName = 'samskap_language'
