import { Affiliation } from '../../../shared/src/schema/access.ts'
import type { FacilitationState } from '../../../shared/src/schema/facilitation.ts'
import type { AgendaStep, WorkshopPerson } from '../../../shared/src/schema/workshopApi.ts'

// What the people panel shows, worked out from the workshop's detail and the live room: pure, so
// the list, its announcements and the tests agree.

/** The people of a workshop as the panel lists them, each group by name. */
export interface PeopleGroups {
  /** On at least one of the workshop's boards now. */
  online: WorkshopPerson[]
  /** In the workshop but on no board now: they left, or have not opened one. */
  away: WorkshopPerson[]
  /** Participants a facilitator removed (their notes remain, so they stay listed). */
  removed: WorkshopPerson[]
}

/** Splits `people` into who is on a board now, who has been here, and who was removed, each sorted by `compare` on the name. */
export function groupPeople(people: readonly WorkshopPerson[], compare: (a: string, b: string) => number): PeopleGroups {
  const sorted = [...people].sort((a, b) => compare(a.displayName, b.displayName))
  return {
    online: sorted.filter((person) => !person.removed && person.online),
    away: sorted.filter((person) => !person.removed && !person.online),
    removed: sorted.filter((person) => person.removed),
  }
}

/** How many of one affiliation are on a board now. */
export interface AffiliationCount {
  affiliation: Affiliation
  count: number
}

/**
 * Where the participants on a board now come from, in the join form's order, leaving out
 * affiliations nobody has; facilitators (who have none) and removed participants are not counted.
 *
 * @example affiliationMix(people) // [{ affiliation: 'business', count: 4 }, { affiliation: 'citizen', count: 6 }]
 */
export function affiliationMix(people: readonly WorkshopPerson[]): AffiliationCount[] {
  const counts = new Map<Affiliation, number>()
  for (const person of people) {
    if (!person.online || person.removed || person.role !== 'participant' || person.affiliation === null) continue
    counts.set(person.affiliation, (counts.get(person.affiliation) ?? 0) + 1)
  }
  return Affiliation.options.flatMap((affiliation) => {
    const count = counts.get(affiliation) ?? 0
    return count === 0 ? [] : [{ affiliation, count }]
  })
}

/** A step someone has open, by its number in the agenda (from 1) and its name. */
export interface OpenStep {
  stepId: string
  number: number
  name: string
}

/** The steps whose boards `person` has open, in agenda order; `steps` must be in agenda order. Steps the agenda lacks are left out. */
export function openSteps(person: WorkshopPerson, steps: readonly AgendaStep[]): OpenStep[] {
  const open = new Set(person.onStepIds)
  return steps.flatMap((step, index) => (open.has(step.id) ? [{ stepId: step.id, number: index + 1, name: step.templateName }] : []))
}

/** What the live room says of one person: the place of their raised hand (from 1), and whether they are done with the current step. */
export interface PersonInRoom {
  handNumber: number | null
  readyWithCurrent: boolean
}

export function personInRoom(state: FacilitationState | null, personId: string): PersonInRoom {
  if (state === null) return { handNumber: null, readyWithCurrent: false }
  const hand = state.hands.findIndex((raised) => raised.participantId === personId)
  const current = state.currentStepId
  return {
    handNumber: hand < 0 ? null : hand + 1,
    readyWithCurrent: current !== null && (state.ready[current] ?? []).includes(personId),
  }
}

/** Who came onto a board and who left between two loads of the people, by id. */
export interface PresenceChanges {
  joined: WorkshopPerson[]
  left: WorkshopPerson[]
}

/**
 * Who came online and who went offline between `previous` and `next` (nothing on the first
 * load, when `previous` is null). Removal is not a leaving: the facilitator who removed them
 * was told already.
 */
export function presenceChanges(previous: readonly WorkshopPerson[] | null, next: readonly WorkshopPerson[]): PresenceChanges {
  if (previous === null) return { joined: [], left: [] }
  const before = new Map(previous.map((person) => [person.id, person]))
  const joined: WorkshopPerson[] = []
  const left: WorkshopPerson[] = []
  for (const person of next) {
    const was = before.get(person.id)
    if (person.removed) continue
    if (person.online && was?.online !== true) joined.push(person)
    else if (!person.online && was?.online === true) left.push(person)
  }
  return { joined, left }
}
