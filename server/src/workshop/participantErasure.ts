import type { DescriptionDraft, FieldProvenance } from '../../../shared/src/description/challengeDescription.ts'
import { writePersonErasure, type PersonErasure } from '../../../shared/src/board/personErasure.ts'
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import { newEntityId } from '../../../shared/src/schema/entityId.ts'
import type { EraseParticipantAnswer } from '../../../shared/src/schema/participantDataApi.ts'
import type { Workshop } from '../../../shared/src/schema/workshop.ts'
import type { LiveBoards } from '../board/liveBoards.ts'
import type { LiveSessions } from '../relay/boardAccess.ts'
import { personOwner } from '../relay/clientOwners.ts'
import type { AccessStore } from '../store/AccessStore.ts'
import type { DescriptionStore } from '../store/DescriptionStore.ts'
import type { DomainStore } from '../store/DomainStore.ts'

export interface ParticipantErasureDeps {
  domain: DomainStore
  access: AccessStore
  descriptions: DescriptionStore
  live: LiveSessions
  boards: LiveBoards
  /** The workshop's room state: their hand, "done" marks and dots go. */
  facilitation: { forgetParticipant(workshopId: string, participantId: string): Promise<void> }
  /** Makes what the database deleted unreadable in its files, when the store offers it. */
  scrubDeleted?: () => Promise<void>
  now: () => number
}

/** The boards of a workshop: each step's, and every private board of its steps. */
export async function workshopBoardIds(domain: DomainStore, workshopId: string): Promise<string[]> {
  const steps = await domain.listSteps(workshopId)
  const privateBoards = await Promise.all(steps.map((step) => domain.listPrivateBoards(step.id)))
  return [...steps.map((step) => step.boardId), ...privateBoards.flat().map((board) => board.boardId)]
}

/**
 * Erases a participant from a workshop (A18): nothing that names them is left in the workshop.
 *
 * 1. They are marked removed and their sessions deleted (no new socket or session of theirs
 *    starts), then their sockets and event streams close on every instance (4418).
 * 2. Every board of the workshop, their private boards included, loses what names them
 *    (shared/src/board/personErasure.ts), and with `deleteNotes` what they made, as a change
 *    everyone on it sees; each board that held anything of theirs has its stored history
 *    rewritten as one fresh snapshot, and counts up its history generation, so that offline
 *    copies kept before are not sent back (B17).
 * 3. Their hand, "done" marks and dots leave the room's state; deleted notes leave the sources
 *    of the challenge description's draft.
 * 4. Their row goes (name, affiliation, colour), and their private boards become nobody's.
 *
 * Resolves to null when the participant is not in the workshop. Run again after a failure, it
 * picks up where the first run stopped (a removed participant is still there to erase).
 */
export async function eraseParticipant(
  deps: ParticipantErasureDeps,
  workshop: Workshop,
  participantId: string,
  request: { deleteNotes: boolean; facilitatorId: string },
): Promise<EraseParticipantAnswer | null> {
  if ((await deps.access.removeParticipant(workshop.id, participantId, deps.now())) === null) return null
  deps.live.endSockets({ workshopId: workshop.id, personId: participantId }, CloseCode.erasedFromWorkshop)

  const erasure: PersonErasure = { personId: participantId, deleteTheirShapes: request.deleteNotes }
  const meta = { author: personOwner(request.facilitatorId), kind: 'facilitation' as const, detail: JSON.stringify({ erasedPerson: true }) }
  const deletedShapes = new Map<string, string[]>()
  let boards = 0
  for (const boardId of await workshopBoardIds(deps.domain, workshop.id)) {
    const write = (doc: Parameters<typeof writePersonErasure>[0]) => {
      const { keys, deletedShapeIds } = writePersonErasure(doc, erasure)
      if (deletedShapeIds.length > 0) deletedShapes.set(boardId, deletedShapeIds)
      return keys
    }
    if (await deps.boards.eraseFromBoard(boardId, write, meta, personOwner(participantId))) boards += 1
  }

  await deps.facilitation.forgetParticipant(workshop.id, participantId)
  const draftSourcesRemoved = deletedShapes.size === 0 ? 0 : await forgetDraftSources(deps.descriptions, workshop.challengeId, deletedShapes)
  await deps.access.eraseParticipant(workshop.id, participantId, newEntityId())
  await deps.scrubDeleted?.()
  const shapesDeleted = [...deletedShapes.values()].reduce((sum, ids) => sum + ids.length, 0)
  return { boards, shapesDeleted, draftSourcesRemoved }
}

type FieldKey = keyof DescriptionDraft['provenance']

/**
 * Takes deleted notes out of the sources of the challenge description's draft (their text, kept
 * there as where a field came from). What a field says stays: it is the editors' text.
 */
async function forgetDraftSources(descriptions: DescriptionStore, challengeId: string, deleted: ReadonlyMap<string, readonly string[]>): Promise<number> {
  let removed = 0
  await descriptions.updateDraft(challengeId, (draft) => {
    removed = 0
    if (draft === null) return null
    const provenance: DescriptionDraft['provenance'] = {}
    for (const [field, entry] of Object.entries(draft.provenance) as Array<[FieldKey, FieldProvenance]>) {
      const sources = entry.sources.flatMap((source) => {
        const gone = deleted.get(source.boardId)
        const notes = gone === undefined ? source.notes : source.notes.filter((note) => !gone.includes(note.id))
        removed += source.notes.length - notes.length
        // A frame whose notes were all theirs was a source through them alone.
        if (notes.length === source.notes.length) return [source]
        return notes.length === 0 ? [] : [{ ...source, notes }]
      })
      provenance[field] = { ...entry, sources }
    }
    return removed === 0 ? null : { ...draft, provenance }
  })
  return removed
}
