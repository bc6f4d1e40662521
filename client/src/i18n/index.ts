import i18next, { type i18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { defaultUiLanguage, isUiLanguage, uiLanguages, type UiLanguage } from '../../../shared/src/protocol/uiLanguage.ts'
import { en } from './en.ts'
import { nb } from './nb.ts'
import { nn } from './nn.ts'

/** The languages of our own UI (the server renders its own pages in the same three). */
export const languages = uiLanguages
export type Language = UiLanguage
export const defaultLanguage: Language = defaultUiLanguage

/** Each language's name in that language, e.g. for a board's language. */
export const languageNames: Record<Language, string> = {
  nb: 'Norsk bokmål',
  nn: 'Norsk nynorsk',
  en: 'English',
}

/** The same, short enough for the language selector in the top bar of a phone. */
export const languageShortNames: Record<Language, string> = {
  nb: 'Bokmål',
  nn: 'Nynorsk',
  en: 'English',
}

export const isLanguage: (value: unknown) => value is Language = isUiLanguage

/** tldraw's own UI has one Norwegian locale (`no`); it serves bokmål and nynorsk alike. */
export function tldrawLocaleFor(language: Language): 'no' | 'en' {
  return language === 'en' ? 'en' : 'no'
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof nb }
  }
}

/** A ready i18next instance with all three catalogues, showing `language`. */
export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance()
  void instance.use(initReactI18next).init({
    resources: { nb: { translation: nb }, nn: { translation: nn }, en: { translation: en } },
    lng: language,
    // No fallback: a nynorsk or English page must never show bokmål. Every catalogue carries
    // every key (the Catalogue type and tests/unit/client-catalogues.test.ts see to it).
    fallbackLng: false,
    supportedLngs: [...languages],
    interpolation: { escapeValue: false },
    initAsync: false,
  })
  return instance
}
