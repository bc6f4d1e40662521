// Descriptions stored before the description gained fields (ideas, offer, how to answer, deadline)
// still read: as drafts to go on editing and as published versions, with those fields empty.
import { describe, expect, it } from 'vitest'
import { readDraft, readVersion } from '../../server/src/store/descriptionRecords.ts'
import { emptyDescriptionFields } from '../helpers/descriptionFixtures.ts'

/** The fields as a description stored before the later fields existed has them. */
function earlierFields(): Record<string, unknown> {
  const { ideas, offer, howToAnswer, answerDeadline, ...earlier } = emptyDescriptionFields({ goals: ['Flere besøkende'] })
  expect([ideas, offer, howToAnswer, answerDeadline]).toEqual([[], '', '', ''])
  return earlier
}

describe('descriptions stored before the later fields', () => {
  it('read as drafts with the later fields empty', () => {
    const body = JSON.stringify({ challengeId: 'grue-challenge', fields: earlierFields(), provenance: {}, workshopId: null, updatedAt: '2022-03-14T12:00:00.000Z' })
    const draft = readDraft({ body }, 'grue-challenge')
    expect(draft.fields).toMatchObject({ goals: ['Flere besøkende'], ideas: [], offer: '', howToAnswer: '', answerDeadline: '' })
  })

  it('read as published versions with the later fields empty', () => {
    const row = {
      challenge_id: 'grue-challenge',
      version: 1,
      published_at: Date.parse('2022-03-14T12:00:00.000Z'),
      published_by_name: 'Kari Fasilitator',
      body: JSON.stringify({ fields: earlierFields(), sources: {} }),
    }
    expect(readVersion(row).fields).toMatchObject({ goals: ['Flere besøkende'], ideas: [], answerDeadline: '' })
  })

  it('still refuse a stored body whose fields are damaged', () => {
    const body = JSON.stringify({ challengeId: 'grue-challenge', fields: { ...earlierFields(), answerDeadline: 'soon' }, provenance: {}, workshopId: null, updatedAt: '2022-03-14T12:00:00.000Z' })
    expect(() => readDraft({ body }, 'grue-challenge')).toThrow(/answerDeadline/)
  })
})
