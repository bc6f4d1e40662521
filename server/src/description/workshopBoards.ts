import * as Y from 'yjs'
import type { BoardReading } from '../../../shared/src/board/boardReading.ts'
import { readBoard } from '../../../shared/src/board/readBoard.ts'
import type { Step } from '../../../shared/src/schema/step.ts'
import type { BoardLanguage } from '../../../shared/src/schema/workshopApi.ts'
import type { BoardStore } from '../store/BoardStore.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import { agendaStep } from '../workshop/workshopDetail.ts'

/** One step of a workshop with what its board says. */
export interface StepBoardReading {
  step: Step
  /** The step's name as the agenda shows it in the description's language. */
  title: string
  reading: BoardReading
}

/**
 * The board of every step of a workshop, read in agenda order. Boards come
 * from the store, not the relay's rooms: the relay commits an update before
 * it sends it on, so whatever anyone has seen on a board is stored. One board
 * is in memory at a time.
 */
export async function readWorkshopBoards(
  deps: { boards: BoardStore; domain: DomainStore },
  workshopId: string,
  language: BoardLanguage,
): Promise<StepBoardReading[]> {
  const readings: StepBoardReading[] = []
  for (const step of await deps.domain.listSteps(workshopId)) {
    const doc = await loadBoardDoc(deps.boards, step.boardId)
    try {
      readings.push({ step, title: agendaStep(step, language).templateName, reading: readBoard(doc) })
    } finally {
      doc.destroy()
    }
  }
  return readings
}

/** A board as stored: its latest snapshot with the log after it applied on top. */
export async function loadBoardDoc(boards: BoardStore, boardId: string): Promise<Y.Doc> {
  const stored = await boards.loadBoard(boardId)
  const doc = new Y.Doc()
  Y.transact(doc, () => {
    if (stored.snapshot !== null) Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(doc, update)
  })
  return doc
}
