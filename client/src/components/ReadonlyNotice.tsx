import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import type { ConnectionState } from '../board/ConnectionWatch.ts'

/** What a person can do about a refusal: reload, sign in / join, or go to the workshop or the start page. */
type RefusalAction = 'reload' | 'signIn' | 'workshop' | 'home'

function refusalHelp(t: TFunction, code: number): { message: string; action: RefusalAction } {
  switch (code) {
    case CloseCode.invalidRoom.code:
      return { message: t('readonly.refusedInvalidRoom'), action: 'home' }
    case CloseCode.unknownMessageType.code:
    case CloseCode.malformedMessage.code:
      return { message: t('readonly.refusedProtocol'), action: 'reload' }
    case CloseCode.tooManyRejectedUpdates.code:
      return { message: t('readonly.refusedTooManyRejected'), action: 'reload' }
    case CloseCode.originNotAllowed.code:
      return { message: t('readonly.refusedOrigin'), action: 'reload' }
    case CloseCode.notAuthenticated.code:
      return { message: t('readonly.notAuthenticated'), action: 'signIn' }
    case CloseCode.wrongWorkshop.code:
      return { message: t('readonly.wrongWorkshop'), action: 'home' }
    case CloseCode.workshopNotOpen.code:
      return { message: t('readonly.workshopNotOpen'), action: 'workshop' }
    case CloseCode.readOnlyRole.code:
      return { message: t('readonly.readOnlyRole'), action: 'reload' }
    case CloseCode.linkRotated.code:
      return { message: t('readonly.linkRotated'), action: 'home' }
    case CloseCode.sessionEnded.code:
      return { message: t('readonly.sessionEnded'), action: 'signIn' }
    case CloseCode.boardDeleted.code:
      return { message: t('readonly.boardDeleted'), action: 'workshop' }
    case CloseCode.boardNotInWorkshop.code:
      return { message: t('readonly.boardNotInWorkshop'), action: 'signIn' }
    case CloseCode.tooFast.code:
      return { message: t('readonly.tooFast'), action: 'reload' }
    case CloseCode.removedFromWorkshop.code:
      return { message: t('readonly.removedFromWorkshop'), action: 'home' }
    case CloseCode.accountDeactivated.code:
      return { message: t('accounts.deactivatedNotice'), action: 'home' }
    case CloseCode.erasedFromWorkshop.code:
      return { message: t('participantData.erasedNotice'), action: 'home' }
    case CloseCode.notYourBoard.code:
      return { message: t('privateBoard.notYours'), action: 'workshop' }
    default:
      return { message: t('readonly.refusedOther', { code }), action: 'reload' }
  }
}

export interface ReadonlyNoticeProps {
  state: ConnectionState
  boardId: string
  /** The board's workshop, for "Til verkstedet" when the workshop is closed or the board deleted. */
  workshopId: string | null
}

/**
 * Why the board cannot be edited here, and what to do about it: the server's close
 * code explained (not open, link replaced, signed out …), with the one action that helps.
 */
export function ReadonlyNotice({ state, boardId, workshopId }: ReadonlyNoticeProps) {
  const { t } = useTranslation()
  if (state.readonlyCause === null) return null
  const help =
    state.readonlyCause === 'newer-schema' || state.refusal === null
      ? { message: t('readonly.newerSchema'), action: 'reload' as const }
      : refusalHelp(t, state.refusal.code)
  const action =
    help.action === 'workshop' && workshopId === null ? 'home' : help.action
  return (
    <div
      className="readonly-notice"
      role="alert"
      data-testid="readonly-notice"
      data-reason={state.readonlyCause}
      data-code={state.refusal?.code}
    >
      <p className="readonly-notice__text">
        <strong>{t('readonly.title')}.</strong> {help.message}
      </p>
      {action === 'reload' && (
        <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
          {t('readonly.reload')}
        </button>
      )}
      {action === 'signIn' && (
        <Link className="button button--primary" to={`/login?next=${encodeURIComponent(`/board/${boardId}`)}`}>
          {t('gate.signIn')}
        </Link>
      )}
      {action === 'workshop' && workshopId !== null && (
        <Link className="button button--primary" to={`/workshop/${workshopId}`}>
          {t('readonly.toWorkshop')}
        </Link>
      )}
      {action === 'home' && (
        <Link className="button" to="/">
          {t('board.backHome')}
        </Link>
      )}
    </div>
  )
}
