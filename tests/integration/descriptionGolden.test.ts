// The published challenge description of a whole workshop, word for word. A five-step workshop on
// Grue's seeded Kirkenær challenge gets a fixed set of notes (and leaves the templates' starting notes
// alone, as people do), a dot vote is kept on the ideas board, the facilitator drafts, fills in what
// the boards cannot know and publishes; the published Markdown must equal the reviewed file beside
// this test. When the description's structure changes on purpose, review the new text and write it
// with `UPDATE_GOLDEN=1 npx vitest run --project integration tests/integration/descriptionGolden.test.ts`.
import { readFileSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TLRecord } from '@tldraw/tlschema'
import { DraftResult } from '../../shared/src/description/descriptionApi.ts'
import { dotVotesMetaKey } from '../../shared/src/schema/dotVoting.ts'
import type { FacilitationActionInput } from '../../shared/src/schema/facilitation.ts'
import { WorkshopDetail } from '../../shared/src/schema/workshopApi.ts'
import { PublicDescription } from '../../server/src/description/publicDescription.ts'
import { exportLabels, formatDate } from '../../server/src/export/exportLabels.ts'
import { putNote, templateShapeId } from '../helpers/boardNotes.ts'
import type { TestClient } from '../helpers/clients.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { expectStatus, joined } from '../helpers/workshopApi.ts'
import { startWorkshopScene, type WorkshopScene } from '../helpers/workshopScene.ts'

const goldenFile = new URL('./golden/grue-kirkenaer-published.md', import.meta.url)

let scene: WorkshopScene
beforeEach(async () => {
  scene = await startWorkshopScene()
})
afterEach(() => scene.close())

/** Writes a note's text again, as a person editing a template's starting note does. */
function rewrite(client: TestClient, shapeId: string, text: string, userId: string): void {
  const note = client.records.get(shapeId) as (TLRecord & { props: Record<string, unknown> }) | undefined
  if (note === undefined) throw new Error(`No note ${shapeId} on the board.`)
  const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }
  client.setRecord(shapeId, { ...note, props: { ...note.props, richText, textLastEditedBy: userId } })
}

