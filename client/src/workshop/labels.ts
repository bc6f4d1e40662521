import type { Affiliation, Role } from '../../../shared/src/schema/access.ts'
import type { WorkshopStatus } from '../../../shared/src/schema/workshop.ts'

/** The catalogue key naming each affiliation, in the order the join form offers them. */
export const affiliationKey = {
  municipality: 'affiliation.municipality',
  business: 'affiliation.business',
  citizen: 'affiliation.citizen',
  voluntary: 'affiliation.voluntary',
  school: 'affiliation.school',
  other: 'affiliation.other',
} as const satisfies Record<Affiliation, string>

/** The catalogue key naming each affiliation as a group of people ("Innbyggere 6"), for the mix of who is here. */
export const affiliationGroupKey = {
  municipality: 'affiliationGroup.municipality',
  business: 'affiliationGroup.business',
  citizen: 'affiliationGroup.citizen',
  voluntary: 'affiliationGroup.voluntary',
  school: 'affiliationGroup.school',
  other: 'affiliationGroup.other',
} as const satisfies Record<Affiliation, string>

/** The catalogue key naming each workshop status. */
export const workshopStatusKey = {
  planned: 'workshopStatus.planned',
  open: 'workshopStatus.open',
  closed: 'workshopStatus.closed',
} as const satisfies Record<WorkshopStatus, string>

/** The catalogue key naming each role. */
export const roleKey = {
  facilitator: 'role.facilitator',
  participant: 'role.participant',
  observer: 'role.observer',
} as const satisfies Record<Role, string>
