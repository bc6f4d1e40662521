import type { IncomingHttpHeaders } from 'node:http'
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import type { Config } from '../config.ts'
import type { BoardAccess, BoardGrant, BoardRefusal } from '../relay/boardAccess.ts'
import type { AccessStore } from '../store/AccessStore.ts'
import { guestMayOpen, placeOfBoard, type BoardPlaceDomain } from './boardPlace.ts'
import { resolveSessions } from './requestAccess.ts'
import { sessionCookies } from './sessionCookies.ts'

export interface BoardAccessPolicyDeps {
  access: AccessStore
  domain: BoardPlaceDomain
  config: Pick<Config, 'scratchBoards'>
  now: () => number
}

/**
 * The relay's admission rules for a board socket, from the upgrade's cookies:
 *
 * - A board of a workshop step: any facilitator session ⇒ facilitator (any
 *   workshop status). Otherwise a guest session of that workshop ⇒ its role,
 *   if the workshop is open (else 4407); a guest of another workshop ⇒ 4406;
 *   no valid session ⇒ 4405. A guest session whose link was rotated no longer
 *   exists (rotating deletes it), so it counts as no session.
 * - A participant's private board on a step: as the step's board, but of the
 *   workshop's guests only its owner (that participant) is let in; any other
 *   participant, and every observer, ⇒ 4415.
 * - A board outside any step (a scratch board): a facilitator ⇒ facilitator;
 *   otherwise SCRATCH_BOARDS=anyone ⇒ participant without a person (nothing
 *   is stamped into its presence, as before roles existed); else 4412.
 */
export function createBoardAccessPolicy(deps: BoardAccessPolicyDeps): BoardAccess {
  return {
    async authorize(headers: IncomingHttpHeaders, boardId: string): Promise<BoardGrant | BoardRefusal> {
      const [sessions, place] = await Promise.all([
        resolveSessions(deps.access, sessionCookies(headers), deps.now()),
        placeOfBoard(deps.domain, boardId),
      ])
      const { facilitator, guest } = sessions
      if (place.kind === 'deleted') return refused(CloseCode.boardDeleted)
      const workshop = place.kind === 'step' ? place.workshop : null
      const stepBoardId = place.kind === 'step' ? place.step.boardId : null
      const privateBoard = place.kind === 'step' && place.privateTo !== null

      if (facilitator !== null) {
        const { account, session } = facilitator
        return {
          kind: 'granted',
          role: 'facilitator',
          workshopId: workshop?.id ?? null,
          stepBoardId,
          privateBoard,
          sessionIdHash: session.idHash,
          linkId: null,
          sessionExpiresAt: session.expiresAt,
          person: { id: account.id, name: account.displayName, color: account.color },
        }
      }
      if (workshop === null) {
        if (deps.config.scratchBoards !== 'anyone') return refused(CloseCode.boardNotInWorkshop)
        return {
          kind: 'granted',
          role: 'participant',
          workshopId: null,
          stepBoardId: null,
          privateBoard: false,
          sessionIdHash: null,
          linkId: null,
          sessionExpiresAt: null,
          person: null,
        }
      }
      if (guest === null) return refused(CloseCode.notAuthenticated)
      if (guest.session.workshopId !== workshop.id) return refused(CloseCode.wrongWorkshop)
      if (place.kind === 'step' && !guestMayOpen(place, guest)) return refused(CloseCode.notYourBoard)
      if (workshop.status !== 'open') return refused(CloseCode.workshopNotOpen)
      const { session, participant } = guest
      return {
        kind: 'granted',
        role: session.role === 'participant' ? 'participant' : 'observer',
        workshopId: workshop.id,
        stepBoardId,
        privateBoard,
        sessionIdHash: session.idHash,
        linkId: session.linkId,
        sessionExpiresAt: session.expiresAt,
        person:
          session.role === 'participant' && participant !== null
            ? { id: participant.id, name: participant.displayName, color: participant.color }
            : null,
      }
    },
  }
}

function refused(closeCode: CloseCode): BoardRefusal {
  return { kind: 'refused', closeCode }
}
