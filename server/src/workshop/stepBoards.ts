import { DocumentRecordType, TLDOCUMENT_ID, type TLRecord } from '@tldraw/tlschema'
import { encodeNewBoard } from '../../../shared/src/board/boardDoc.ts'
import type { ClientClaim, PendingUpdate } from '../store/BoardStore.ts'
import { serverOwner } from '../relay/clientOwners.ts'
import type { Challenge } from '../../../shared/src/schema/challenge.ts'
import type { TemplateChallenge } from '../../../shared/src/templates/index.ts'

/** The challenge facts a template puts on a board. */
export function templateChallenge(challenge: Challenge, leadMunicipalityName: string): TemplateChallenge {
  return {
    title: challenge.title,
    summary: challenge.summary,
    problemStatements: [...challenge.problemStatements],
    stakeholderGroups: [...challenge.stakeholderGroups],
    municipality: leadMunicipalityName,
  }
}

/**
 * The first state of a board holding `records` (a template's page and shapes) with the board's
 * document record, as one log row to append and the claim making its Yjs client id the
 * server's. Every record is checked against tldraw's validators first (encodeNewBoard).
 */
export function initialBoardRow(boardId: string, records: readonly TLRecord[]): { row: PendingUpdate; claim: ClientClaim } {
  // Without the document record the client's store would make its own, and the relay would refuse it.
  const all: TLRecord[] = [DocumentRecordType.create({ id: TLDOCUMENT_ID }), ...records]
  const { update, clientId } = encodeNewBoard(all)
  return {
    row: { boardId, update, author: serverOwner, touched: all.map((record) => record.id), kind: 'build' },
    claim: { boardId, clientId, owner: serverOwner },
  }
}
