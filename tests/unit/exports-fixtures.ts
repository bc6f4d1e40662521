import type { DescriptionFields, PublishedDescription, SourceRef } from '../../shared/src/description/challengeDescription.ts'

// Descriptions for the export tests: an ordinary one in bokmål, and one whose
// every text holds a payload that would be active if an export let it through.

/** Ids that must never appear in a public export (shape, board and step ids). */
export const internalIds = {
  stepId: 'step_internal_0001',
  boardId: 'board_internal_0001',
  noteId: 'shape:note_internal_0001',
  frameKey: 'grid',
} as const

export const challengeId = 'challenge_kirkenaer_01'

export function sourceRef(notes: string[], overrides: Partial<SourceRef> = {}): SourceRef {
  return {
    stepId: internalIds.stepId,
    boardId: internalIds.boardId,
    frameKey: internalIds.frameKey,
    frameName: 'Interesse og innflytelse',
    stepTitle: 'Kartlegge aktører',
    notes: notes.map((text, index) => ({ id: `${internalIds.noteId}_${index}`, text })),
    ...overrides,
  }
}

export function grueFields(overrides: Partial<DescriptionFields> = {}): DescriptionFields {
  return {
    title: 'Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere',
    summary: 'Kirkenær sentrum har tomme lokaler. Vi vil finne ut hvordan sentrum kan bli et sted folk vil være.',
    leadMunicipality: { id: 'municipality_grue_01', name: 'Grue' },
    coApplicants: [{ id: 'municipality_asnes_01', name: 'Åsnes' }],
    followerMunicipalities: [],
    themes: ['Stedsutvikling', 'Handel'],
    background: 'Sentrum har mistet butikker.\nMange kjører til Kongsvinger.\n\nKommunen eier flere bygg.',
    problemStatement: 'Folk har ingen grunn til å stoppe i sentrum.',
    needs: [
      { need: 'Møteplasser for unge', who: 'Ungdom', evidence: '12 av 15 i ungdomsrådet', priority: 'do-first' },
      { need: 'Lengre åpningstider', who: 'Pendlere', evidence: '', priority: null },
    ],
    targetGroups: ['Ungdom', 'Pendlere'],
    stakeholders: [
      { actor: 'Grue kommune', sector: 'municipality', interest: 'high', influence: 'high' },
      { actor: 'Næringsforeningen', sector: 'business', interest: 'high', influence: 'low' },
      { actor: 'Frivilligsentralen', sector: null, interest: null, influence: null },
    ],
    goals: ['Flere besøkende i sentrum'],
    ideas: ['Torgdag hver lørdag'],
    constraints: ['Budsjett for 2023'],
    risks: ['Lite engasjement'],
    existingInitiatives: ['Sentrumsplanen'],
    localAdvantages: ['Glomma'],
    desiredOutcome: { kinds: ['concept', 'pilot'], description: 'Et konsept vi kan prøve ut i sommer.' },
    anchoring: 'Vedtatt i formannskapet.',
    transferability: 'Mange små sentrum har samme utfordring.',
    offer: 'Lokaler i sentrum og data om besøk.',
    howToAnswer: 'Send en kort beskrivelse av løsningen.',
    answerDeadline: '2022-05-01',
    contactPoint: 'postmottak@grue.kommune.no',
    languageForm: 'nb',
    sourceBoards: [
      { stepId: internalIds.stepId, boardId: internalIds.boardId, templateId: 'stakeholder-mapping', templateVersion: 1, title: 'Kartlegge aktører' },
    ],
    ...overrides,
  }
}

export function publishedGrue(overrides: Partial<PublishedDescription> = {}): PublishedDescription {
  return {
    challengeId,
    version: 2,
    publishedAt: '2022-03-14T14:00:00.000Z',
    publishedBy: 'Kari Fasilitator',
    fields: grueFields(),
    sources: { stakeholders: [sourceRef(['Grue kommune', 'Næringsforeningen'])] },
    ...overrides,
  }
}

/** Each payload that must stay inert, by what it tries. */
export const payloads = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '![i](http://evil.example/x.png)',
  '=HYPERLINK("http://evil")',
  '+1',
  '-1',
  '@SUM(1)',
  '\t=1',
  '\r=1',
] as const

/** Within the contract's limits: 10,000 characters where a field takes that many. */
export const longPayload = `${'<b onmouseover=alert(1)>'.repeat(400)}`.slice(0, 9_990) + '[x](y)'

/** A description whose every text (and every list entry, table cell and note) is `text`. */
export function hostileFields(text: string, long = text): DescriptionFields {
  const cut = (max: number) => long.slice(0, max)
  return grueFields({
    title: text.slice(0, 400),
    summary: text.slice(0, 500),
    themes: [cut(200)],
    background: long,
    problemStatement: long,
    needs: [{ need: cut(1000), who: cut(300), evidence: cut(2000), priority: 'plan' }],
    targetGroups: [cut(300)],
    stakeholders: [{ actor: cut(300), sector: 'other', interest: 'low', influence: 'high' }],
    goals: [cut(1000)],
    ideas: [cut(1000)],
    constraints: [cut(1000)],
    risks: [cut(1000)],
    existingInitiatives: [cut(1000)],
    localAdvantages: [cut(1000)],
    desiredOutcome: { kinds: ['insight'], description: cut(4000) },
    anchoring: cut(4000),
    transferability: cut(4000),
    offer: cut(4000),
    howToAnswer: cut(4000),
    contactPoint: text.slice(0, 254),
    sourceBoards: [{ ...grueFields().sourceBoards[0]!, title: text.slice(0, 200) }],
  })
}

export function hostilePublished(text: string, long = text): PublishedDescription {
  return publishedGrue({
    publishedBy: text,
    fields: hostileFields(text, long),
    sources: { background: [sourceRef([text, long], { frameName: text, stepTitle: text })] },
  })
}
