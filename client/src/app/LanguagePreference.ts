import type { i18n } from 'i18next'
import { defaultLanguage, isLanguage, type Language } from '../i18n/index.ts'
import { rememberLanguageForServer } from './languageCookie.ts'
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
 * `<html lang>`; tldraw's locale follows it. A workshop's pages speak its language
 * form to whoever has not chosen a language (showDefault); a choice always wins.
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
    // A choice made before the server could be told of it reaches the server now.
    const chosen = this.storage.get(storageKey)
    if (isLanguage(chosen)) rememberLanguageForServer(this.root.ownerDocument, chosen)
  }

  /** The person's own choice: remembered on the device and told to the server. */
  set(language: Language): void {
    this.storage.set(storageKey, language)
    rememberLanguageForServer(this.root.ownerDocument, language)
    this.show(language)
  }

  /**
   * Speaks `language` (a workshop's language form) unless the person chose a language of their
   * own. Not remembered: it holds in this tab from the workshop's join page to its boards, until
   * another workshop's page or the person's choice changes it.
   */
  showDefault(language: Language): void {
    if (isLanguage(this.storage.get(storageKey))) return
    this.show(language)
  }

  private show(language: Language): void {
    this.root.lang = language
    void this.i18n.changeLanguage(language)
    this.language.set(language)
  }
}
