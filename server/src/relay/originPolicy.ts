import { normalizeOrigin } from '../config.ts'

/**
 * Cross-site WebSocket hijacking guard: a browser page from another site must
 * not open a board socket with the user's network position or cookies.
 *
 * Allowed: no Origin header (not a browser, so nothing to hijack); an Origin
 * whose host equals the request's Host (same origin); an origin listed in
 * ALLOWED_ORIGINS. Everything else, including the opaque origin "null", is
 * refused.
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowedOrigins: readonly string[] | null,
): boolean {
  if (origin === undefined) return true
  const normalized = normalizeOrigin(origin)
  if (normalized === null) return false
  if (host !== undefined && new URL(normalized).host === normalizeHost(host)) return true
  return allowedOrigins?.includes(normalized) ?? false
}

function normalizeHost(host: string): string | null {
  try {
    return new URL(`http://${host}`).host
  } catch {
    return null
  }
}
