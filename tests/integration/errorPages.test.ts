import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FailingAppends } from '../helpers/storeDecorators.ts'
import { startTestServer, type TestServer, type TestServerOptions } from '../helpers/server.ts'

// What a browser and a program each get when the server cannot answer with what they asked for:
// a browser opening a page gets HTML (the app's own not-found page, or the server's error page in
// the person's language); a program, and everything under /api/, gets the JSON error.

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function server(options: TestServerOptions = {}): Promise<TestServer> {
  const started = await startTestServer(options)
  cleanups.push(() => started.close())
  return started
}

function clientBuild(built = true): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'samskap-dist-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  if (!built) return dir
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Samskap</title><div id="root"></div>')
  mkdirSync(path.join(dir, 'assets'))
  return dir
}

/** What Chromium sends when it opens a page. */
const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'

function open(relay: TestServer, address: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${relay.url}${address}`, { headers: { Accept: browserAccept, ...headers } })
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code
}

describe('an address nobody serves', () => {
  it("is the app's not-found page for a browser, with status 404, and JSON for a program", async () => {
    const relay = await server({ config: { clientDistDir: clientBuild() } })
    for (const address of ['/no/such/page', '/tavle/abc', '/board', '/workshop/x/y/z']) {
      const page = await open(relay, address)
      expect(page.status, address).toBe(404)
      expect(page.headers.get('content-type')).toContain('text/html')
      expect(await page.text()).toContain('<div id="root">')
    }
    for (const accept of [undefined, '*/*', 'application/json']) {
      const response = await fetch(`${relay.url}/no/such/page`, { headers: accept === undefined ? {} : { Accept: accept } })
      expect(response.status).toBe(404)
      expect(response.headers.get('content-type')).toContain('application/json')
      expect(await errorCode(response)).toBe('not_found')
    }
  })

  it('is JSON under /api/ whatever the request accepts', async () => {
    const relay = await server({ config: { clientDistDir: clientBuild() } })
    const missing = await open(relay, '/api/no-such-endpoint')
    expect(missing.status).toBe(404)
    expect(await errorCode(missing)).toBe('not_found')
    const badBody = await fetch(`${relay.url}/api/no-such-endpoint`, {
      method: 'POST',
      headers: { Accept: browserAccept, 'Content-Type': 'application/json' },
      body: '{"unclosed": ',
    })
    expect(badBody.status).toBe(400)
    expect(await errorCode(badBody)).toBe('invalid_json')
  })

  it('leaves the app’s own pages, the accessibility statement among them, answering 200', async () => {
    const relay = await server({ config: { clientDistDir: clientBuild() } })
    for (const address of ['/', '/tilgjengelighet', '/login', '/facilitator']) {
      const page = await open(relay, address)
      expect(page.status, address).toBe(200)
      expect(await page.text()).toContain('<div id="root">')
    }
    // The server's own pages for published descriptions lead to the statement too.
    const unpublished = await open(relay, '/utfordring/ingen-slik-utfordring')
    expect(unpublished.status).toBe(404)
    expect(await unpublished.text()).toContain('<a href="/tilgjengelighet">Tilgjengelighetserklæring</a>')
  })
})

describe("the server's error page", () => {
  it('is an HTML page without script, in the language the person chose in the app, else the browser’s, else bokmål', async () => {
    const relay = await server({ config: { clientDistDir: clientBuild(false) } })
    const cases: Array<[Record<string, string>, string, string]> = [
      [{}, 'nb', 'Samskap er ikke tilgjengelig akkurat nå'],
      [{ 'Accept-Language': 'nn-NO, nb;q=0.8' }, 'nn', 'Samskap er ikkje tilgjengeleg akkurat no'],
      [{ 'Accept-Language': 'de-DE, en;q=0.5, nb;q=0.2' }, 'en', 'Samskap is not available right now'],
      [{ 'Accept-Language': 'sv, no;q=0.5' }, 'nb', 'Samskap er ikke tilgjengelig akkurat nå'],
      [{ 'Accept-Language': 'nb, nn;q=0' }, 'nb', 'Samskap er ikke tilgjengelig akkurat nå'],
      [{ Cookie: 'samskap_language=nn', 'Accept-Language': 'en' }, 'nn', 'Samskap er ikkje tilgjengeleg akkurat no'],
      [{ Cookie: 'other=1; samskap_language=en' }, 'en', 'Samskap is not available right now'],
      [{ Cookie: 'samskap_language=xx', 'Accept-Language': 'nn' }, 'nn', 'Samskap er ikkje tilgjengeleg akkurat no'],
    ]
    for (const [headers, lang, heading] of cases) {
      const page = await open(relay, '/', headers)
      expect(page.status).toBe(503)
      expect(page.headers.get('content-type')).toContain('text/html')
      expect(page.headers.get('cache-control')).toBe('no-store')
      expect(page.headers.get('content-security-policy')).toContain("script-src 'none'")
      const html = await page.text()
      expect(html, JSON.stringify(headers)).toContain(`<html lang="${lang}">`)
      expect(html).toContain(`<h1>${heading}</h1>`)
      expect(html).toContain('<code>client_not_built</code>')
      expect(html).toContain('href="/tilgjengelighet"')
      expect(html).not.toContain('<script')
    }
    // A program still reads the JSON error.
    const json = await fetch(`${relay.url}/`, { headers: { 'Accept-Language': 'nn' } })
    expect(json.status).toBe(503)
    expect(await errorCode(json)).toBe('client_not_built')
  })

  it('answers an address that cannot be read, and a failing health check opened in a browser', async () => {
    const storage = new FailingAppends()
    const relay = await server({ config: { clientDistDir: clientBuild() }, wrapStore: (store) => storage.wrap(store) })
    const unreadable = await open(relay, '/board/%E0%A4%A', { 'Accept-Language': 'en' })
    expect(unreadable.status).toBe(400)
    expect(await unreadable.text()).toContain('<h1>The address could not be read</h1>')

    storage.failing = true
    const notReady = await open(relay, '/readyz', { Cookie: 'samskap_language=nn' })
    expect(notReady.status).toBe(503)
    expect(await notReady.text()).toContain('<code>storage_unavailable</code>')
    const probe = await fetch(`${relay.url}/readyz`)
    expect(probe.status).toBe(503)
    expect(await errorCode(probe)).toBe('storage_unavailable')
  })
})
