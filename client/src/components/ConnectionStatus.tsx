import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { ConnectionState } from '../board/ConnectionWatch.ts'
import type { ConnectionStatus as Status } from '../board/connectionStatus.ts'
import { UpdateRejection } from '../../../shared/src/protocol/messages.ts'
import { StatusIcon } from './StatusIcon.tsx'

function describe(t: TFunction, status: Status, state: ConnectionState | null, observing: boolean): { long: string; short: string } {
  // An observer sends nothing, so "Lagret" would promise something that never happens: they are connected.
  if (observing && status === 'saved') return { long: t('status.watching'), short: t('status.watching') }
  switch (status) {
    case 'offline':
      return { long: t('status.offline'), short: t('status.offlineShort') }
    case 'error': {
      const long = state?.rejection === UpdateRejection.documentTooLarge ? t('status.errorTooLarge') : t('status.error')
      return { long, short: t('status.errorShort') }
    }
    default: {
      const text = t(`status.${status}`)
      return { long: text, short: text }
    }
  }
}

/**
 * The save status of the board: text, icon and colour (`data-state` is the status, for
 * tests). "Lagret"/"Saved" means the server has stored every change, not just that the
 * socket is open. On narrow screens a short text is shown; the full text stays readable
 * for screen readers and as the tooltip.
 */
export function ConnectionStatus({ state, observing = false }: { state: ConnectionState | null; observing?: boolean }) {
  const { t } = useTranslation()
  const status: Status = state?.status ?? 'connecting'
  const { long, short } = describe(t, status, state, observing)
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="connection-status"
      data-state={status}
      className={`connection-status connection-status--${status}`}
      title={long}
    >
      <StatusIcon status={status} />
      <span className={short === long ? undefined : 'connection-status__long'}>{long}</span>
      {short !== long && (
        <span className="connection-status__short" aria-hidden="true">
          {short}
        </span>
      )}
    </div>
  )
}
