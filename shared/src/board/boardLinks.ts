// Which addresses a board may point at. Images, videos and link cards are loaded by every
// browser that shows the board, so they may only come from this server (uploads); embeds only
// from the hosts the deployment allows. Anything else would make citizens' browsers contact
// hosts nobody chose for them, so the relay refuses it and the browser never writes it.

import type { TLRecord } from '@tldraw/tlschema'

/** Where uploads are served: `POST /api/boards/<id>/assets` answers with a URL under this path. */
export const assetPathPrefix = '/api/assets/'

/** What a board's links are checked against. */
export interface BoardLinks {
  /** The deployment's own origin, e.g. `https://samskap.kommune.no`; relative paths always count as ours. */
  ownOrigin: string
  /** Hosts whose pages may be embedded (exact host names, e.g. `www.youtube-nocookie.com`). */
  embedHosts: readonly string[]
}

function parse(url: string, base: string): URL | null {
  try {
    return new URL(url, base)
  } catch {
    return null
  }
}

/** True when `url` is a plain address on our own origin (relative or absolute): no credentials, no other host. */
export function isOwnUrl(url: string, ownOrigin: string): boolean {
  const parsed = parse(url, ownOrigin)
  return parsed !== null && parsed.origin === ownOrigin && parsed.username === '' && parsed.password === ''
}

/**
 * `src` when it names one of our own uploads (`/api/assets/…` on `ownOrigin`, relative or
 * absolute), else null.
 *
 * @example ownAssetUrl('/api/assets/abc', 'https://samskap.no') // '/api/assets/abc'
 */
export function ownAssetUrl(src: string | null | undefined, ownOrigin: string): string | null {
  if (typeof src !== 'string' || src === '') return null
  const url = parse(src, ownOrigin)
  if (url === null || url.origin !== ownOrigin || !url.pathname.startsWith(assetPathPrefix)) return null
  // A `..` segment is resolved by URL; anything else (credentials, query) is not ours.
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return null
  return src
}

/**
 * The ids of our uploads that a board's asset records point at (`/api/assets/<id>`, on any origin):
 * the uploads the board still needs stored.
 * @example uploadIds([{ typeName: 'asset', props: { src: '/api/assets/abc' }, … }]) // ['abc']
 */
export function uploadIds(records: Iterable<TLRecord>): string[] {
  const ids = new Set<string>()
  for (const record of records) {
    if (record.typeName !== 'asset') continue
    const src = (record.props as { src?: unknown }).src
    const url = typeof src === 'string' ? parse(src, 'http://board.invalid') : null
    if (url === null || !url.pathname.startsWith(assetPathPrefix)) continue
    // Upload ids are base64url: nothing in them is percent-encoded, and decoding a malformed
    // escape someone wrote into a src would throw in the middle of an erasure.
    ids.add(url.pathname.slice(assetPathPrefix.length))
  }
  return [...ids]
}

/** True when an embed of `url` may be placed: https on one of the allowed hosts. */
export function isAllowedEmbed(url: string, links: BoardLinks): boolean {
  const parsed = parse(url, links.ownOrigin)
  return parsed !== null && parsed.protocol === 'https:' && links.embedHosts.includes(parsed.hostname.toLowerCase())
}
