import type { DescriptionFields } from '../../shared/src/description/challengeDescription.ts'

/** A description with every field empty but a title and a lead municipality, as a store test's starting point. */
export function emptyDescriptionFields(overrides: Partial<DescriptionFields> = {}): DescriptionFields {
  return {
    title: 'Hvordan kan vi gjøre Kirkenær levende?',
    summary: '',
    leadMunicipality: { id: 'grue-municipality', name: 'Grue' },
    coApplicants: [],
    followerMunicipalities: [],
    themes: [],
    background: '',
    problemStatement: '',
    needs: [],
    targetGroups: [],
    stakeholders: [],
    goals: [],
    ideas: [],
    constraints: [],
    risks: [],
    existingInitiatives: [],
    localAdvantages: [],
    desiredOutcome: { kinds: [], description: '' },
    anchoring: '',
    transferability: '',
    offer: '',
    howToAnswer: '',
    answerDeadline: '',
    contactPoint: '',
    languageForm: 'nb',
    sourceBoards: [],
    ...overrides,
  }
}
