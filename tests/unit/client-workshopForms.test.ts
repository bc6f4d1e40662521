// The pure parts of the facilitator's forms: moving steps, times, challenge
// municipality roles and lists, and where a login may send someone next.
import { describe, expect, it } from 'vitest'
import { safeNextPath } from '../../client/src/app/nextPath.ts'
import {
  challengeBody,
  emptyChallengeForm,
  removeLine,
  replaceLine,
  roleOf,
  withLead,
  withRole,
} from '../../client/src/facilitator/challengeForm.ts'
import { defaultWorkshopTimes, fromDateTimeLocal, toDateTimeLocal } from '../../client/src/workshop/dateTime.ts'
import { inAgendaOrder, moveStep, stepNumber } from '../../client/src/workshop/stepOrder.ts'
import { CreateChallengeBody } from '../../shared/src/schema/workshopApi.ts'

describe('moving a step', () => {
  const ids = ['a', 'b', 'c']

  it('moves up and down by one place', () => {
    expect(moveStep(ids, 'c', -1)).toEqual(['a', 'c', 'b'])
    expect(moveStep(ids, 'a', 1)).toEqual(['b', 'a', 'c'])
    expect(moveStep(ids, 'b', -1)).toEqual(['b', 'a', 'c'])
  })

  it('refuses to move past either end or an unknown step, and leaves the list alone', () => {
    expect(moveStep(ids, 'a', -1)).toBeNull()
    expect(moveStep(ids, 'c', 1)).toBeNull()
    expect(moveStep(ids, 'x', 1)).toBeNull()
    expect(ids).toEqual(['a', 'b', 'c'])
  })

  it('lists steps by position and numbers them from one', () => {
    expect(inAgendaOrder([{ id: 'b', position: 1 }, { id: 'a', position: 0 }]).map((step) => step.id)).toEqual(['a', 'b'])
    expect(stepNumber({ position: 1 }, 3)).toBe(2)
    expect(stepNumber({ position: 7 }, 3)).toBe(3)
    expect(stepNumber({ position: -1 }, 3)).toBe(1)
  })
})

describe('workshop times', () => {
  it('round-trips an instant through a datetime-local value', () => {
    const iso = '2026-11-24T08:00:00.000Z'
    const local = toDateTimeLocal(iso)
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
    expect(fromDateTimeLocal(local)).toBe(iso)
  })

  it('passes anything that is not a local date and time on unchanged, for the schema to name', () => {
    expect(fromDateTimeLocal('')).toBe('')
    expect(fromDateTimeLocal('i morgen')).toBe('i morgen')
    expect(toDateTimeLocal('not a date')).toBe('')
  })

  it('suggests tomorrow morning for a new workshop', () => {
    const { startsAt, endsAt } = defaultWorkshopTimes(new Date(2026, 11, 31, 15, 30))
    expect(startsAt).toBe('2027-01-01T09:00')
    expect(endsAt).toBe('2027-01-01T12:00')
  })
})

describe('the challenge form', () => {
  const grue = 'grue-municipality'
  const asker = 'asker-municipality'

  it('gives each municipality one role: choosing a lead or a role takes it out of the others', () => {
    let values = withRole(emptyChallengeForm(), 'coApplicantIds', grue, true)
    values = withRole(values, 'followerMunicipalityIds', asker, true)
    expect(roleOf(values, grue)).toBe('coApplicantIds')
    values = withRole(values, 'followerMunicipalityIds', grue, true)
    expect(values.coApplicantIds).toEqual([])
    expect(values.followerMunicipalityIds).toEqual([asker, grue])
    values = withLead(values, grue)
    expect(roleOf(values, grue)).toBe('lead')
    expect(values.followerMunicipalityIds).toEqual([asker])
    values = withRole(values, 'followerMunicipalityIds', asker, false)
    expect(roleOf(values, asker)).toBeNull()
  })

  it('edits list lines in place', () => {
    expect(replaceLine(['a', 'b'], 1, 'c')).toEqual(['a', 'c'])
    expect(removeLine(['a', 'b', 'c'], 1)).toEqual(['a', 'c'])
  })

  it('makes a body the shared schema checks, naming the empty problem statement it starts with', () => {
    const values = { ...withLead(emptyChallengeForm(), grue), name: 'Sentrum', title: 'Hvordan kan vi få folk til sentrum?' }
    const parsed = CreateChallengeBody.safeParse(challengeBody(values))
    expect(parsed.success).toBe(false)
    expect(new Set(parsed.error?.issues.map((issue) => issue.path.join('.')))).toEqual(new Set(['problemStatements.0']))
    const filled = CreateChallengeBody.safeParse(challengeBody({ ...values, problemStatements: ['Hvordan kan vi?'] }))
    expect(filled.success).toBe(true)
  })
})

describe('where a login sends someone next', () => {
  it('accepts paths on this site only', () => {
    expect(safeNextPath('/workshop/abc')).toBe('/workshop/abc')
    expect(safeNextPath('/board/x?y=1')).toBe('/board/x?y=1')
    expect(safeNextPath(null)).toBe('/facilitator')
    for (const hostile of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', '/a\nb']) {
      expect(safeNextPath(hostile)).toBe('/facilitator')
    }
  })
})
