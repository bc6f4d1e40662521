import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import type { Connection } from './connection.ts'

/** The longest delay setTimeout takes (about 24.8 days); a longer wait is made of several. */
const maxTimerMs = 2 ** 31 - 1

/**
 * Closes the socket (4410) when its session expires: the upgrade checked the
 * session once, and a socket must not outlive it.
 */
export function endAtExpiry(connection: Connection, expiresAt: number, now: () => number): void {
  let timer: NodeJS.Timeout | undefined
  const check = (): void => {
    const left = expiresAt - now()
    if (left <= 0) {
      connection.close(CloseCode.sessionEnded)
      return
    }
    timer = setTimeout(check, Math.min(left, maxTimerMs))
    timer.unref()
  }
  connection.onEnd(() => clearTimeout(timer))
  check()
}
