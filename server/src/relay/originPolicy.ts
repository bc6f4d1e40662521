import type { IncomingHttpHeaders } from 'node:http'
import { normalizeOrigin } from '../configValues.ts'

/**
 * Cross-site guard for board sockets and uploads: a page from another site must
 * not use the user's browser (its network position, its cookies) to open a
 * board or store a file.
 *
 * - No Origin header: allowed. Only browsers send one, and only browsers can be
 *   abused this way.
 * - ALLOWED_ORIGINS set: the normalized Origin must be listed, exactly. The
 *   Host header is not consulted, because a DNS-rebinding page controls the
 *   name it reaches us under; so the deployment's own public origin must be
 *   in the list too.
 * - ALLOWED_ORIGINS unset (same origin only): the Origin's host and port must
 *   equal the request's Host. The scheme is compared when it is known: the
 *   relay speaks plain HTTP, so only a TLS-terminating proxy's
 *   X-Forwarded-Proto can say what the browser used (a browser cannot set that
 *   header on a socket or a form post). Without it, the host alone decides.
 *
 * Everything else, including the opaque origin "null", is refused.
 */
export function isOriginAllowed(headers: IncomingHttpHeaders, allowedOrigins: readonly string[] | null): boolean {
  const origin = headers.origin
  if (origin === undefined) return true
  const normalized = normalizeOrigin(origin)
  if (normalized === null) return false
  if (allowedOrigins !== null) return allowedOrigins.includes(normalized)
  return isSameOrigin(new URL(normalized), headers)
}

function isSameOrigin(origin: URL, headers: IncomingHttpHeaders): boolean {
  if (headers.host === undefined) return false
  // The Host is read with the Origin's scheme, so a default port written out (":443") still matches.
  const host = hostUnder(origin.protocol, headers.host)
  if (host !== origin.host) return false
  const scheme = forwardedScheme(headers['x-forwarded-proto'])
  return scheme === null || scheme === origin.protocol
}

function hostUnder(protocol: string, host: string): string | null {
  try {
    return new URL(`${protocol}//${host}`).host
  } catch {
    return null
  }
}

/** The scheme ('https:' or 'http:') the proxy says the browser used (the first value when proxies chain), or null when none says. */
function forwardedScheme(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header
  const first = value?.split(',')[0]?.trim().toLowerCase()
  return first === 'https' || first === 'http' ? `${first}:` : null
}
