import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useValue } from 'tldraw'
import { UpdateRejection } from '../../../../shared/src/protocol/messages.ts'
import type { BoardConnection } from '../../board/BoardConnection.ts'
import { useToasts } from '../Toasts.tsx'

/** The message key saying why a change was not allowed, in words a participant can act on. */
export function refusalMessageKey(reason: UpdateRejection) {
  switch (reason) {
    case UpdateRejection.template:
      return 'refusal.template' as const
    case UpdateRejection.locked:
      return 'refusal.locked' as const
    case UpdateRejection.facilitatorsOnly:
      return 'refusal.facilitatorsOnly' as const
    case UpdateRejection.frozen:
      return 'refusal.frozen' as const
    case UpdateRejection.notOwn:
      return 'refusal.notOwn' as const
    case UpdateRejection.identity:
      return 'refusal.identity' as const
    case UpdateRejection.link:
      return 'refusal.link' as const
    case UpdateRejection.documentTooLarge:
      return 'refusal.boardFull' as const
    case UpdateRejection.personShare:
      return 'refusal.personShare' as const
    default:
      return 'refusal.other' as const
  }
}

/** The same reason is said once in this long, however often the person tries. */
const quietMs = 4000

/**
 * Tells the person, in plain words, when something they did on the board was not allowed: a
 * change the board's rules stopped before it was sent, or one the relay refused (then taken
 * back on this screen too).
 */
export function useRefusalNotices(connection: BoardConnection | null): void {
  const { t } = useTranslation()
  const toasts = useToasts()
  const notice = useValue('refusal', () => connection?.$refusal.get() ?? null, [connection])
  const lastShown = useRef<{ reason: number; at: number } | null>(null)
  useEffect(() => {
    if (notice === null) return
    const now = Date.now()
    const last = lastShown.current
    if (last !== null && last.reason === notice.reason && now - last.at < quietMs && notice.undone === 0) return
    lastShown.current = { reason: notice.reason, at: now }
    const message = t(refusalMessageKey(notice.reason))
    toasts.show(notice.undone > 0 ? `${message} ${t('refusal.undone', { count: notice.undone })}` : message)
    // Only a new notice (its serial) is news; t and toasts are stable.
  }, [notice?.serial])
}
