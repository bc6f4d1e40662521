import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { loadConfig } from '../../server/src/config.ts'
import { ConfigError } from '../../server/src/errors.ts'
import { RawClient } from '../helpers/clients.ts'
import { createDataDir, removeDataDir, repoRoot, startTestServer, type TestServer, type TestServerOptions } from '../helpers/server.ts'
import { FailingAppends } from '../helpers/storeDecorators.ts'
import { spawn } from 'node:child_process'

// The HTTP side: health, config, uploads checked by content, the client app, headers.

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function server(options: TestServerOptions = {}): Promise<TestServer> {
  const started = await startTestServer(options)
  cleanups.push(() => started.close())
  return started
}

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

function upload(testServer: TestServer, body: Uint8Array | string, contentType: string, boardId = newBoardId()) {
  return fetch(`${testServer.url}/api/boards/${boardId}/assets`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, 'X-File-Name': 'ignored' },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  })
}

/** A stand-in for client/dist: an index page, a hashed bundle, the service worker and the icon. */
function fakeClientBuild(withFavicon = true): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'samskap-dist-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Samskap</title><div id="root"></div>')
  mkdirSync(path.join(dir, 'assets'))
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)')
  writeFileSync(path.join(dir, 'sw.js'), "self.addEventListener('fetch', () => {})")
  if (withFavicon) writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  return dir
}

describe('health', () => {
  it('answers /healthz, and /readyz while storage takes writes', async () => {
    const storage = new FailingAppends()
    const relay = await server({ wrapStore: (store) => storage.wrap(store) })
    const health = await fetch(`${relay.url}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ status: 'ok' })
    const ready = await fetch(`${relay.url}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ready' })

    storage.failing = true
    const notReady = await fetch(`${relay.url}/readyz`)
    expect(notReady.status).toBe(503)
    expect(((await notReady.json()) as { error: { code: string } }).error.code).toBe('storage_unavailable')
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200)
  })
})

describe('api', () => {
  it('serves the client configuration', async () => {
    const relay = await server({ config: { tldrawLicenseKey: 'tldraw-key-123', maxAssetBytes: 4096 } })
    const response = await fetch(`${relay.url}/api/config`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      tldrawLicenseKey: 'tldraw-key-123',
      maxAssetBytes: 4096,
      scratchBoards: 'anyone',
      embedHosts: [],
      accessibilityContact: null,
      retentionDays: 90,
    })
  })

  it('answers unknown endpoints with 404 JSON and bad JSON bodies with 400 JSON', async () => {
    const relay = await server()
    const missing = await fetch(`${relay.url}/api/nothing-here`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'This API endpoint was not found.' } })
    const badJson = await fetch(`${relay.url}/api/nothing-here`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"unclosed": ',
    })
    expect(badJson.status).toBe(400)
    expect(((await badJson.json()) as { error: { code: string } }).error.code).toBe('invalid_json')
  })
})

describe('assets', () => {
  it('accepts images by their content whatever their name or type says, and serves them safely', async () => {
    const relay = await server()
    const boardId = newBoardId()
    const response = await upload(relay, png, 'text/plain', boardId)
    expect(response.status).toBe(201)
    const uploaded = (await response.json()) as { id: string; url: string; mimeType: string }
    expect(uploaded.mimeType).toBe('image/png')
    expect(uploaded.url).toBe(`/api/assets/${uploaded.id}`)
    expect(response.headers.get('location')).toBe(uploaded.url)
    expect((await relay.store.getAsset(uploaded.id))?.boardId).toBe(boardId)

    const served = await fetch(`${relay.url}${uploaded.url}`)
    expect(served.status).toBe(200)
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(served.headers.get('x-content-type-options')).toBe('nosniff')
    expect(served.headers.get('content-disposition')).toBe('inline')
    expect(served.headers.get('cache-control')).toBe('private, no-cache')
    // Asked again before each use: unchanged while the upload exists.
    const etag = served.headers.get('etag')
    expect(etag).toBe(`"${uploaded.id}"`)
    // fetch adds "Cache-Control: no-cache" to a conditional request unless one is given, and that forbids a 304.
    const revalidated = await fetch(`${relay.url}${uploaded.url}`, { headers: { 'if-none-match': etag ?? '', 'cache-control': 'max-age=0' } })
    expect(revalidated.status).toBe(304)
    expect(served.headers.get('content-security-policy')).toContain('sandbox')
    expect(served.headers.get('content-security-policy')).toContain("default-src 'none'")

    const gifUpload = await upload(relay, gif, 'application/octet-stream')
    expect(((await gifUpload.json()) as { mimeType: string }).mimeType).toBe('image/gif')
  })

  it('refuses HTML, SVG and unknown content with 415 even when named like an image', async () => {
    const relay = await server()
    const bodies = [
      '<!doctype html><html><script>alert(1)</script></html>',
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      'just some text',
      Buffer.concat([Buffer.from('<html>'), png]),
    ]
    for (const body of bodies) {
      const response = await upload(relay, body, 'image/png')
      expect(response.status).toBe(415)
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type')
    }
  })

  it('refuses uploads over the size limit with 413, empty ones and bad ids with 400, unknown assets with 404', async () => {
    const relay = await server({ config: { maxAssetBytes: 1024 } })
    const tooBig = await upload(relay, Buffer.concat([png, Buffer.alloc(2048)]), 'image/png')
    expect(tooBig.status).toBe(413)
    expect(((await tooBig.json()) as { error: { code: string } }).error.code).toBe('payload_too_large')
    expect((await upload(relay, new Uint8Array(0), 'image/png')).status).toBe(400)
    expect((await upload(relay, png, 'image/png', 'bad id!')).status).toBe(400)
    const unknown = await fetch(`${relay.url}/api/assets/${'A'.repeat(22)}`)
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('not_found')
    expect((await fetch(`${relay.url}/api/assets/bad.id`)).status).toBe(400)
  })
})

