import type { BoardMode } from '../../../shared/src/board/boardMode.ts'
import {
  BoardModeAnswer,
  BoardMoment,
  BoardTimeline,
  RemoveParticipantAnswer,
  RestoreAnswer,
  type RestoreBody,
} from '../../../shared/src/schema/boardHistoryApi.ts'
import type { ApiClient } from '../app/apiClient.ts'
import { fetchApi } from '../app/publicApi.ts'

// The board routes a facilitator uses to lead a board and put right what went wrong on it.

const boardPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`

/** Sets who may change what on the board. */
export function setBoardMode(api: ApiClient, boardId: string, mode: BoardMode): Promise<BoardModeAnswer> {
  return api.send({ method: 'PUT', path: `${boardPath(boardId)}/mode`, body: { mode }, as: 'facilitator', response: BoardModeAnswer })
}

/** The board's timeline between two moments (ms since the epoch). */
export function fetchTimeline(boardId: string, since: number, until: number, signal?: AbortSignal): Promise<BoardTimeline> {
  return fetchApi(`${boardPath(boardId)}/history?since=${since}&until=${until}`, BoardTimeline, signal)
}

/** Every record of the board just after history row `seq`. */
export function fetchMoment(boardId: string, seq: number, signal?: AbortSignal): Promise<BoardMoment> {
  return fetchApi(`${boardPath(boardId)}/history/records?seq=${seq}`, BoardMoment, signal)
}

/** Puts the board, or chosen shapes, back as they were just after row `body.seq`. */
export function restoreBoard(api: ApiClient, boardId: string, body: RestoreBody): Promise<RestoreAnswer> {
  return api.send({ method: 'POST', path: `${boardPath(boardId)}/restore`, body, as: 'facilitator', response: RestoreAnswer })
}

/** Undoes the restore logged as row `seq`. */
export function undoRestore(api: ApiClient, boardId: string, seq: number): Promise<RestoreAnswer> {
  return api.send({ method: 'POST', path: `${boardPath(boardId)}/restore/undo`, body: { seq }, as: 'facilitator', response: RestoreAnswer })
}

/** Removes a participant from a workshop, putting back what they changed since `undoSince` when given. */
export function removeParticipant(
  api: ApiClient,
  workshopId: string,
  participantId: string,
  undoSince: number | null,
): Promise<RemoveParticipantAnswer> {
  return api.send({
    method: 'POST',
    path: `/api/workshops/${encodeURIComponent(workshopId)}/participants/${encodeURIComponent(participantId)}/removal`,
    body: { undoSince },
    as: 'facilitator',
    response: RemoveParticipantAnswer,
  })
}
