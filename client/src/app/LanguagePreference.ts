import type { i18n } from 'i18next'
import { defaultLanguage, isLanguage, type Language } from '../i18n/index.ts'
import { Observable } from './Observable.ts'
import type { SafeStorage } from './storage.ts'

const storageKey = 'samskap.language'

/** The stored language, or bokmål. */
export function storedLanguage(storage: SafeStorage): Language {
  const value = storage.get(storageKey)
  return isLanguage(value) ? value : defaultLanguage
}

/**
 * The language of our UI: remembered on the device, applied to i18next and to
 * `<html lang>`; tldraw's locale follows it.
 */
export class LanguagePreference {
  readonly language: Observable<Language>
  private readonly storage: SafeStorage
  private readonly i18n: i18n
  private readonly root: HTMLElement

  constructor(options: { storage: SafeStorage; i18n: i18n; root: HTMLElement; initial: Language }) {
    this.storage = options.storage
    this.i18n = options.i18n
    this.root = options.root
    this.language = new Observable(options.initial)
    this.root.lang = options.initial
  }

  set(language: Language): void {
    this.storage.set(storageKey, language)
    this.root.lang = language
    void this.i18n.changeLanguage(language)
    this.language.set(language)
  }
}
