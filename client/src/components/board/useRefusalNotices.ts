import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useValue } from 'tldraw'
import { UpdateRejection } from '../../../../shared/src/protocol/messages.ts'
import type { BoardConnection } from '../../board/BoardConnection.ts'
import { useToasts } from '../Toasts.tsx'

type RefusalMessageKey = `refusal.${'template' | 'locked' | 'facilitatorsOnly' | 'frozen' | 'notOwn' | 'identity' | 'link' | 'boardFull' | 'personShare' | 'stepHeld' | 'privateWriting' | 'reaction' | 'other'}`

/** What each refusal a person can act on says, in words they can act on; any other says `refusal.other`. */
const refusalMessages: Partial<Record<UpdateRejection, RefusalMessageKey>> = {
  [UpdateRejection.template]: 'refusal.template',
  [UpdateRejection.locked]: 'refusal.locked',
  [UpdateRejection.facilitatorsOnly]: 'refusal.facilitatorsOnly',
  [UpdateRejection.frozen]: 'refusal.frozen',
  [UpdateRejection.notOwn]: 'refusal.notOwn',
  [UpdateRejection.identity]: 'refusal.identity',
  [UpdateRejection.link]: 'refusal.link',
  [UpdateRejection.documentTooLarge]: 'refusal.boardFull',
  [UpdateRejection.personShare]: 'refusal.personShare',
  [UpdateRejection.stepHeld]: 'refusal.stepHeld',
  [UpdateRejection.privateWriting]: 'refusal.privateWriting',
  [UpdateRejection.reaction]: 'refusal.reaction',
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
    const message = t(refusalMessages[notice.reason] ?? 'refusal.other')
    toasts.show(notice.undone > 0 ? `${message} ${t('refusal.undone', { count: notice.undone })}` : message)
    // Only a new notice (its serial) is news; t and toasts are stable.
  }, [notice?.serial])
}
