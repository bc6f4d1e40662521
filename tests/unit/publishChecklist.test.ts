// The checklist shown before publishing: each essential a business needs, done or with a warning.
import { describe, expect, it } from 'vitest'
import { calendarDay, publishChecklist } from '../../shared/src/description/publishChecklist.ts'
import { emptyDescriptionFields } from '../helpers/descriptionFixtures.ts'
import { grueFields } from './exports-fixtures.ts'

const statuses = (items: ReturnType<typeof publishChecklist>) => Object.fromEntries(items.map((item) => [item.field, item.status]))

describe('publishChecklist', () => {
  it('names every essential as missing in an empty description', () => {
    expect(statuses(publishChecklist(emptyDescriptionFields(), '2027-01-15'))).toEqual({
      summary: 'missing',
      problemStatement: 'missing',
      needs: 'missing',
      offer: 'missing',
      howToAnswer: 'missing',
      answerDeadline: 'missing',
      contactPoint: 'missing',
    })
  })

  it('ticks what is filled in, and counts whitespace as empty', () => {
    const fields = grueFields({ answerDeadline: '2027-02-01', offer: '  \n ', needs: [] })
    expect(statuses(publishChecklist(fields, '2027-01-15'))).toEqual({
      summary: 'done',
      problemStatement: 'done',
      needs: 'missing',
      offer: 'missing',
      howToAnswer: 'done',
      answerDeadline: 'done',
      contactPoint: 'done',
    })
  })

  it('warns of a deadline that has passed; today is still open', () => {
    const deadline = (answerDeadline: string, today: string) =>
      publishChecklist(grueFields({ answerDeadline }), today).find((item) => item.field === 'answerDeadline')?.status
    expect(deadline('2027-01-14', '2027-01-15')).toBe('past')
    expect(deadline('2027-01-15', '2027-01-15')).toBe('done')
    expect(deadline('2027-01-16', '2027-01-15')).toBe('done')
    expect(deadline('2026-12-31', '2027-01-01')).toBe('past')
  })

  it('takes today as the local calendar day', () => {
    expect(calendarDay(new Date(2027, 0, 15, 23, 59))).toBe('2027-01-15')
    expect(calendarDay(new Date(2027, 11, 1, 0, 0))).toBe('2027-12-01')
  })
})
