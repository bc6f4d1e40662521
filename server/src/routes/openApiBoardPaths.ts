import { HistoryQuery, MomentQuery, ParticipantParams } from '../../../shared/src/schema/boardHistoryApi.ts'
import { BoardParams } from '../../../shared/src/schema/workshopApi.ts'
import { error, json, operation, type PathItem } from './openApiSchema.ts'

const ok = (description: string, schema: string) => ({ description, content: json(schema) })
const unavailable = error('The board is being deleted, or the server is shutting down (board_unavailable).')

/** A board's mode, history and restores, and removing a participant from a workshop. */
export function boardPaths(): Record<string, PathItem> {
  return {
    '/api/boards/{boardId}/mode': {
      put: operation({
        summary: 'Set who may change what on the board: open, add-only or frozen. Everyone on the board sees it at once.',
        access: 'facilitator',
        unsafe: true,
        params: BoardParams,
        body: 'BoardModeBody',
        responses: { '200': ok('The mode, and the history row that set it.', 'BoardModeAnswer'), '409': unavailable },
      }),
    },
    '/api/boards/{boardId}/history': {
      get: operation({
        summary:
          'The board’s timeline: per stretch of time, how many records each person changed (names for facilitators, counts for everyone else in the workshop), and the restores and mode changes facilitators made.',
        access: 'workshop',
        params: BoardParams,
        query: HistoryQuery,
        responses: { '200': ok('The timeline.', 'BoardTimeline') },
      }),
    },
    '/api/boards/{boardId}/history/records': {
      get: operation({
        summary: 'Every record of the board at a moment of its history (a seq, or the last change at or before a time), for a read-only preview.',
        access: 'facilitator',
        params: BoardParams,
        query: MomentQuery,
        responses: {
          '200': ok('The records then.', 'BoardMoment'),
          '409': error('That moment is no longer kept (moment_not_kept).'),
        },
      }),
    },
    '/api/boards/{boardId}/restore': {
      post: operation({
        summary:
          'Put the whole board, or chosen shapes with what they held, back as it was just after a history row: a new change everyone sees, itself undoable.',
        access: 'facilitator',
        unsafe: true,
        params: BoardParams,
        body: 'RestoreBody',
        responses: {
          '200': ok('The restore’s history row and how many records it changed.', 'RestoreAnswer'),
          '409': error('That moment is no longer kept (moment_not_kept), or the board is unavailable (board_unavailable).'),
        },
      }),
    },
    '/api/boards/{boardId}/restore/undo': {
      post: operation({
        summary: 'Undo a restore: the records it changed go back to what they were just before it.',
        access: 'facilitator',
        unsafe: true,
        params: BoardParams,
        body: 'UndoRestoreBody',
        responses: { '200': ok('The undoing restore.', 'RestoreAnswer'), '409': unavailable },
      }),
    },
    '/api/workshops/{workshopId}/participants/{participantId}/removal': {
      post: operation({
        summary:
          'Remove a participant: their session ends and their sockets close (4414); the link keeps working for others. With undoSince, what they changed on the workshop’s boards since then is put back.',
        access: 'facilitator',
        unsafe: true,
        params: ParticipantParams,
        body: 'RemoveParticipantBody',
        responses: {
          '200': ok('What was put back.', 'RemoveParticipantAnswer'),
          '404': error('No such workshop (workshop_not_found) or participant in it (participant_not_found).'),
        },
      }),
    },
  }
}
