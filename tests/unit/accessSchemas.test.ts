import { describe, expect, it } from 'vitest'
import { DisplayName, Email, JoinBody, JoinCode, LinkToken, NewPassword } from '../../shared/src/schema/access.ts'
import { formatIssues } from '../../shared/src/schema/validation.ts'
import {
  CreateChallengeBody,
  CreateStepBody,
  CreateWorkshopBody,
  StepOrderBody,
  UpdateChallengeBody,
  UpdateWorkshopBody,
} from '../../shared/src/schema/workshopApi.ts'

// The request schemas the server validates at its edge and the client shows
// errors from: what they accept, and that each refusal names its field.

const issuePaths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.map(String).join('.')) ?? []

describe('access schemas', () => {
  it('compares emails without case and refuses what is not an address', () => {
    expect(Email.parse('  Ola.Nordmann@Grue.Kommune.NO ')).toBe('ola.nordmann@grue.kommune.no')
    expect(Email.safeParse('ola at grue').success).toBe(false)
  })

  it('asks for passwords of at least 12 characters', () => {
    expect(NewPassword.safeParse('kort').success).toBe(false)
    expect(NewPassword.safeParse('langt-nok-passord').success).toBe(true)
  })

  it('keeps display names short and free of control characters', () => {
    expect(DisplayName.parse('  Kari fra Grue  ')).toBe('Kari fra Grue')
    expect(DisplayName.safeParse('').success).toBe(false)
    expect(DisplayName.safeParse('Kari\u0007').success).toBe(false)
    expect(DisplayName.safeParse('x'.repeat(61)).success).toBe(false)
  })

  it('accepts only URL-safe link tokens and short alphanumeric join codes', () => {
    expect(LinkToken.safeParse('abcDEF123_-abcDEF123').success).toBe(true)
    expect(LinkToken.safeParse('short').success).toBe(false)
    expect(LinkToken.safeParse('has space in the token!').success).toBe(false)
    expect(JoinCode.parse(' KIRK22 ')).toBe('KIRK22')
    expect(JoinCode.safeParse('ab').success).toBe(false)
  })

  it('names an unknown field of a join body', () => {
    expect(issuePaths(JoinBody.safeParse({ displayName: 'Kari', role: 'facilitator' }))).toEqual([''])
    expect(formatIssues(JoinBody.safeParse({ displayName: 'Kari', role: 'facilitator' }).error!)).toMatch(/role/)
  })
})

describe('workshop write schemas', () => {
  const challenge = {
    leadMunicipalityId: 'grue-kommune',
    coApplicantIds: [],
    followerMunicipalityIds: ['aseral-kommune'],
    name: 'Kirkenær sentrum',
    title: 'Hvordan kan vi gjøre Kirkenær til et sentrum for både næringsliv og innbyggere?',
    summary: '',
    problemStatements: [],
    themes: ['stedsutvikling'],
    stakeholderGroups: ['næringsliv'],
    status: 'draft',
  }

  it('takes a whole challenge without id, and names the field that is not a question', () => {
    expect(CreateChallengeBody.safeParse(challenge).success).toBe(true)
    expect(issuePaths(CreateChallengeBody.safeParse({ ...challenge, title: 'Kirkenær sentrum' }))).toEqual(['title'])
    expect(issuePaths(CreateChallengeBody.safeParse({ ...challenge, id: 'chosen-by-client' }))).toEqual([''])
  })

  it('refuses a municipality in two roles of one challenge', () => {
    const twice = { ...challenge, coApplicantIds: ['aseral-kommune'] }
    expect(issuePaths(CreateChallengeBody.safeParse(twice))).toEqual(['followerMunicipalityIds.0'])
  })

  it('patches any subset of a challenge', () => {
    expect(UpdateChallengeBody.safeParse({ status: 'active' }).success).toBe(true)
    expect(issuePaths(UpdateChallengeBody.safeParse({ status: 'published' }))).toEqual(['status'])
  })

  it('wants a workshop to end after it starts', () => {
    const workshop = {
      challengeId: 'grue-challenge',
      title: 'Verksted 1',
      startsAt: '2026-11-24T09:00:00+01:00',
      endsAt: '2026-11-24T12:00:00+01:00',
    }
    expect(CreateWorkshopBody.safeParse(workshop).success).toBe(true)
    const backwards = { ...workshop, endsAt: '2026-11-24T08:00:00+01:00' }
    expect(issuePaths(CreateWorkshopBody.safeParse(backwards))).toEqual(['endsAt'])
    expect(issuePaths(UpdateWorkshopBody.safeParse({ status: 'running' }))).toEqual(['status'])
  })

  it('adds steps from template slugs with planned minutes, and orders each step once', () => {
    expect(CreateStepBody.safeParse({ templateId: 'stakeholder-mapping', plannedMinutes: 30 }).success).toBe(true)
    expect(issuePaths(CreateStepBody.safeParse({ templateId: 'Stakeholder Mapping', plannedMinutes: 0 }))).toEqual([
      'templateId',
      'plannedMinutes',
    ])
    expect(issuePaths(StepOrderBody.safeParse({ stepIds: ['step-aaaaaaaa', 'step-aaaaaaaa'] }))).toEqual(['stepIds'])
  })
})
