import type { Request, Response } from 'express'
import type { Step } from '../../../shared/src/schema/step.ts'
import type { Workshop } from '../../../shared/src/schema/workshop.ts'
import { notYourBoard } from '../errors.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import { requireWorkshopRole, type GuestAccess, type WorkshopAccess } from './requestAccess.ts'

// Where a board belongs, for everything that lets people at a board (the relay's admission, the
// board context, history and uploads): a step's own board, or a person's private board on a step,
// which is the step's for every rule but one: of the guests, only its owner may open it.

export type BoardPlace =
  /** A board outside any workshop (a scratch board, or an id nobody used yet). */
  | { kind: 'free' }
  /** Its step or workshop was deleted while it was being looked up. */
  | { kind: 'deleted' }
  /** A step's board, or (privateTo set) the private board of the person with that id on the step. */
  | { kind: 'step'; step: Step; workshop: Workshop; privateTo: string | null }

export type BoardPlaceDomain = Pick<DomainStore, 'getStepByBoardId' | 'privateBoardOwner' | 'getStep' | 'getWorkshop'>

/** The step and workshop a board belongs to, as its own or as someone's private board. */
export async function placeOfBoard(domain: BoardPlaceDomain, boardId: string): Promise<BoardPlace> {
  const [ownStep, owner] = await Promise.all([domain.getStepByBoardId(boardId), domain.privateBoardOwner(boardId)])
  if (ownStep === null && owner === null) return { kind: 'free' }
  const step = ownStep ?? (owner === null ? null : await domain.getStep(owner.stepId))
  const workshop = step === null ? null : await domain.getWorkshop(step.workshopId)
  if (step === null || workshop === null) return { kind: 'deleted' }
  return { kind: 'step', step, workshop, privateTo: ownStep === null ? (owner?.personId ?? null) : null }
}

/**
 * Whether a guest of the board's workshop may open it: any of them a step's own board, only its
 * owner (a participant) a private board. Facilitators open every board and are not asked.
 */
export function guestMayOpen(place: { privateTo: string | null }, guest: Pick<GuestAccess, 'session' | 'participant'>): boolean {
  if (place.privateTo === null) return true
  return guest.session.role === 'participant' && guest.participant?.id === place.privateTo
}

/**
 * The asker's role on a workshop's board (requireWorkshopRole's answers and refusals), or 403
 * `not_your_board` for a guest at someone else's private board.
 */
export function requireBoardRole(
  request: Request,
  response: Response,
  place: { workshop: Pick<Workshop, 'id'>; privateTo: string | null },
): WorkshopAccess {
  const access = requireWorkshopRole(request, response, place.workshop)
  if (access.guest !== null && !guestMayOpen(place, access.guest)) throw notYourBoard()
  return access
}