describe('the published description of a workshop on Grue’s challenge', () => {
  it('reads as the reviewed document, word for word', async () => {
    const { facilitator, challengeId } = scene
    const { workshopId, steps, participant: kari } = await scene.openWorkshop(
      [
        { templateId: 'challenge-framing', plannedMinutes: 30 },
        { templateId: 'stakeholder-mapping', plannedMinutes: 30 },
        { templateId: 'ideas', plannedMinutes: 30 },
        { templateId: 'prototyping', plannedMinutes: 45 },
        { templateId: 'prioritising', plannedMinutes: 20 },
      ],
      { displayName: 'Kari Nordmann', affiliation: 'citizen' },
    )
    const [framing, stakeholders, ideas, prototyping, prioritising] = steps
    const shape = (templateId: string, key: string) => templateShapeId(templateId, key)
    const me = kari.userId

    const framingBoard = await scene.openBoard(framing.boardId, kari)
    putNote(framingBoard, shape('challenge-framing', 'questions'), 'Hvordan kan vi gjøre Kirkenær til et sted der unge vil være etter skoletid?', me)
    putNote(framingBoard, shape('challenge-framing', 'needs.group.2'), 'Et sted å være inne om vinteren', me)
    putNote(framingBoard, shape('challenge-framing', 'needs.group.1'), 'Kunder i sentrum på dagtid', me)
    putNote(framingBoard, shape('challenge-framing', 'knowledge.area.0'), 'Tre lokaler i Storgata står tomme', me)
    putNote(framingBoard, shape('challenge-framing', 'knowledge.area.0'), 'Industrien har 400 ansatte som pendler inn', me)
    putNote(framingBoard, shape('challenge-framing', 'knowledge.area.1'), 'Hvor handler de ansatte i dag?', me)
    putNote(framingBoard, shape('challenge-framing', 'assumptions'), 'Ungdom vil bruke et lokale de selv får innrede', me)

    const stakeholderBoard = await scene.openBoard(stakeholders.boardId, kari)
    putNote(stakeholderBoard, shape('stakeholder-mapping', 'grid.cell.1'), 'Kirkenær Næringsforening', me)
    putNote(stakeholderBoard, shape('stakeholder-mapping', 'grid.cell.3'), 'Ungdomsrådet', me)
    putNote(stakeholderBoard, shape('stakeholder-mapping', 'ring.sector.2'), 'Ungdomsrådet', me)
    putNote(stakeholderBoard, shape('stakeholder-mapping', 'ring.sector.1'), 'Grue Sparebank', me)
    // One starting note is written over; the other four are left as the template put them.
    rewrite(stakeholderBoard, shape('stakeholder-mapping', 'groups.note.3'), 'Grue frivilligsentral', me)

    const ideasBoard = await scene.openBoard(ideas.boardId, kari)
    const meetingPlace = putNote(ideasBoard, shape('ideas', 'writing'), 'Møteplass for ungdom i et tomt lokale', me)
    const marketDay = putNote(ideasBoard, shape('ideas', 'writing'), 'Torgdag hver lørdag', me)
    putNote(ideasBoard, shape('ideas', 'writing'), 'Felles kontorfellesskap for pendlere', me)
    putNote(ideasBoard, shape('ideas', 'clusters'), 'Liv i tomme lokaler', me)

    const prototypingBoard = await scene.openBoard(prototyping.boardId, kari)
    putNote(prototypingBoard, shape('prototyping', 'canvas.field.0'), 'Torgdag', me)
    putNote(prototypingBoard, shape('prototyping', 'canvas.field.1'), 'Barnefamilier', me)
    putNote(prototypingBoard, shape('prototyping', 'canvas.field.2'), 'Folk kjører forbi sentrum på lørdager', me)
    putNote(prototypingBoard, shape('prototyping', 'canvas.field.3'), 'Lokale produsenter selger fra boder på torget', me)
    putNote(prototypingBoard, shape('prototyping', 'canvas.field.4'), 'Prøve én lørdag i mai og telle besøkende', me)
    putNote(prototypingBoard, shape('prototyping', 'canvas.field.5'), 'Strøm og vann på torget', me)
    putNote(prototypingBoard, shape('prototyping', 'storyboard.panel.0'), 'Familien kjører til Kongsvinger for å handle', me)
    putNote(prototypingBoard, shape('prototyping', 'storyboard.panel.4'), 'De handler lokalt og blir til kafé', me)

    const prioritisingBoard = await scene.openBoard(prioritising.boardId, kari)
    putNote(prioritisingBoard, shape('prioritising', 'matrix.cell.0'), 'Et sted å være inne om vinteren', me)
    putNote(prioritisingBoard, shape('prioritising', 'matrix.cell.3'), 'Kunder i sentrum på dagtid', me)

    const boards = [framingBoard, stakeholderBoard, ideasBoard, prototypingBoard, prioritisingBoard]
    await Promise.all(boards.map((board) => board.waitForSaved()))

    // A dot vote on the brainwriting, kept on the board: two dots on the meeting place, one on the market day.
    const detail = WorkshopDetail.parse(expectStatus(await facilitator.agent.get(`/api/workshops/${workshopId}`), 200))
    const ola = await joined(scene.server.url, detail.links?.participantUrl ?? '', { displayName: 'Ola Nordmann', affiliation: 'business' })
    const act = (agent: typeof facilitator.agent, action: FacilitationActionInput) => agent.post(`/api/workshops/${workshopId}/facilitation`, action)
    const vote = { type: 'startVote', stepId: ideas.id, frameId: shape('ideas', 'writing'), budget: 3, manyPerNote: true, ownNotes: true, endsWithTimer: false } as const
    expectStatus(await act(facilitator.agent, vote), 200)
    for (const [agent, noteId] of [[ola.agent, meetingPlace], [kari.agent, meetingPlace], [ola.agent, marketDay]] as const) {
      expectStatus(await act(agent, { type: 'castVote', noteId }), 200)
    }
    expectStatus(await act(facilitator.agent, { type: 'revealVote' }), 200)
    expectStatus(await act(facilitator.agent, { type: 'keepVote' }), 200)
    const dotsOn = (noteId: string) => ((ideasBoard.records.get(noteId) as TLRecord | undefined)?.meta as Record<string, unknown> | undefined)?.[dotVotesMetaKey]
    await waitFor(() => dotsOn(meetingPlace) === 2 && dotsOn(marketDay) === 1, { message: 'the kept vote on the ideas board' })

    const description = `/api/challenges/${challengeId}/description`
    const run = DraftResult.parse(expectStatus(await facilitator.agent.post(`${description}/draft`, { workshopId }), 200))
    // The one idea nobody gave a dot is in no field: the run says so, with its step and frame.
    expect(run.leftOut.map((ref) => [ref.stepTitle, ref.frameKey, ref.notes.map((note) => note.text)])).toEqual([
      [ideas.templateName, 'writing', ['Felles kontorfellesskap for pendlere']],
    ])
    expectStatus(
      await facilitator.agent.put(description, {
        fields: {
          offer: 'Kommunen stiller tre tomme lokaler i Storgata til disposisjon i prøveperioden, og deler tall fra besøkstellinger i sentrum.',
          howToAnswer: 'Send en kort beskrivelse av løsningen, hvem dere er, og hva dere trenger fra kommunen.',
          answerDeadline: '2022-05-01',
          contactPoint: 'postmottak@grue.kommune.no',
        },
      }),
      200,
    )
    expectStatus(await facilitator.agent.post(`${description}/publish`, {}), 201)

    // Public: what anyone downloads.
    const exported = await fetch(`${scene.server.url}${description}/versions/1/export/md`)
    expect(exported.status).toBe(200)
    // The day it was published is the one thing in the file that changes from run to run.
    const version = PublicDescription.parse(expectStatus(await facilitator.agent.get(`${description}/versions/1`), 200))
    const published = formatDate(version.publishedAt, exportLabels('nb'))
    // Markdown escapes the full stop after the day where a line starts with it ("7\\. desember").
    const markdown = (await exported.text()).replaceAll(published, '{publiseringsdato}').replaceAll(published.replace('.', '\\.'), '{publiseringsdato}')
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(goldenFile, markdown)
    expect(markdown).toBe(readFileSync(goldenFile, 'utf8'))
  })
})
