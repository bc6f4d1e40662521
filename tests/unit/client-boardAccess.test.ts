// How the board page opens a board for each role, and what the person reads
// when the server refuses something, in the three languages.
import { describe, expect, it } from 'vitest'
import { boardAccessFor } from '../../client/src/board/boardAccess.ts'
import { ApiRequestError } from '../../client/src/app/apiErrors.ts'
import { describeError, describeIssue } from '../../client/src/components/form/errorText.ts'
import { createI18n } from '../../client/src/i18n/index.ts'
import type { SessionInfo } from '../../shared/src/schema/access.ts'
import type { AgendaStep, BoardContext } from '../../shared/src/schema/workshopApi.ts'

const step: AgendaStep = {
  id: 'step-0000001',
  workshopId: 'workshop-001',
  position: 1,
  templateId: 'stakeholder-mapping',
  templateVersion: 1,
  boardId: 'board-000001',
  instructions: '',
  plannedMinutes: 20,
  templateName: 'Kartlegge aktører',
}

function context(role: BoardContext['role']): BoardContext {
  return { workshop: { id: 'workshop-001', title: 'Verksted', status: 'open' }, step, previous: null, next: null, stepCount: 2, role, language: 'nb' }
}

const facilitator = { facilitatorId: 'facilitator-1', email: 'f@k.no', displayName: 'Frida', color: '#175CD3', csrfToken: 'f' }
const participant: SessionInfo['guest'] = {
  role: 'participant',
  workshopId: 'workshop-001',
  participantId: 'participant-1',
  displayName: 'Kari',
  affiliation: 'citizen',
  color: '#067647',
  csrfToken: 'g',
}

describe('opening a board', () => {
  it('lets observers only watch, under no name', () => {
    const observer: SessionInfo = {
      facilitator: null,
      setupRequired: false,
      guest: { ...participant, role: 'observer', participantId: null, displayName: null, affiliation: null, color: null },
    }
    expect(boardAccessFor(context('observer'), observer)).toEqual({ mode: 'observe', role: 'participant', identity: null })
  })

  it('gives participants and facilitators the session’s name and colour', () => {
    expect(boardAccessFor(context('participant'), { facilitator: null, guest: participant, setupRequired: false })).toEqual({
      mode: 'edit',
      role: 'participant',
      identity: { id: 'participant-1', name: 'Kari', color: '#067647' },
    })
    // A facilitator who also joined as a guest: their facilitator session wins on the boards they run.
    expect(boardAccessFor(context('facilitator'), { facilitator, guest: participant, setupRequired: false })).toEqual({
      mode: 'edit',
      role: 'facilitator',
      identity: { id: 'facilitator-1', name: 'Frida', color: '#175CD3' },
    })
  })

  it('falls back to the device’s own name on free boards without a facilitator session, or when offline', () => {
    expect(boardAccessFor(null, null)).toEqual({ mode: 'edit', role: 'participant', identity: null })
    expect(boardAccessFor(null, { facilitator: null, guest: participant, setupRequired: false })).toEqual({
      mode: 'edit',
      role: 'participant',
      identity: null,
    })
    const facilitating = boardAccessFor(null, { facilitator, guest: null, setupRequired: false })
    expect(facilitating.identity?.name).toBe('Frida')
    expect(facilitating.role).toBe('facilitator')
  })
})

describe('what a person reads', () => {
  const i18n = createI18n('nb')

  it('explains known error codes in the chosen language, and a wait in minutes', async () => {
    const tooMany = new ApiRequestError({ status: 429, code: 'too_many_attempts', message: 'Too many.', retryAfterSeconds: 600 })
    expect(describeError(i18n.t, tooMany)).toEqual({ text: 'For mange forsøk. Vent 10 minutter og prøv igjen.' })
    await i18n.changeLanguage('en')
    expect(describeError(i18n.t, new ApiRequestError({ status: 401, code: 'invalid_credentials', message: 'x' })).text).toBe(
      'Wrong email address or password.',
    )
    await i18n.changeLanguage('nn')
    expect(describeError(i18n.t, new ApiRequestError({ status: 409, code: 'workshop_closed', message: 'x' })).text).toMatch(/Verkstaden/)
    await i18n.changeLanguage('nb')
  })

  it('translates the shared validators’ messages and marks unknown ones as English', () => {
    expect(describeIssue(i18n.t, { path: 'title', message: 'Must be at most 200 characters.' })).toEqual({ text: 'Skriv høyst 200 tegn.' })
    expect(describeIssue(i18n.t, { path: 'endsAt', message: 'A workshop must end after it starts.' }).text).toBe('Slutten må være etter starten.')
    expect(describeIssue(i18n.t, { path: 'x', message: 'Something new.' })).toEqual({ text: 'Something new.', lang: 'en' })
    // A list nobody chose from (the join form's "Hvor kommer du fra?").
    expect(describeIssue(i18n.t, { path: 'affiliation', message: 'Invalid input: expected string, received undefined' }).text).toBe('Velg ett av alternativene.')
    // Inviting someone who already has an account: our words, not the server's "Sign in instead".
    const taken = new ApiRequestError({ status: 409, code: 'email_taken', message: 'A facilitator with this email address already exists. Sign in instead.' })
    expect(describeError(i18n.t, taken)).toEqual({ text: 'Det finnes allerede en fasilitator med denne e-postadressen.' })
    const unknownCode = new ApiRequestError({ status: 418, code: 'teapot', message: 'I am a teapot.' })
    expect(describeError(i18n.t, unknownCode)).toEqual({ text: 'I am a teapot.', lang: 'en' })
  })
})
