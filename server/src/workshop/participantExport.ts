import type { TLRecord } from '@tldraw/tlschema'
import { readBoardRecords } from '../../../shared/src/board/boardDoc.ts'
import { creatorOf } from '../../../shared/src/board/boardRules.ts'
import { parseReactions } from '../../../shared/src/board/noteReactions.ts'
import { userRecordId } from '../../../shared/src/board/personErasure.ts'
import { richTextToPlain } from '../../../shared/src/board/richText.ts'
import type { ExportedBoard, ParticipantDataExport } from '../../../shared/src/schema/participantDataApi.ts'
import type { Workshop } from '../../../shared/src/schema/workshop.ts'
import type { LiveBoards } from '../board/liveBoards.ts'
import { personOwner } from '../relay/clientOwners.ts'
import type { AccessStore } from '../store/AccessStore.ts'
import type { BoardStore } from '../store/BoardStore.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import type { FacilitationStore } from '../store/FacilitationStore.ts'

export interface ParticipantExportDeps {
  domain: DomainStore
  access: AccessStore
  store: BoardStore
  boards: LiveBoards
  /** The workshop's room state as stored. */
  roomState: FacilitationStore['get']
  now: () => number
}

/** What one board holds of a person, read from its records. */
export type PersonOnBoard = Pick<ExportedBoard, 'userRecord' | 'notes' | 'otherShapes' | 'reactions'>

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * Everything Samskap stores about one participant of a workshop, for an access request (A19):
 * their record, their sessions without the secrets, the workshop, what each board of it holds of
 * them (their name on it, their notes with their text and frame, other shapes, reactions, and how
 * many changes its history keeps of theirs) and what the room's state holds of them. Nothing of
 * anyone else: other people's notes appear only where they carry this person's reaction (as ids).
 * Null when the participant is not in the workshop.
 */
export async function participantExport(deps: ParticipantExportDeps, workshop: Workshop, participantId: string): Promise<ParticipantDataExport | null> {
  const participant = await deps.access.getParticipant(participantId)
  if (participant === null || participant.workshopId !== workshop.id) return null
  const sessions = await deps.access.listParticipantSessions(participantId)
  const boards: ExportedBoard[] = []
  const steps = await deps.domain.listSteps(workshop.id)
  for (const [index, step] of steps.entries()) {
    const own = (await deps.domain.listPrivateBoards(step.id)).filter((board) => board.personId === participantId)
    for (const { boardId, privateBoard } of [{ boardId: step.boardId, privateBoard: false }, ...own.map((board) => ({ boardId: board.boardId, privateBoard: true }))]) {
      const onBoard = await deps.boards.readBoard(boardId, (doc) => personOnBoard(readBoardRecords(doc), participantId))
      const theirs = (await deps.store.listHistory(boardId)).filter((entry) => entry.author === personOwner(participantId))
      const [first, last] = [theirs.at(0), theirs.at(-1)]
      const changes = { count: theirs.length, first: first === undefined ? null : iso(first.createdAt), last: last === undefined ? null : iso(last.createdAt) }
      const holdsAnything = onBoard.userRecord !== null || onBoard.notes.length + onBoard.otherShapes.length + onBoard.reactions.length + changes.count > 0
      if (holdsAnything || privateBoard) boards.push({ boardId, stepId: step.id, stepNumber: index + 1, stepTemplate: step.templateId, privateBoard, ...onBoard, changes })
    }
  }
  const { state } = await deps.roomState(workshop.id)
  const hand = state.hands.find((raised) => raised.participantId === participantId)
  return {
    exportedAt: iso(deps.now()),
    participant: {
      id: participant.id,
      displayName: participant.displayName,
      affiliation: participant.affiliation,
      color: participant.color,
      joinedAt: iso(participant.createdAt),
      removedAt: participant.removedAt == null ? null : iso(participant.removedAt),
    },
    workshop: {
      id: workshop.id,
      title: workshop.title,
      challengeId: workshop.challengeId,
      startsAt: workshop.startsAt,
      endsAt: workshop.endsAt,
      status: workshop.status,
    },
    sessions: sessions.map((session) => ({ createdAt: iso(session.createdAt), expiresAt: iso(session.expiresAt) })),
    boards,
    room: {
      handRaisedAt: hand === undefined ? null : iso(hand.raisedAt),
      doneWithStepIds: Object.entries(state.ready)
        .filter(([, ids]) => ids.includes(participantId))
        .map(([stepId]) => stepId),
      ballot: state.vote?.ballots[participantId] ?? null,
    },
  }
}

/** What the board's `records` hold of `personId`: their user record, what they made or signed, and their reactions. */
export function personOnBoard(records: ReadonlyMap<string, TLRecord>, personId: string): PersonOnBoard {
  const user = records.get(userRecordId(personId))
  const onBoard: PersonOnBoard = {
    userRecord: user?.typeName === 'user' ? { name: user.name, color: user.color } : null,
    notes: [],
    otherShapes: [],
    reactions: [],
  }
  for (const record of records.values()) {
    if (record.typeName !== 'shape') continue
    const createdByThem = creatorOf(record) === personId
    if (record.type === 'note') {
      const textLastEditedByThem = record.props.textLastEditedBy === personId
      if (createdByThem || textLastEditedByThem) {
        const parent = records.get(record.parentId)
        const frame = parent?.typeName === 'shape' && parent.type === 'frame' ? parent.props.name : null
        onBoard.notes.push({ noteId: record.id, text: richTextToPlain(record.props.richText), frame, createdByThem, textLastEditedByThem })
      }
      for (const [reaction, ids] of Object.entries(parseReactions(record) ?? {})) {
        if (ids?.includes(personId)) onBoard.reactions.push({ noteId: record.id, reaction })
      }
    } else if (createdByThem) {
      onBoard.otherShapes.push({ shapeId: record.id, type: record.type })
    }
  }
  return onBoard
}
