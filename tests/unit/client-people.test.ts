// Who is here, as the facilitator's people panel shows it: on a board now, has been here, removed;
// on which steps; the mix of affiliations; hands and "done" from the live room; and who came and
// went between two loads, which is all a screen reader hears of people.
import { describe, expect, it } from 'vitest'
import { affiliationMix, groupPeople, openSteps, personInRoom, presenceChanges } from '../../client/src/workshop/peopleView.ts'
import { initialFacilitation } from '../../shared/src/schema/facilitation.ts'
import type { AgendaStep, WorkshopPerson } from '../../shared/src/schema/workshopApi.ts'

const person = (id: string, partial: Partial<WorkshopPerson> = {}): WorkshopPerson => ({
  id,
  role: 'participant',
  displayName: id,
  affiliation: 'citizen',
  color: '#175CD3',
  online: true,
  onStepIds: [],
  removed: false,
  ...partial,
})

const step = (id: string, position: number, templateName: string): AgendaStep => ({
  id,
  workshopId: 'workshop-01',
  position,
  templateId: 'ideas',
  templateVersion: 1,
  boardId: `board-${id}`,
  instructions: '',
  plannedMinutes: 10,
  templateName,
})

const norwegian = new Intl.Collator('nb').compare

describe('the groups of who is here', () => {
  it('lists who is on a board now, who has been here and who was removed apart, each by name', () => {
    const people = [
      person('ola', { displayName: 'Ola', online: false }),
      person('aase', { displayName: 'Åse' }),
      person('berit', { displayName: 'Berit' }),
      person('frida', { displayName: 'Frida', role: 'facilitator', affiliation: null, online: false }),
      person('gone', { displayName: 'Geir', online: false, removed: true }),
    ]
    const groups = groupPeople(people, norwegian)
    expect(groups.online.map((each) => each.displayName)).toEqual(['Berit', 'Åse'])
    expect(groups.away.map((each) => each.displayName)).toEqual(['Frida', 'Ola'])
    expect(groups.removed.map((each) => each.displayName)).toEqual(['Geir'])
  })

  it('never lists a removed participant as on a board, whatever a late answer says', () => {
    const groups = groupPeople([person('gone', { removed: true, online: true })], norwegian)
    expect(groups).toEqual({ online: [], away: [], removed: [person('gone', { removed: true, online: true })] })
  })
})

describe('the mix of affiliations', () => {
  it('counts the participants on a board now, in the join form’s order, leaving out who nobody is', () => {
    const people = [
      ...Array.from({ length: 4 }, (_, index) => person(`b${index}`, { affiliation: 'business' })),
      ...Array.from({ length: 6 }, (_, index) => person(`c${index}`, { affiliation: 'citizen' })),
      ...Array.from({ length: 3 }, (_, index) => person(`m${index}`, { affiliation: 'municipality' })),
      person('away', { affiliation: 'school', online: false }),
      person('removed', { affiliation: 'voluntary', removed: true }),
      person('frida', { role: 'facilitator', affiliation: null }),
    ]
    expect(affiliationMix(people)).toEqual([
      { affiliation: 'municipality', count: 3 },
      { affiliation: 'business', count: 4 },
      { affiliation: 'citizen', count: 6 },
    ])
  })

  it('is empty when no participant is on a board', () => {
    expect(affiliationMix([person('away', { online: false }), person('frida', { role: 'facilitator', affiliation: null })])).toEqual([])
  })
})

describe('the steps someone is on', () => {
  const agenda = [step('s1', 0, 'Rammen'), step('s2', 1, 'Aktørkart'), step('s3', 2, 'Idémyldring')]

  it('names each step by its number in the agenda and its name, in agenda order', () => {
    expect(openSteps(person('kari', { onStepIds: ['s3', 's2'] }), agenda)).toEqual([
      { stepId: 's2', number: 2, name: 'Aktørkart' },
      { stepId: 's3', number: 3, name: 'Idémyldring' },
    ])
  })

  it('leaves out a step the agenda no longer has, and has none for someone offline', () => {
    expect(openSteps(person('kari', { onStepIds: ['deleted', 's1'] }), agenda)).toEqual([{ stepId: 's1', number: 1, name: 'Rammen' }])
    expect(openSteps(person('ola', { online: false }), agenda)).toEqual([])
  })
})

describe('a person in the live room', () => {
  const state = {
    ...initialFacilitation,
    currentStepId: 's2',
    hands: [
      { participantId: 'ola', raisedAt: 1 },
      { participantId: 'kari', raisedAt: 2 },
    ],
    ready: { s1: ['ola'], s2: ['kari'] },
  }

  it('has the place of their hand in the order hands went up, and whether they are done with the current step', () => {
    expect(personInRoom(state, 'kari')).toEqual({ handNumber: 2, readyWithCurrent: true })
    // Done with another step is not done with the one we are on.
    expect(personInRoom(state, 'ola')).toEqual({ handNumber: 1, readyWithCurrent: false })
    expect(personInRoom(state, 'per')).toEqual({ handNumber: null, readyWithCurrent: false })
  })

  it('has neither before the room is known, nor "done" while no step is running', () => {
    expect(personInRoom(null, 'kari')).toEqual({ handNumber: null, readyWithCurrent: false })
    expect(personInRoom({ ...state, currentStepId: null }, 'kari')).toEqual({ handNumber: 2, readyWithCurrent: false })
  })
})

describe('who came and who went', () => {
  it('says nothing on the first load', () => {
    expect(presenceChanges(null, [person('kari')])).toEqual({ joined: [], left: [] })
  })

  it('tells of who came onto a board (new or back) and who left, and nothing of who stayed', () => {
    const before = [person('kari'), person('ola', { online: false }), person('per')]
    const after = [person('kari'), person('ola'), person('per', { online: false }), person('new')]
    const changes = presenceChanges(before, after)
    expect(changes.joined.map((each) => each.id)).toEqual(['ola', 'new'])
    expect(changes.left.map((each) => each.id)).toEqual(['per'])
    expect(presenceChanges(after, after)).toEqual({ joined: [], left: [] })
  })

  it('does not call a removal a leaving, nor a newcomer who is offline a coming', () => {
    const before = [person('kari')]
    const after = [person('kari', { online: false, removed: true }), person('late', { online: false })]
    expect(presenceChanges(before, after)).toEqual({ joined: [], left: [] })
  })
})
