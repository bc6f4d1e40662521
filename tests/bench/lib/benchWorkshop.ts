/**
 * A workshop step's board for the Chromium bench, made as people make it: the
 * first facilitator from the setup link the relay printed, a workshop on
 * Grue's seeded challenge with one step from a method template, opened, and a
 * participant joined through the participant link. The bench's browsers open
 * the step's board as that participant (their session cookie, nothing else).
 */
import type { TLRecord } from 'tldraw'
import * as Y from 'yjs'
import { readBoardRecords } from '../../../shared/src/board/boardDoc.ts'
import { SessionInfo } from '../../../shared/src/schema/access.ts'
import { ChallengeList } from '../../../shared/src/schema/publicApi.ts'
import { AgendaStep, WorkshopDetail } from '../../../shared/src/schema/workshopApi.ts'
import { ApiAgent, linkToken, type ApiResponse } from '../../helpers/auth.ts'
import { syncUrl } from './childProcesses.ts'
import { handshake, SyncSocket } from './syncSocket.ts'

export interface TemplateBoard {
  boardId: string
  templateId: string
  /** Shapes on the board as the template built it: what a page shows once the board is open. */
  shapes: number
  /** Those shapes (and their bindings) as tldraw records, for plain tldraw to open the same board. */
  records: TLRecord[]
  /** The participant's cookies, for a browser context (name and value). */
  participantCookies: { name: string; value: string }[]
}

function answer(response: ApiResponse, status: number, what: string): unknown {
  if (response.status !== status) throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(response.body)}`)
  return response.body
}

/** The shapes and bindings of a board as its facilitator reads it through the relay. */
async function readShapes(relayUrl: string, boardId: string, facilitator: ApiAgent): Promise<TLRecord[]> {
  const headers = { cookie: facilitator.cookieHeader(), origin: new URL(relayUrl).origin }
  const socket = await SyncSocket.open(syncUrl(relayUrl), boardId, 10_000, headers)
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, await handshake(socket, doc))
    return [...readBoardRecords(doc).values()].filter((record) => record.typeName === 'shape' || record.typeName === 'binding')
  } finally {
    await socket.close()
    doc.destroy()
  }
}

/** Sets up the workshop on a relay that has just started (its output holds the setup link). */
export async function createTemplateBoard(relayUrl: string, relayOutput: string, templateId = 'stakeholder-mapping'): Promise<TemplateBoard> {
  const setupUrl = /create the first facilitator at (\S+)/.exec(relayOutput)?.[1]
  if (setupUrl === undefined) throw new Error('the relay printed no setup link')
  const facilitator = new ApiAgent(relayUrl)
  answer(
    await facilitator.post('/api/setup', {
      token: linkToken(setupUrl),
      email: 'bench@grue.kommune.no',
      displayName: 'Bench Fasilitator',
      password: 'a long bench passphrase',
    }),
    201,
    'setup',
  )
  const { challenges } = ChallengeList.parse(answer(await facilitator.get('/api/challenges?q=Kirkenær'), 200, 'challenges'))
  const challenge = challenges[0]
  if (challenge === undefined) throw new Error('the seed has no Kirkenær challenge')
  const created = WorkshopDetail.parse(
    answer(
      await facilitator.post('/api/workshops', {
        challengeId: challenge.id,
        title: 'Kirkenær sentrum',
        startsAt: '2026-12-07T09:00:00Z',
        endsAt: '2026-12-07T15:00:00Z',
      }),
      201,
      'workshop',
    ),
  )
  const workshopId = created.workshop.id
  const step = AgendaStep.parse(answer(await facilitator.post(`/api/workshops/${workshopId}/steps`, { templateId, plannedMinutes: 30 }), 201, 'step'))
  const opened = WorkshopDetail.parse(answer(await facilitator.patch(`/api/workshops/${workshopId}`, { status: 'open' }), 200, 'open'))
  if (opened.links === null) throw new Error('a facilitator sees the workshop links')
  const participant = new ApiAgent(relayUrl)
  SessionInfo.parse(
    answer(
      await participant.post(`/api/join/${linkToken(opened.links.participantUrl)}`, { displayName: 'Kari fra Kirkenær', affiliation: 'citizen' }),
      201,
      'join',
    ),
  )
  const participantCookies = participant
    .cookieHeader()
    .split('; ')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const split = pair.indexOf('=')
      return { name: pair.slice(0, split), value: pair.slice(split + 1) }
    })
  const records = await readShapes(relayUrl, step.boardId, facilitator)
  return { boardId: step.boardId, templateId, shapes: records.filter((record) => record.typeName === 'shape').length, records, participantCookies }
}
