// The server's own pages for browsers: which language an error page speaks, what a failure on
// our side tells the person, and the contact point the accessibility statement names.
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/src/config.ts'
import { ConfigError } from '../../server/src/errors.ts'
import { renderErrorPage } from '../../server/src/routes/errorPage.ts'
import { acceptedLanguage, pageLanguageOf } from '../../server/src/routes/pageLanguage.ts'

describe('the language of a page the server renders', () => {
  it('is the best of the browser’s languages that we have, by q-value and then order', () => {
    expect(acceptedLanguage(undefined)).toBeNull()
    expect(acceptedLanguage('de, fr;q=0.9')).toBeNull()
    expect(acceptedLanguage('nn-NO,nn;q=0.9,nb;q=0.8')).toBe('nn')
    expect(acceptedLanguage('en-GB;q=0.5, nb-NO;q=0.9')).toBe('nb')
    expect(acceptedLanguage('no, en')).toBe('nb')
    expect(acceptedLanguage('nn;q=0, en;q=0.1')).toBe('en')
    expect(acceptedLanguage('EN-us')).toBe('en')
  })

  it('is the choice made in the app before anything the browser says', () => {
    expect(pageLanguageOf({ headers: { cookie: 'samskap_language=en', 'accept-language': 'nn' } })).toBe('en')
    expect(pageLanguageOf({ headers: { cookie: 'samskap_language=sv', 'accept-language': 'nn' } })).toBe('nn')
    expect(pageLanguageOf({ headers: {} })).toBe('nb')
  })
})

describe('the error page', () => {
  it('tells of a failure on our side, with the code to give whoever helps, in each language', () => {
    expect(renderErrorPage('nb', 500, 'internal_error')).toContain('<h1>Noe gikk galt hos oss</h1>')
    expect(renderErrorPage('nn', 500, 'internal_error')).toContain('<h1>Noko gjekk gale hos oss</h1>')
    const english = renderErrorPage('en', 500, 'internal_error')
    expect(english).toContain('<html lang="en">')
    expect(english).toContain('<code>internal_error</code> (HTTP 500)')
    expect(renderErrorPage('en', 413, 'payload_too_large')).toContain('<h1>The address could not be read</h1>')
    expect(renderErrorPage('en', 404, 'not_found')).toContain('<h1>Page not found</h1>')
  })

  it('escapes the code it shows', () => {
    expect(renderErrorPage('nb', 400, '<b>x</b>')).toContain('&#60;b&#62;x&#60;/b&#62;')
  })
})

describe('ACCESSIBILITY_CONTACT', () => {
  it('takes an e-mail or an http(s) address, and nothing else', () => {
    expect(loadConfig({}).accessibilityContact).toBeNull()
    expect(loadConfig({ ACCESSIBILITY_CONTACT: ' uu@grue.kommune.no ' }).accessibilityContact).toBe('uu@grue.kommune.no')
    expect(loadConfig({ ACCESSIBILITY_CONTACT: 'https://grue.kommune.no/uu' }).accessibilityContact).toBe('https://grue.kommune.no/uu')
    expect(() => loadConfig({ ACCESSIBILITY_CONTACT: 'javascript:alert(1)' })).toThrow(ConfigError)
    expect(() => loadConfig({ ACCESSIBILITY_CONTACT: 'ring oss' })).toThrow(ConfigError)
  })
})