describe('pages', () => {
  it('serves the built client with a strict CSP, the SPA fallback for board links, and the icon', async () => {
    const relay = await server({ config: { clientDistDir: fakeClientBuild() } })
    for (const page of ['/', `/board/${newBoardId()}`]) {
      const response = await fetch(`${relay.url}${page}`)
      expect(response.status).toBe(200)
      expect(await response.text()).toContain('<div id="root">')
      const csp = response.headers.get('content-security-policy') ?? ''
      for (const directive of [
        "default-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "frame-ancestors 'none'",
      ]) {
        expect(csp).toContain(directive)
      }
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
      expect(response.headers.get('cache-control')).toBe('no-cache')
    }
    const bundle = await fetch(`${relay.url}/assets/index-abc123.js`)
    expect(bundle.status).toBe(200)
    expect(bundle.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const favicon = await fetch(`${relay.url}/favicon.ico`)
    expect(favicon.status).toBe(200)
    expect(favicon.url).toBe(`${relay.url}/favicon.svg`)
    expect(favicon.headers.get('content-type')).toContain('image/svg+xml')
    expect((await fetch(`${relay.url}/no/such/page`)).status).toBe(404)
  })

  it('serves the service worker as JavaScript, revalidated each time, and never index.html in its place', async () => {
    const dist = fakeClientBuild()
    const relay = await server({ config: { clientDistDir: dist } })
    const worker = await fetch(`${relay.url}/sw.js`)
    expect(worker.status).toBe(200)
    expect(worker.headers.get('content-type')).toMatch(/^(text|application)\/javascript/)
    expect(worker.headers.get('cache-control')).toBe('no-cache')
    expect(await worker.text()).toContain("addEventListener('fetch'")
    rmSync(path.join(dist, 'sw.js'))
    const missing = await fetch(`${relay.url}/sw.js`)
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toContain('application/json')
  })

  it('says how to build the client when it is not built, and never 404s the icon', async () => {
    const relay = await server({ config: { clientDistDir: path.join(os.tmpdir(), `samskap-missing-${newBoardId()}`) } })
    const response = await fetch(`${relay.url}/`)
    expect(response.status).toBe(503)
    const body = (await response.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('client_not_built')
    expect(body.error.message).toContain('npm run build')
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect((await fetch(`${relay.url}/favicon.ico`)).status).toBe(204)
  })

  it('serves tldraw’s fonts, icons and translations from its own origin', async () => {
    const relay = await server()
    const font = await fetch(`${relay.url}/tldraw-assets/fonts/IBMPlexSans-Medium.woff2`)
    expect(font.status).toBe(200)
    expect(font.headers.get('content-type')).toBe('font/woff2')
    expect((await fetch(`${relay.url}/tldraw-assets/icons/icon/0_merged.svg`)).status).toBe(200)
    const translation = await fetch(`${relay.url}/tldraw-assets/translations/en.json`)
    expect(translation.status).toBe(200)
    expect(await translation.json()).toBeTypeOf('object')
    expect((await fetch(`${relay.url}/tldraw-assets/package.json`)).status).toBe(404)
    expect((await fetch(`${relay.url}/tldraw-assets/fonts/..%2F..%2Fpackage.json`)).status).toBe(404)
  })
})

describe('board sockets', () => {
  it('refuses a socket from another origin with 4404 and takes one from its own', async () => {
    const relay = await server()
    const boardId = newBoardId()
    const foreign = await RawClient.connect(relay.syncUrl, boardId, { origin: 'https://evil.example' })
    expect(await foreign.closed).toBe(CloseCode.originNotAllowed.code)
    expect(relay.running.rooms.isLoaded(boardId)).toBe(false)
    const own = await RawClient.connect(relay.syncUrl, boardId, { origin: relay.url })
    cleanups.push(() => own.close())
    await own.barrier()
    expect(relay.running.rooms.isLoaded(boardId)).toBe(true)
  })
})

describe('configuration', () => {
  it('has defaults that work on a laptop', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: path.resolve('data'),
      logLevel: 'info',
      allowedOrigins: null,
      tldrawLicenseKey: null,
      roomIdleUnloadMs: 30_000,
      compactAfterUpdates: 500,
      compactAfterBytes: 1024 * 1024,
      snapshotKeepLast: 10,
      snapshotKeepDaily: 30,
      maxFrameBytes: 2 * 1024 * 1024,
      maxDocumentBytes: 50 * 1024 * 1024,
    })
    expect(config.clientDistDir).toBe(path.join(repoRoot, 'client', 'dist'))
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://a.example/, http://localhost:5173' }).allowedOrigins).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ])
  })

  it('names every bad variable and what it accepts', () => {
    let error: unknown = null
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', ALLOWED_ORIGINS: 'evil.example/path', MAX_FRAME_BYTES: '-1' })
    } catch (thrown) {
      error = thrown
    }
    expect(error).toBeInstanceOf(ConfigError)
    const message = (error as ConfigError).message
    expect(message).toContain('PORT (got "eighty"): a port number from 0 to 65535')
    expect(message).toContain('LOG_LEVEL')
    expect(message).toContain('ALLOWED_ORIGINS')
    expect(message).toContain('MAX_FRAME_BYTES')
  })

  it('exits 1 with that message when started with bad configuration', async () => {
    const dataDir = createDataDir()
    cleanups.push(() => removeDataDir(dataDir))
    const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'node'), ['server/src/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: 'not-a-port', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)))
    expect(code).toBe(1)
    expect(stderr).toContain('PORT (got "not-a-port")')
  })
})
