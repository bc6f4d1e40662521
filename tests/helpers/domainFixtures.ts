import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import type { Challenge } from '../../shared/src/schema/challenge.ts'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import type { Municipality } from '../../shared/src/schema/municipality.ts'
import type { Step } from '../../shared/src/schema/step.ts'
import type { Workshop } from '../../shared/src/schema/workshop.ts'

// Valid domain records with fresh ids, for tests to store or to spoil one field of.

export function aMunicipality(overrides: Partial<Municipality> = {}): Municipality {
  return { id: newEntityId(), name: 'Grue', municipalityNumber: '3417', county: 'Innlandet', languageForm: 'nb', ...overrides }
}

export function aChallenge(leadMunicipalityId: string, overrides: Partial<Challenge> = {}): Challenge {
  return {
    id: newEntityId(),
    leadMunicipalityId,
    coApplicantIds: [],
    followerMunicipalityIds: [],
    name: 'Kirkenær sentrum',
    title: 'Hvordan kan vi gjøre Kirkenær attraktivt for både næringsliv og innbyggere?',
    summary: 'Et sentrum for alle.',
    problemStatements: ['Hvordan kan vi få til samarbeid om sentrum?'],
    themes: ['sentrumsutvikling'],
    stakeholderGroups: ['kommune', 'innbyggere'],
    status: 'active',
    ...overrides,
  }
}

export function aWorkshop(challengeId: string, overrides: Partial<Workshop> = {}): Workshop {
  return {
    id: newEntityId(),
    challengeId,
    title: 'Verksted 1: forstå utfordringen',
    startsAt: '2022-03-14T09:00:00.000Z',
    endsAt: '2022-03-14T12:00:00.000Z',
    facilitatorIds: [],
    status: 'planned',
    ...overrides,
  }
}

export function aStep(workshopId: string, overrides: Partial<Step> = {}): Step {
  return {
    id: newEntityId(),
    workshopId,
    position: 0,
    templateId: 'challenge-framing',
    templateVersion: 1,
    boardId: newBoardId(),
    instructions: 'Les problemstillingene og skriv behov på gule lapper.',
    plannedMinutes: 30,
    ...overrides,
  }
}
