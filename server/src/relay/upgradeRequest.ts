import type { Duplex } from 'node:stream'
import { syncBasePath } from '../../../shared/src/protocol/boardId.ts'

// What the relay reads from a board socket's upgrade request before any WebSocket exists.

/** The board id part of `/sync/<boardId>[?query]` (not yet validated), or null for any other path. */
export function boardIdFromPath(url: string | undefined): string | null {
  if (url === undefined) return null
  const path = url.split('?', 1)[0] ?? ''
  const prefix = `${syncBasePath}/`
  return path.startsWith(prefix) ? path.slice(prefix.length) : null
}

/**
 * The history generation of the board copy a browser keeps, from `?generation=<n>` on the socket's
 * URL (see BoardMeta.historyGeneration); null when absent or not a count.
 */
export function copyGenerationOf(url: string | undefined): number | null {
  const query = url?.split('?')[1]
  if (query === undefined) return null
  const value = new URLSearchParams(query).get('generation')
  if (value === null || !/^\d{1,9}$/.test(value)) return null
  return Number(value)
}

/** Answers an upgrade that is refused before any WebSocket exists with a bare HTTP status, and closes. */
export function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.once('finish', () => socket.destroy())
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}
