import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import type { ConnectionState } from '../board/ConnectionWatch.ts'

function refusalMessage(t: TFunction, code: number): string {
  switch (code) {
    case CloseCode.invalidRoom.code:
      return t('readonly.refusedInvalidRoom')
    case CloseCode.unknownMessageType.code:
    case CloseCode.malformedMessage.code:
      return t('readonly.refusedProtocol')
    case CloseCode.tooManyRejectedUpdates.code:
      return t('readonly.refusedTooManyRejected')
    case CloseCode.originNotAllowed.code:
      return t('readonly.refusedOrigin')
    default:
      return t('readonly.refusedOther', { code })
  }
}

/** Why the board cannot be edited here, with a reload button. */
export function ReadonlyNotice({ state }: { state: ConnectionState }) {
  const { t } = useTranslation()
  if (state.readonlyCause === null) return null
  const message =
    state.readonlyCause === 'newer-schema' || state.refusal === null
      ? t('readonly.newerSchema')
      : refusalMessage(t, state.refusal.code)
  return (
    <div className="readonly-notice" role="alert" data-testid="readonly-notice" data-reason={state.readonlyCause}>
      <p className="readonly-notice__text">
        <strong>{t('readonly.title')}.</strong> {message}
      </p>
      <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
        {t('readonly.reload')}
      </button>
    </div>
  )
}
