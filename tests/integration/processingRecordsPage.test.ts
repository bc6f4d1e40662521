// The records of processing at /behandlingsprotokoll: rendered by the running server from the
// definitions in server/src/privacy/ with its own settings (RETENTION_DAYS, HISTORY_DAYS …), in
// the person's language, without script; every page of the server leads to them.
import { afterEach, describe, expect, it } from 'vitest'
import { ClientConfig } from '../../shared/src/schema/clientConfig.ts'
import { startTestServer } from '../helpers/server.ts'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

/** What Chromium sends when it opens a page. */
const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'

describe('the records of processing page', () => {
  it('shows this server’s retention in the person’s language, without script, and is linked from the server’s other pages', async () => {
    const server = await startTestServer({ config: { retentionDays: 45, historyMs: 14 * 24 * 60 * 60 * 1000 } })
    cleanups.push(() => server.close())
    const open = (headers: Record<string, string>) => fetch(`${server.url}/behandlingsprotokoll`, { headers: { Accept: browserAccept, ...headers } })

    const bokmal = await open({})
    expect(bokmal.status).toBe(200)
    expect(bokmal.headers.get('content-type')).toMatch(/^text\/html/)
    expect(bokmal.headers.get('content-security-policy')).toContain("script-src 'none'")
    expect(bokmal.headers.get('vary')).toMatch(/Accept-Language/)
    const html = await bokmal.text()
    expect(html).toContain('<html lang="nb">')
    expect(html).toContain('automatisk 45 dager etter at det ble stengt')
    expect(html).toContain('Endringer kan settes tilbake i 14 dager')
    expect(html).not.toContain('<script')

    // The language chosen in the app wins over the browser's; else the browser's first we have.
    const nynorsk = await (await open({ 'Accept-Language': 'nn-NO, nb;q=0.8' })).text()
    expect(nynorsk).toContain('<html lang="nn">')
    expect(nynorsk).toContain('automatisk 45 dagar etter at han vart stengd')
    const english = await (await open({ 'Accept-Language': 'nn', Cookie: 'samskap_language=en' })).text()
    expect(english).toContain('<html lang="en">')
    expect(english).toContain('automatically 45 days after it was closed')

    // The join page tells participants the same number before they give their name.
    expect(ClientConfig.parse(await (await fetch(`${server.url}/api/config`)).json()).retentionDays).toBe(45)
    // The server's own pages lead here from their footers.
    const missing = await fetch(`${server.url}/utfordring/ingen-slik-utfordring`, { headers: { Accept: browserAccept } })
    expect(await missing.text()).toContain('<a href="/behandlingsprotokoll">Behandlingsprotokoll</a>')
    const errorPage = await fetch(`${server.url}/%E0%A4%A`, { headers: { Accept: browserAccept, 'Accept-Language': 'en' } })
    expect(await errorPage.text()).toContain('<a href="/behandlingsprotokoll">Records of processing</a>')
  })
})
