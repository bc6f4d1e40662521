import type { LiveSessions } from '../relay/boardAccess.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import type { StoreMaintenance } from '../store/StoreMaintenance.ts'

export interface WorkshopDeletionDeps {
  domain: Pick<DomainStore, 'listSteps' | 'listPrivateBoards' | 'deleteWorkshop'>
  live: Pick<LiveSessions, 'retireBoards'>
  maintenance: Pick<StoreMaintenance, 'scrubDeleted'>
}

/**
 * Deletes a workshop with everything that names its people: its steps' and private boards
 * (with their logs, snapshots and uploads), its participants, their sessions, its links and its
 * facilitation state. A facilitator's DELETE and the retention sweep both come here, so that a
 * workshop deleted on schedule goes exactly as one deleted by hand. It resolves once the deleted
 * rows are unreadable in the database's files too (StoreMaintenance.scrubDeleted), to false when
 * there was no such workshop (someone else deleted it first).
 */
export async function deleteWorkshopWithBoards(deps: WorkshopDeletionDeps, workshopId: string): Promise<boolean> {
  const { domain, live, maintenance } = deps
  const steps = await domain.listSteps(workshopId)
  const privateBoards = await Promise.all(steps.map((step) => domain.listPrivateBoards(step.id)))
  const boardIds = [...steps.map((step) => step.boardId), ...privateBoards.flat().map((board) => board.boardId)]
  // Through the relay, so that no socket, queued update or idle room writes to a board after its rows go.
  const deleted = await live.retireBoards(boardIds, () => domain.deleteWorkshop(workshopId))
  if (deleted) await maintenance.scrubDeleted()
  return deleted
}
