import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import type { RequestHandler } from 'express'

/** The encodings the client build writes beside its files (client/vite.config.ts), best first. */
export const precompressedEncodings = [
  { encoding: 'br', extension: '.br' },
  { encoding: 'gzip', extension: '.gz' },
] as const

/** Files worth compressing: text. Fonts and images are compressed already. */
export const compressibleExtensions: ReadonlySet<string> = new Set(['.js', '.css', '.json', '.svg', '.html'])

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.html': 'text/html; charset=utf-8',
}

/** The encodings a request's Accept-Encoding allows (a `;q=0` refuses one). */
function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>()
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';')
    if (params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param))) continue
    if (name !== '') accepted.add(name)
  }
  return accepted
}

/**
 * Serves the brotli or gzip file the build wrote beside a file under `root` (`x.js.br` for
 * `/x.js`) to a browser that accepts it, with the original's type and `cacheControl`; anything
 * else goes on to the next handler (express.static), which serves the file as it is.
 */
export function precompressedFiles(root: string, cacheControl: (relativePath: string) => string): RequestHandler {
  const resolvedRoot = path.resolve(root)
  return (request, response, next) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next()
    const extension = path.extname(request.path)
    const contentType = contentTypes[extension]
    if (contentType === undefined) return next()
    let file: string
    try {
      file = path.resolve(resolvedRoot, `.${path.posix.normalize(decodeURIComponent(request.path))}`)
    } catch {
      return next()
    }
    if (!file.startsWith(resolvedRoot + path.sep)) return next()
    const accepted = acceptedEncodings(request.get('accept-encoding'))
    const chosen = precompressedEncodings.find(({ encoding, extension: suffix }) => accepted.has(encoding) && isFile(file + suffix))
    response.vary('Accept-Encoding')
    if (chosen === undefined) return next()
    response.set({
      'Content-Type': contentType,
      'Content-Encoding': chosen.encoding,
      'Cache-Control': cacheControl(path.relative(resolvedRoot, file)),
    })
    response.sendFile(file + chosen.extension, { dotfiles: 'ignore', cacheControl: false }, (error) => {
      if (error !== undefined && !response.headersSent) next(error)
    })
  }
}

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile()
}
