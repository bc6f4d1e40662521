import type { RequestHandler } from 'express'
import type { Config } from '../config.ts'
import { originNotAllowed } from '../errors.ts'
import { isOriginAllowed } from '../relay/originPolicy.ts'

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Refuses a changing API request whose Origin header names another site (403
 * `origin_not_allowed`), with the same policy as the board sockets. This also
 * stops login CSRF, where there is no session token yet to check.
 */
export function originGuard(config: Pick<Config, 'allowedOrigins'>): RequestHandler {
  return (request, _response, next) => {
    if (unsafeMethods.has(request.method) && !isOriginAllowed(request.headers, config.allowedOrigins)) {
      throw originNotAllowed()
    }
    next()
  }
}
