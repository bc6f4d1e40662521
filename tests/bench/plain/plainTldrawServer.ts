/**
 * Serves the plain-tldraw bench page on a loopback port: the built page
 * (tests/bench/plain/dist) with the same cache headers the relay gives the
 * Samskap client, tldraw's assets under /tldraw-assets as the relay serves
 * them, and the boards it opens as /boards/<name>.json. No other host is involved.
 */
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { repoRoot } from '../lib/childProcesses.ts'

export const plainDistDir = path.join(repoRoot, 'tests/bench/plain/dist')
const tldrawAssetsDir = path.join(repoRoot, 'node_modules/@tldraw/assets')
const tldrawAssetFolders = new Set(['fonts', 'icons', 'translations', 'embed-icons'])

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
}

export interface PlainTldrawServer {
  url: string
  close(): Promise<void>
}

/** A file under `root` for a URL path, or null when the path leaves `root` or names no file. */
function fileUnder(root: string, urlPath: string): string | null {
  const file = path.resolve(root, `.${path.posix.normalize(decodeURIComponent(urlPath))}`)
  if (!file.startsWith(root + path.sep)) return null
  return existsSync(file) && statSync(file).isFile() ? file : null
}

/** Starts the server; `boards` maps a name to the JSON of a board's records. */
export function startPlainTldrawServer(boards: ReadonlyMap<string, string>): Promise<PlainTldrawServer> {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const send = (status: number, file: string | null, cacheControl: string): void => {
      if (file === null) {
        response.writeHead(status === 200 ? 404 : status).end()
        return
      }
      response.writeHead(status, {
        'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': cacheControl,
      })
      createReadStream(file).pipe(response)
    }
    const boardMatch = /^\/boards\/([\w-]+)\.json$/.exec(url.pathname)
    if (boardMatch) {
      const json = boards.get(boardMatch[1] ?? '')
      if (json === undefined) response.writeHead(404).end()
      else response.writeHead(200, { 'Content-Type': contentTypes['.json'] ?? '' }).end(json)
      return
    }
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204).end()
      return
    }
    const [, first, ...rest] = url.pathname.split('/')
    if (first === 'tldraw-assets') {
      const [folder] = rest
      const file = folder !== undefined && tldrawAssetFolders.has(folder) ? fileUnder(tldrawAssetsDir, `/${rest.join('/')}`) : null
      send(200, file, 'public, max-age=86400')
      return
    }
    if (url.pathname === '/') {
      send(200, fileUnder(plainDistDir, '/index.html'), 'no-cache')
      return
    }
    send(200, fileUnder(plainDistDir, url.pathname), first === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache')
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}
