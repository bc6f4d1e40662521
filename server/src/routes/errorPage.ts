import type { Request } from 'express'
import type { UiLanguage } from '../../../shared/src/protocol/uiLanguage.ts'
import { escapeHtml, htmlPage } from '../export/html.ts'

// The page a browser gets when the server itself cannot answer with the app: an address it
// cannot read, the client not built, a failure on our side. Server-rendered, without script,
// in the person's language; programs (the app's own requests, /api/) get JSON instead.

type ErrorKind = 'notFound' | 'badRequest' | 'unavailable' | 'serverError'

interface ErrorPageTexts {
  title: Record<ErrorKind, string>
  body: Record<ErrorKind, string>
  code: string
  home: string
  accessibility: string
  processingRecords: string
}

const texts: Record<UiLanguage, ErrorPageTexts> = {
  nb: {
    title: {
      notFound: 'Fant ikke siden',
      badRequest: 'Adressen kunne ikke leses',
      unavailable: 'Samskap er ikke tilgjengelig akkurat nå',
      serverError: 'Noe gikk galt hos oss',
    },
    body: {
      notFound: 'Det finnes ingen side på denne adressen. Lenken kan være feil, eller siden kan være flyttet.',
      badRequest: 'Adressen eller forespørselen har en feil. Sjekk lenken, eller gå til forsiden og finn fram derfra.',
      unavailable: 'Tjenesten er midlertidig utilgjengelig. Vent litt og last inn siden på nytt.',
      serverError: 'Det du gjorde, er ikke tapt hvis det ble vist som «Lagret». Last inn siden på nytt om litt. Hvis feilen kommer igjen, si fra til den som driver Samskap, og oppgi feilkoden.',
    },
    code: 'Feilkode',
    home: 'Til forsiden',
    accessibility: 'Tilgjengelighetserklæring',
    processingRecords: 'Behandlingsprotokoll',
  },
  nn: {
    title: {
      notFound: 'Fann ikkje sida',
      badRequest: 'Adressa kunne ikkje lesast',
      unavailable: 'Samskap er ikkje tilgjengeleg akkurat no',
      serverError: 'Noko gjekk gale hos oss',
    },
    body: {
      notFound: 'Det finst inga side på denne adressa. Lenkja kan vere feil, eller sida kan vere flytta.',
      badRequest: 'Adressa eller førespurnaden har ein feil. Sjekk lenkja, eller gå til framsida og finn fram derifrå.',
      unavailable: 'Tenesta er mellombels utilgjengeleg. Vent litt og last inn sida på nytt.',
      serverError: 'Det du gjorde, er ikkje tapt dersom det vart vist som «Lagra». Last inn sida på nytt om litt. Kjem feilen att, sei frå til dei som driv Samskap, og oppgi feilkoden.',
    },
    code: 'Feilkode',
    home: 'Til framsida',
    accessibility: 'Tilgjengelegheitserklæring',
    processingRecords: 'Behandlingsprotokoll',
  },
  en: {
    title: {
      notFound: 'Page not found',
      badRequest: 'The address could not be read',
      unavailable: 'Samskap is not available right now',
      serverError: 'Something went wrong on our side',
    },
    body: {
      notFound: 'There is no page at this address. The link may be wrong, or the page may have moved.',
      badRequest: 'The address or the request has an error in it. Check the link, or go to the front page and find your way from there.',
      unavailable: 'The service is temporarily unavailable. Wait a moment and reload the page.',
      serverError: 'Nothing you did is lost if it showed as “Saved”. Reload the page in a little while. If the error comes back, tell whoever runs Samskap and give them the error code.',
    },
    code: 'Error code',
    home: 'To the front page',
    accessibility: 'Accessibility statement',
    processingRecords: 'Records of processing',
  },
}

function kindOf(status: number): ErrorKind {
  if (status === 404) return 'notFound'
  if (status === 503) return 'unavailable'
  return status < 500 ? 'badRequest' : 'serverError'
}

/** The error page for `status` (with our error `code`, for whoever helps), in `language`. */
export function renderErrorPage(language: UiLanguage, status: number, code: string): string {
  const text = texts[language]
  const kind = kindOf(status)
  const body = [
    `<header class="site-header">\n<nav class="page" aria-label="Samskap"><a href="/">${escapeHtml(text.home)}</a></nav>\n</header>`,
    `<main class="page">\n<h1>${escapeHtml(text.title[kind])}</h1>\n<p>${escapeHtml(text.body[kind])}</p>\n<p>${escapeHtml(text.code)}: <code>${escapeHtml(code)}</code> (HTTP ${status})</p>\n</main>`,
    `<footer class="site-footer"><p class="page">Samskap · <a href="/tilgjengelighet">${escapeHtml(text.accessibility)}</a> · <a href="/behandlingsprotokoll">${escapeHtml(text.processingRecords)}</a></p></footer>`,
  ].join('\n')
  return htmlPage({ lang: language, title: `${text.title[kind]} – Samskap`, description: text.body[kind], body })
}

/**
 * Whether the request is a browser asking for a page, which gets an HTML answer even when it
 * fails: any path outside /api/ whose Accept header prefers HTML to JSON (a browser's navigation
 * does; fetch() with its default Accept and the app's own requests do not).
 */
export function wantsPage(request: Request): boolean {
  return !request.originalUrl.startsWith('/api/') && request.accepts(['json', 'html']) === 'html'
}
