// The audit log as facilitators read it: each facilitator action made through the real routes of a
// real server on port 0 (real SQLite) appears with its facilitator, action, targets and time; a
// refused action leaves nothing; participants' names never appear; the entries outlive the
// workshop; only facilitators read them, with filters and paging; old entries go by their own
// retention.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AuditLogPage, type AuditAction, type AuditEntry } from '../../shared/src/schema/auditLog.ts'
import { aChallenge } from '../helpers/domainFixtures.ts'
import { SessionInfo } from '../../shared/src/schema/access.ts'
import { ApiAgent, firstFacilitator, linkToken, logIn, setUpFirstFacilitator, type SignedInFacilitator } from '../helpers/auth.ts'
import { createDataDir, removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts'
import { queryStorage } from '../helpers/storeRaces.ts'
import { addStep, createWorkshop, expectError, expectStatus, grueChallengeId, joined, setStatus } from '../helpers/workshopApi.ts'
import path from 'node:path'

let server: TestServer
let facilitator: SignedInFacilitator
let clock = Date.parse('2022-03-14T08:00:00.000Z')
const minute = 60_000
/** Each call moves the server's clock on a minute, so every action has a time of its own. */
const tick = () => (clock += minute)

beforeEach(async () => {
  clock = Date.parse('2022-03-14T08:00:00.000Z')
  server = await startTestServer({ now: () => clock })
  facilitator = await setUpFirstFacilitator(server)
})
afterEach(async () => {
  await server.close()
})

const participantNames = ['Ingeborg Sølvberg-Testesen', 'Sigurd Prøvestad']

async function auditPage(agent: ApiAgent, query = ''): Promise<AuditLogPage> {
  return AuditLogPage.parse(expectStatus(await agent.get(`/api/audit${query}`), 200))
}

/** Every entry, oldest first. */
async function allEntries(): Promise<AuditEntry[]> {
  return (await auditPage(facilitator.agent, '?limit=200')).entries.reverse()
}

/** A workshop on Grue's challenge with two steps, open, with the two named participants and an observer in it. */
async function workshopWithPeople() {
  const challengeId = await grueChallengeId(facilitator.agent)
  tick()
  const detail = await createWorkshop(facilitator.agent, challengeId)
  const workshopId = detail.workshop.id
  tick()
  const framing = await addStep(facilitator.agent, workshopId, { templateId: 'challenge-framing', plannedMinutes: 20 })
  tick()
  const ideas = await addStep(facilitator.agent, workshopId, { templateId: 'ideas', plannedMinutes: 15 })
  tick()
  await setStatus(facilitator.agent, workshopId, 'open')
  const links = detail.links
  if (links === null) throw new Error('A facilitator sees the links.')
  const participants = []
  for (const displayName of participantNames) {
    participants.push(await joined(server.url, links.participantUrl, { displayName, affiliation: 'citizen' }))
  }
  const observer = await joined(server.url, links.observerUrl)
  return { challengeId, workshopId, framing, ideas, participants, observer }
}

function act(workshopId: string, action: Record<string, unknown>, agent: ApiAgent = facilitator.agent) {
  tick()
  return agent.post(`/api/workshops/${workshopId}/facilitation`, action)
}

describe('the audit log', () => {
  it('records every facilitator action through its route with who, what, which and when, and no participant’s name', async () => {
    const { challengeId, workshopId, framing, ideas, participants } = await workshopWithPeople()
    const workshop = { workshopId, challengeId }
    const grue = ((await facilitator.agent.get('/api/municipalities?q=Grue')).body as { municipalities: { id: string }[] }).municipalities[0]?.id ?? ''

    tick()
    const { id: _id, ...challengeFields } = aChallenge(grue, { name: 'Grue bibliotek' })
    const created = expectStatus(await facilitator.agent.post('/api/challenges', challengeFields), 201) as { id: string }
    tick()
    // The forms send all of their fields; the log names those that changed.
    const current = expectStatus(await facilitator.agent.get(`/api/challenges/${challengeId}`), 200) as { name: string; title: string; themes: string[] }
    const { name, title, themes } = current
    expectStatus(await facilitator.agent.patch(`/api/challenges/${challengeId}`, { name, title, themes, summary: 'Et levende sentrum.' }), 200)
    tick()
    expectStatus(await facilitator.agent.patch(`/api/workshops/${workshopId}`, { title: 'Kirkenær sentrum, dag 1' }), 200)
    tick()
    expectStatus(await facilitator.agent.patch(`/api/steps/${framing.id}`, { plannedMinutes: 25, instructions: framing.instructions }), 200)
    tick()
    expectStatus(await facilitator.agent.put(`/api/workshops/${workshopId}/step-order`, { stepIds: [ideas.id, framing.id] }), 200)
    tick()
    expectStatus(await facilitator.agent.post(`/api/workshops/${workshopId}/links/observer/rotate`, {}), 200)
    tick()
    expectStatus(await facilitator.agent.put(`/api/workshops/${workshopId}/join-code`, { joinCode: '4711' }), 200)
    tick()
    expectStatus(await facilitator.agent.put(`/api/workshops/${workshopId}/join-code`, { joinCode: null }), 200)

    // The room: routine leading is not recorded, rule changes are; a participant's own actions are not.
    expectStatus(await act(workshopId, { type: 'startStep', stepId: framing.id }), 200)
    expectStatus(await act(workshopId, { type: 'raiseHand' }, participants[0]?.agent), 200)
    expectStatus(await act(workshopId, { type: 'keepOnStep', keep: true }), 200)
    expectStatus(await act(workshopId, { type: 'keepOnStep', keep: false }), 200)
    expectStatus(await act(workshopId, { type: 'startPrivate', stepId: framing.id }), 200)
    expectStatus(await act(workshopId, { type: 'revealPrivate', arrangement: 'byPerson' }), 200)
    const voteSettings = { stepId: framing.id, frameId: null, budget: 3, manyPerNote: false, ownNotes: true, endsWithTimer: false }
    expectStatus(await act(workshopId, { type: 'startVote', ...voteSettings }), 200)
    expectStatus(await act(workshopId, { type: 'revealVote' }), 200)
    expectStatus(await act(workshopId, { type: 'keepVote' }), 200)
    expectStatus(await act(workshopId, { type: 'clearVote' }), 200)

    tick()
    expectStatus(await facilitator.agent.put(`/api/boards/${framing.boardId}/mode`, { mode: 'frozen' }), 200)
    tick()
    // Back to before the template was built: everything on it goes (a change), and comes back with the undo.
    const restored = expectStatus(await facilitator.agent.post(`/api/boards/${framing.boardId}/restore`, { seq: 0 }), 200) as { seq: number; changed: number }
    expect(restored.changed).toBeGreaterThan(0)
    tick()
    expectStatus(await facilitator.agent.post(`/api/boards/${framing.boardId}/restore/undo`, { seq: restored.seq }), 200)
    tick()
    const removedId = participants[1]?.session.guest?.participantId ?? ''
    expectStatus(await facilitator.agent.post(`/api/workshops/${workshopId}/participants/${removedId}/removal`, { undoSince: clock - 60 * minute }), 200)

    tick()
    // A county named as it once was (stored counties are free text); the language form as it is.
    const listed = expectStatus(await facilitator.agent.get('/api/municipalities?q=Grue'), 200) as { municipalities: { id: string; languageForm: string }[] }
    const languageForm = listed.municipalities.find((municipality) => municipality.id === grue)?.languageForm
    expectStatus(await facilitator.agent.patch(`/api/municipalities/${grue}`, { languageForm, county: 'Hedmark' }), 200)
    tick()
    expectStatus(await facilitator.agent.post(`/api/challenges/${challengeId}/description/draft`, { workshopId }), 200)
    const firstEdit = tick()
    expectStatus(await facilitator.agent.put(`/api/challenges/${challengeId}/description`, { fields: { offer: 'Kontorplass i sentrum.' } }), 200)
    const lastEdit = tick()
    expectStatus(await facilitator.agent.put(`/api/challenges/${challengeId}/description`, { fields: { goals: ['Flere besøkende i sentrum.'] } }), 200)
    const publishedAt = tick()
    expectStatus(await facilitator.agent.post(`/api/challenges/${challengeId}/description/publish`, {}), 201)

    tick()
    const invitation = expectStatus(await facilitator.agent.post('/api/invitations', { email: 'ola.hansen@grue.kommune.no' }), 201) as { invitationUrl: string }
    tick()
    const ola = { agent: new ApiAgent(server.url), id: '' }
    const accepted = await ola.agent.post(`/api/invitations/${linkToken(invitation.invitationUrl)}/accept`, { displayName: 'Ola Hansen', password: 'et langt passord' })
    ola.id = SessionInfo.parse(expectStatus(accepted, 201)).facilitator?.facilitatorId ?? ''
    tick()
    await setStatus(ola.agent, workshopId, 'closed')
    tick()
    await setStatus(ola.agent, workshopId, 'open')
    tick()
    expectStatus(await facilitator.agent.delete(`/api/steps/${ideas.id}`), 204)
    tick()
    expectStatus(await facilitator.agent.delete(`/api/workshops/${workshopId}`), 204)

    const entries = await allEntries()
    const kari = { facilitatorId: facilitator.id, displayName: firstFacilitator.displayName }
    const expected: [AuditAction, Partial<AuditEntry['target']>, AuditEntry['detail']?][] = [
      ['workshop.create', workshop],
      ['step.add', { ...workshop, stepId: framing.id, boardId: framing.boardId }, { templateId: 'challenge-framing' }],
      ['step.add', { ...workshop, stepId: ideas.id, boardId: ideas.boardId }, { templateId: 'ideas' }],
      ['workshop.open', workshop],
      ['challenge.create', { challengeId: created.id }],
      ['challenge.update', { challengeId }, { fields: ['summary'] }],
      ['workshop.update', workshop, { fields: ['title'], status: 'open' }],
      ['step.update', { ...workshop, stepId: framing.id, boardId: framing.boardId }, { fields: ['plannedMinutes'] }],
      ['step.reorder', workshop, { steps: 2 }],
      ['workshop.rotateLink', workshop, { linkRole: 'observer' }],
      ['workshop.setJoinCode', workshop],
      ['workshop.removeJoinCode', workshop],
      ['room.keepOnStep', { ...workshop, stepId: framing.id }],
      ['room.releaseStep', { ...workshop, stepId: framing.id }],
      ['room.startPrivateWriting', { ...workshop, stepId: framing.id }],
      ['room.revealPrivateWriting', workshop, { arrangement: 'byPerson' }],
      ['room.startVote', { ...workshop, stepId: framing.id }],
      ['room.keepVote', { ...workshop, stepId: framing.id }],
      ['room.clearVote', workshop],
      ['board.setMode', { ...workshop, stepId: framing.id, boardId: framing.boardId }, { mode: 'frozen' }],
      ['board.restore', { ...workshop, stepId: framing.id, boardId: framing.boardId }, { toSeq: 0, restoreScope: 'board' }],
      ['board.undoRestore', { ...workshop, stepId: framing.id, boardId: framing.boardId }, { restoreScope: 'records' }],
      ['participant.remove', workshop, { undoChanges: true, records: 0 }],
      ['municipality.update', { municipalityId: grue }, { fields: ['county'] }],
      ['description.draftFromWorkshop', workshop],
      ['description.edit', { challengeId }],
      ['description.publish', { challengeId }, { version: 1 }],
      ['invitation.issue', {}],
      ['invitation.accept', { facilitatorId: facilitator.id }],
      ['workshop.close', workshop],
      ['workshop.reopen', workshop],
      ['step.remove', { ...workshop, stepId: ideas.id, boardId: ideas.boardId }],
      ['workshop.delete', workshop],
    ]
    expect(entries.map((entry) => entry.action)).toEqual(expected.map(([action]) => action))
    const noTarget = { workshopId: null, challengeId: null, stepId: null, boardId: null, municipalityId: null, facilitatorId: null }
    for (const [index, [action, target, detail]] of expected.entries()) {
      const entry = entries[index]
      expect(entry?.target, action).toEqual({ ...noTarget, ...target })
      if (detail !== undefined) expect(entry?.detail, action).toMatchObject(detail)
    }
    // Who: Kari, but Ola for what he did after accepting; when: the server's clock.
    const byOla = new Set<AuditAction>(['invitation.accept', 'workshop.close', 'workshop.reopen'])
    for (const entry of entries) {
      expect(entry.actor, entry.action).toEqual(byOla.has(entry.action) ? { facilitatorId: ola.id, displayName: 'Ola Hansen' } : kari)
    }
    const published = entries.find((entry) => entry.action === 'description.publish')
    expect(published?.at).toBe(new Date(publishedAt).toISOString())
    // The two saves of the draft are one entry, counted twice.
    expect(entries.find((entry) => entry.action === 'description.edit')).toMatchObject({
      times: 2,
      at: new Date(firstEdit).toISOString(),
      lastAt: new Date(lastEdit).toISOString(),
    })
    // The workshop is gone, its entries stay; the names say so.
    const afterDeletion = await auditPage(facilitator.agent, `?workshopId=${workshopId}&limit=200`)
    expect(afterDeletion.entries).toHaveLength(expected.filter(([, target]) => target.workshopId === workshopId).length)
    expect(afterDeletion.entries.every((entry) => entry.names.workshop === null)).toBe(true)
    expect(entries.find((entry) => entry.action === 'challenge.update')?.names.challenge).toMatch(/^Kirkenær/)

    // No participant's name, in what facilitators read or in the table itself; no participant's id either.
    const participantIds = participants.map((participant) => participant.session.guest?.participantId ?? '')
    const rows = await queryStorage({ file: path.join(server.dataDir, 'samskap.sqlite') }, 'SELECT * FROM audit_entries')
    for (const serialized of [JSON.stringify(entries), JSON.stringify(rows)]) {
      for (const name of [...participantNames, ...participantNames.flatMap((name) => name.split(/[\s-]/))]) expect(serialized).not.toContain(name)
      for (const id of participantIds) expect(serialized).not.toContain(id)
    }
    expect(rows).toHaveLength(expected.length)
  })

  it('records nothing for actions that are refused', async () => {
    const { challengeId, workshopId, framing, participants, observer } = await workshopWithPeople()
    const participant = participants[0]?.agent ?? new ApiAgent(server.url)
    const before = await allEntries()

    expectError(await participant.patch(`/api/workshops/${workshopId}`, { title: 'Kapret' }), 403, 'facilitators_only')
    expectError(await observer.agent.post(`/api/workshops/${workshopId}/links/participant/rotate`, {}), 403, 'facilitators_only')
    expectError(await participant.post(`/api/challenges/${challengeId}/description/publish`, {}), 403, 'facilitators_only')
    expectError(await act(workshopId, { type: 'keepOnStep', keep: true }, participant), 403, 'facilitation_forbidden')
    expectError(await facilitator.agent.patch(`/api/workshops/${workshopId}`, { endsAt: '2000-01-01T00:00:00Z' }), 400, 'invalid_request')
    expectError(await facilitator.agent.put(`/api/workshops/${workshopId}/step-order`, { stepIds: [framing.id] }), 400, 'invalid_request')
    expectError(await facilitator.agent.put(`/api/workshops/${workshopId}/join-code`, { joinCode: 'x' }), 400, 'invalid_request')
    expectError(await facilitator.agent.post(`/api/boards/${framing.boardId}/restore/undo`, { seq: 1 }), 400, 'not_a_restore')
    expectError(await facilitator.agent.put(`/api/boards/${framing.boardId}/mode`, { mode: 'everything' }), 400, 'invalid_request')
    expectError(await facilitator.agent.post(`/api/challenges/${challengeId}/description/publish`, {}), 409, 'nothing_to_publish')
    expectError(await act(workshopId, { type: 'revealPrivate', arrangement: 'shuffled' }), 409, 'facilitation_private_state')
    expectError(await act(workshopId, { type: 'keepVote' }), 409, 'facilitation_vote_state')
    expectError(await facilitator.agent.post(`/api/workshops/${workshopId}/participants/${framing.id}/removal`, {}), 404, 'participant_not_found')
    expectError(await facilitator.agent.patch(`/api/municipalities/${framing.id}`, { county: 'Innlandet' }), 404, 'municipality_not_found')
    expectError(await new ApiAgent(server.url).post('/api/workshops', {}), 401, 'not_signed_in')

    expect(await allEntries()).toEqual(before)
  })

  it('is read by facilitators only: 401 without a session, 403 for participants and observers', async () => {
    const { participants, observer } = await workshopWithPeople()
    expectError(await new ApiAgent(server.url).get('/api/audit'), 401, 'not_signed_in')
    expectError(await (participants[0]?.agent ?? new ApiAgent(server.url)).get('/api/audit'), 403, 'facilitators_only')
    expectError(await observer.agent.get('/api/audit'), 403, 'facilitators_only')
    expect((await auditPage(facilitator.agent)).entries.length).toBeGreaterThan(0)
  })

  it('filters by workshop, challenge, action and time, and pages on with the cursor', async () => {
    const first = await workshopWithPeople()
    tick()
    const second = await createWorkshop(facilitator.agent, first.challengeId, 'Andre verksted')
    const secondId = second.workshop.id
    const from = tick()
    await setStatus(facilitator.agent, secondId, 'open')
    tick()
    await setStatus(facilitator.agent, secondId, 'closed')
    const to = clock
    tick()
    await setStatus(facilitator.agent, secondId, 'open')

    const actions = (page: AuditLogPage) => page.entries.map((entry) => entry.action)
    expect(actions(await auditPage(facilitator.agent, `?workshopId=${secondId}`))).toEqual(['workshop.reopen', 'workshop.close', 'workshop.open', 'workshop.create'])
    expect(actions(await auditPage(facilitator.agent, `?workshopId=${first.workshopId}`))).toEqual(['workshop.open', 'step.add', 'step.add', 'workshop.create'])
    expect(actions(await auditPage(facilitator.agent, `?challengeId=${first.challengeId}`))).toHaveLength(8)
    expect(actions(await auditPage(facilitator.agent, `?action=workshop.open`))).toEqual(['workshop.open', 'workshop.open'])
    const range = `?from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`
    expect(actions(await auditPage(facilitator.agent, range))).toEqual(['workshop.close', 'workshop.open'])
    expect(actions(await auditPage(facilitator.agent, `${range}&action=workshop.close&workshopId=${secondId}`))).toEqual(['workshop.close'])

    const everything = await auditPage(facilitator.agent, '?limit=200')
    expect(everything.nextCursor).toBeNull()
    const paged: AuditEntry[] = []
    let query = '?limit=3'
    for (;;) {
      const page = await auditPage(facilitator.agent, query)
      expect(page.entries.length).toBeLessThanOrEqual(3)
      paged.push(...page.entries)
      if (page.nextCursor === null) break
      query = `?limit=3&after=${encodeURIComponent(page.nextCursor)}`
    }
    expect(paged).toEqual(everything.entries)

    expect(invalidQuery(await facilitator.agent.get('/api/audit?action=workshop.burn'))).toEqual(['action'])
    expect(invalidQuery(await facilitator.agent.get('/api/audit?after=nonsense'))).toEqual(['after'])
    expect(invalidQuery(await facilitator.agent.get('/api/audit?limit=1000'))).toEqual(['limit'])
    expect(invalidQuery(await facilitator.agent.get('/api/audit?from=yesterday'))).toEqual(['from'])
  })
})

function invalidQuery(response: Awaited<ReturnType<ApiAgent['get']>>): string[] {
  return expectError(response, 400, 'invalid_request')
}

describe('the audit log’s retention', () => {
  it('keeps entries across a restart and deletes them once AUDIT_RETENTION_DAYS have passed since their last time', async () => {
    const dataDir = createDataDir()
    try {
      let now = Date.parse('2022-03-14T08:00:00.000Z')
      const first = await startTestServer({ dataDir, now: () => now })
      const kari = await setUpFirstFacilitator(first)
      await createWorkshop(kari.agent, await grueChallengeId(kari.agent))
      await first.close()

      now += 29 * 24 * 60 * minute
      const second = await startTestServer({ dataDir, now: () => now, config: { auditRetentionDays: 30 } })
      const kept = await auditPage(await logIn(second, firstFacilitator))
      expect(kept.entries.map((entry) => entry.action)).toEqual(['workshop.create'])
      await second.close()

      now += 2 * 24 * 60 * minute
      const third = await startTestServer({ dataDir, now: () => now, config: { auditRetentionDays: 30 } })
      try {
        expect((await auditPage(await logIn(third, firstFacilitator))).entries).toEqual([])
      } finally {
        await third.close()
      }
    } finally {
      removeDataDir(dataDir)
    }
  })
})
