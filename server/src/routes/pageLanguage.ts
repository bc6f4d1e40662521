import { parseCookie } from 'cookie'
import type { Request } from 'express'
import { defaultUiLanguage, isUiLanguage, languageCookieName, type UiLanguage } from '../../../shared/src/protocol/uiLanguage.ts'

/** Accept-Language tags and the language of ours each stands for ("no" is Norwegian, which we write in bokmål). */
const tagLanguages: Readonly<Record<string, UiLanguage>> = { nb: 'nb', no: 'nb', nn: 'nn', en: 'en' }

/**
 * The language of a page the server renders for this request: the person's own choice in the
 * app (the language cookie), else the first of the browser's languages that we have, else bokmål.
 *
 * @example pageLanguageOf(request) // 'nn' for "Accept-Language: nn-NO, nb;q=0.8"
 */
export function pageLanguageOf(request: Pick<Request, 'headers'>): UiLanguage {
  const cookie = request.headers.cookie
  const chosen = cookie === undefined ? undefined : parseCookie(cookie)[languageCookieName]
  if (isUiLanguage(chosen)) return chosen
  return acceptedLanguage(request.headers['accept-language']) ?? defaultUiLanguage
}

/** The browser's most wanted language that we have, by the q-values of Accept-Language. */
export function acceptedLanguage(header: string | undefined): UiLanguage | null {
  if (header === undefined) return null
  const wanted = header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...parameters] = part.trim().toLowerCase().split(';')
      const q = parameters.map((parameter) => /^\s*q=([0-9.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined)
      return { language: tagLanguages[tag.split('-')[0] ?? ''], weight: q === undefined ? 1 : Number(q), order }
    })
    .filter((entry): entry is { language: UiLanguage; weight: number; order: number } => entry.language !== undefined && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order)
  return wanted[0]?.language ?? null
}
