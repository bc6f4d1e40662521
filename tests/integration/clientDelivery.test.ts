import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.ts'

// The built client as browsers get it: the board's code (and every hashed script and style)
// in the brotli or gzip copy the build wrote beside it when the browser takes one, as it is
// otherwise, and cached for good either way; index.html revalidated each time.

/** A GET with exactly these headers (fetch would add and decode Accept-Encoding on its own). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }))
      response.on('error', reject)
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}

describe('the built client over HTTP', () => {
  const code = `export const board = ${JSON.stringify('tldraw '.repeat(2000))}\n`
  let dist: string
  let relay: TestServer

  beforeAll(async () => {
    // The build sits one folder down, with a file (and its brotli copy) beside it that no request may reach.
    dist = path.join(mkdtempSync(path.join(os.tmpdir(), 'samskap-dist-')), 'build')
    mkdirSync(dist)
    writeFileSync(path.join(dist, '..', 'secret.js'), 'the secret\n')
    writeFileSync(path.join(dist, '..', 'secret.js.br'), brotliCompressSync('the secret\n'))
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Samskap</title><div id="root"></div>')
    mkdirSync(path.join(dist, 'assets'))
    writeFileSync(path.join(dist, 'assets', 'BoardView-abc123.js'), code)
    writeFileSync(path.join(dist, 'assets', 'BoardView-abc123.js.br'), brotliCompressSync(code))
    writeFileSync(path.join(dist, 'assets', 'BoardView-abc123.js.gz'), gzipSync(code))
    writeFileSync(path.join(dist, 'assets', 'small-abc123.js'), 'console.log(1)\n')
    relay = await startTestServer({ config: { clientDistDir: dist } })
  })

  afterAll(async () => {
    await relay?.close()
    rmSync(path.dirname(dist), { recursive: true, force: true })
  })

  it('sends the brotli copy to a browser that takes it, else the gzip one, else the file, each cached for good', async () => {
    const url = `${relay.url}/assets/BoardView-abc123.js`
    const brotli = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br, zstd' })
    expect(brotli.status).toBe(200)
    expect(brotli.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(brotli.body).toString('utf8')).toBe(code)
    expect(brotli.body.length).toBeLessThan(code.length / 10)

    const gzip = await rawGet(url, { 'accept-encoding': 'gzip' })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(code)

    const plain = await rawGet(url, { 'accept-encoding': 'identity' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString('utf8')).toBe(code)
    const refused = await rawGet(url, { 'accept-encoding': 'br;q=0, gzip;q=0' })
    expect(refused.headers['content-encoding']).toBeUndefined()

    for (const response of [brotli, gzip, plain]) {
      expect(response.headers['content-type']).toMatch(/^text\/javascript/)
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      expect(response.headers['vary']).toContain('Accept-Encoding')
    }
  })

  it('sends a file without compressed copies as it is, and nothing from outside the build', async () => {
    const small = await rawGet(`${relay.url}/assets/small-abc123.js`, { 'accept-encoding': 'br, gzip' })
    expect(small.status).toBe(200)
    expect(small.headers['content-encoding']).toBeUndefined()
    expect(small.body.toString('utf8')).toBe('console.log(1)\n')
    expect(small.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    for (const address of ['/assets/..%2F..%2Fsecret.js', '/assets/%2E%2E/%2E%2E/secret.js', '/assets/..%5C..%5Csecret.js']) {
      const outside = await rawGet(`${relay.url}${address}`, { 'accept-encoding': 'br, gzip' })
      expect(outside.status, address).toBe(404)
      expect(outside.headers['content-encoding'], address).toBeUndefined()
      expect(outside.body.toString('latin1'), address).not.toContain('secret')
    }
  })

  it('revalidates index.html each time', async () => {
    const page = await rawGet(`${relay.url}/board/bench-board-0001`, { 'accept-encoding': 'br, gzip', accept: 'text/html' })
    expect(page.status).toBe(200)
    expect(page.headers['cache-control']).toBe('no-cache')
  })
})
