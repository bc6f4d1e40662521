import { isIP } from 'node:net'
import { z } from 'zod'
import type { TrustProxy } from './config.ts'

// How the text of each environment variable becomes a value of the configuration (config.ts),
// or an issue that names what is allowed. Each parser reports through zod's refinement context,
// so that every bad variable is listed at start-up, not just the first.

/** ACCESSIBILITY_CONTACT: an e-mail address or an http(s) address people can open; empty is unset. */
export function parseContact(value: string | undefined, context: z.RefinementCtx): string | null {
  const contact = value?.trim() ?? ''
  if (contact === '') return null
  if (/^[^\s@/:]+@[^\s@/]+\.[^\s@/]+$/.test(contact)) return contact
  try {
    const url = new URL(contact)
    if ((url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '') return url.toString()
  } catch {
    // Reported below.
  }
  context.addIssue({ code: 'custom', message: 'an e-mail address (uu@kommune.no) or an http(s) address' })
  return z.NEVER
}

/** A service's URL with one of `protocols`; the message says what is expected (and never echoes a password). */
export function parseServiceUrl(value: string | undefined, context: z.RefinementCtx, protocols: readonly string[], expected: string): string | undefined {
  if (value === undefined) return undefined
  try {
    const url = new URL(value.trim())
    if (protocols.includes(url.protocol) && url.hostname !== '') return url.toString()
  } catch {
    // Reported below.
  }
  context.addIssue({ code: 'custom', message: expected })
  return z.NEVER
}

/** The canonical form of an origin, as browsers send it in the Origin header: `scheme://host[:port]`. */
export function normalizeOrigin(value: string): string | null {
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '') return null
  return url.origin
}

/** An unset variable and an empty one mean the same: use the default. */
export function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') result[name] = value
  }
  return result
}

export function intVar(allowed: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) {
  return z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined) return fallback
      const trimmed = value.trim()
      const parsed = Number(trimmed)
      if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
        context.addIssue({ code: 'custom', message: allowed })
        return z.NEVER
      }
      return parsed
    })
}

export function parsePublicUrl(value: string | undefined, context: z.RefinementCtx): string | undefined {
  if (value === undefined) return undefined
  let url: URL | null
  try {
    url = new URL(value.trim())
  } catch {
    url = null
  }
  if (
    url === null ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.port === '0' ||
    url.search !== '' ||
    url.hash !== '' ||
    url.username !== ''
  ) {
    context.addIssue({
      code: 'custom',
      message:
        'the address people open the app at, like https://samskap.kommune.no or http://192.168.1.20:8080 (http or https, no query)',
    })
    return z.NEVER
  }
  // Links are built as `${publicUrl}/join/…`, so the stored form has no trailing slash.
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

export function parseOrigins(value: string | undefined, context: z.RefinementCtx): string[] | null {
  if (value === undefined) return null
  const origins: string[] = []
  for (const part of value.split(',')) {
    if (part.trim() === '') continue
    const origin = normalizeOrigin(part)
    if (origin === null) {
      context.addIssue({
        code: 'custom',
        message: `"${part.trim()}" is not an origin; give comma-separated origins like https://samskap.example.no,http://localhost:5173 (scheme, host and port, no path)`,
      })
      return null
    }
    origins.push(origin)
  }
  return origins.length === 0 ? null : origins
}

/** EMBED_HOSTS: comma-separated host names (no scheme, no path), lower-cased. */
export function parseHosts(value: string | undefined, context: z.RefinementCtx): string[] {
  if (value === undefined) return []
  const hosts = value.split(',').map((part) => part.trim().toLowerCase()).filter((part) => part !== '')
  const bad = hosts.find((host) => !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(host))
  if (bad !== undefined) {
    context.addIssue({
      code: 'custom',
      message: `"${bad}" is not a host name; give comma-separated host names like www.youtube-nocookie.com,player.vimeo.com`,
    })
    return []
  }
  return hosts
}

const namedProxyRanges = new Set(['loopback', 'linklocal', 'uniquelocal'])

/**
 * TRUST_PROXY: a hop count, or proxies' addresses, CIDR subnets and named
 * ranges. `true` (trust every hop) is refused: a client could then choose
 * its own address with X-Forwarded-For and escape the throttles.
 */
export function parseTrustProxy(value: string | undefined, context: z.RefinementCtx): TrustProxy {
  const trimmed = value?.trim().toLowerCase()
  if (trimmed === undefined || trimmed === 'false' || trimmed === '0') return false
  if (/^\d+$/.test(trimmed) && Number(trimmed) <= 100) return Number(trimmed)
  if (trimmed === 'true') {
    context.addIssue({
      code: 'custom',
      message: 'true would believe any X-Forwarded-For a client sends; give the number of proxies in front instead, e.g. 1',
    })
    return z.NEVER
  }
  const parts = trimmed.split(',').map((part) => part.trim()).filter((part) => part !== '')
  const bad = parts.find((part) => !namedProxyRanges.has(part) && !isAddressOrSubnet(part))
  if (parts.length === 0 || bad !== undefined) {
    context.addIssue({
      code: 'custom',
      message:
        'how many reverse proxies are in front of the server (e.g. 1), or their addresses: comma-separated IPs, CIDR subnets or loopback, linklocal, uniquelocal (e.g. loopback,10.0.0.0/8); false or unset for none',
    })
    return z.NEVER
  }
  return parts
}

function isAddressOrSubnet(value: string): boolean {
  const [address = '', prefix, ...rest] = value.split('/')
  const version = isIP(address)
  if (version === 0 || rest.length > 0) return false
  if (prefix === undefined) return true
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128)
}
