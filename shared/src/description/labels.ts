// The words of the challenge description: field labels, section headings and enum labels in bokmål,
// nynorsk and English. Exports follow the description's language form, the editor the reader's
// language, and the JSON Schema uses English. One catalogue, so a field is called the same everywhere.
import type { Localized, TemplateLanguage } from '../templates/types.ts'
import type { FieldKey, Level, Need, OutcomeKind, Sector, SourceRef } from './challengeDescription.ts'

/** bokmål, nynorsk or English. */
export type LabelLanguage = TemplateLanguage

export interface FieldLabel {
  label: Localized
  /** One line on what belongs in the field: help text in the editor, `description` in the JSON Schema. */
  hint: Localized
}

export const fieldLabels: Readonly<Record<FieldKey, FieldLabel>> = {
  title: {
    label: { nb: 'Tittel', nn: 'Tittel', en: 'Title' },
    hint: { nb: 'Navnet på utfordringen, slik kommunen kaller den.', nn: 'Namnet på utfordringa, slik kommunen kallar henne.', en: 'The challenge’s name, as the municipality calls it.' },
  },
  summary: {
    label: { nb: 'Sammendrag', nn: 'Samandrag', en: 'Summary' },
    hint: { nb: 'Kort om utfordringen, høyst 500 tegn.', nn: 'Kort om utfordringa, høgst 500 teikn.', en: 'The challenge in brief, at most 500 characters.' },
  },
  leadMunicipality: {
    label: { nb: 'Ansvarlig kommune', nn: 'Ansvarleg kommune', en: 'Lead municipality' },
    hint: { nb: 'Kommunen som eier utfordringen.', nn: 'Kommunen som eig utfordringa.', en: 'The municipality that owns the challenge.' },
  },
  coApplicants: {
    label: { nb: 'Medsøkere', nn: 'Medsøkjarar', en: 'Co-applicants' },
    hint: { nb: 'Kommuner som søker sammen med den ansvarlige.', nn: 'Kommunar som søkjer saman med den ansvarlege.', en: 'Municipalities applying together with the lead municipality.' },
  },
  followerMunicipalities: {
    label: { nb: 'Følgekommuner', nn: 'Følgjekommunar', en: 'Follower municipalities' },
    hint: { nb: 'Kommuner som følger arbeidet og lærer av det.', nn: 'Kommunar som følgjer arbeidet og lærer av det.', en: 'Municipalities that follow the work and learn from it.' },
  },
  themes: {
    label: { nb: 'Tema', nn: 'Tema', en: 'Themes' },
    hint: { nb: 'Stikkord for hva utfordringen handler om.', nn: 'Stikkord for kva utfordringa handlar om.', en: 'Keywords for what the challenge is about.' },
  },
  background: {
    label: { nb: 'Bakgrunn og kontekst', nn: 'Bakgrunn og kontekst', en: 'Background and context' },
    hint: { nb: 'Hva vet vi om situasjonen i dag, og hva vet vi ikke?', nn: 'Kva veit vi om situasjonen i dag, og kva veit vi ikkje?', en: 'What do we know about the situation today, and what do we not know?' },
  },
  problemStatement: {
    label: { nb: 'Problemstillinger', nn: 'Problemstillingar', en: 'Problem statements' },
    hint: {
      nb: 'Hva problemet er – ikke hvordan det skal løses – som spørsmål: «Hvordan kan vi …?»',
      nn: 'Kva problemet er – ikkje korleis det skal løysast – som spørsmål: «Korleis kan vi …?»',
      en: 'What the problem is – not how to solve it – as questions: “How might we …?”',
    },
  },
  needs: {
    label: { nb: 'Behov', nn: 'Behov', en: 'Needs' },
    hint: { nb: 'Hva som trengs, hvem som har behovet, og hva som viser det.', nn: 'Kva som trengst, kven som har behovet, og kva som viser det.', en: 'What is needed, who needs it, and what shows it.' },
  },
  targetGroups: {
    label: { nb: 'Målgrupper', nn: 'Målgrupper', en: 'Target groups' },
    hint: { nb: 'Hvem en løsning skal være for.', nn: 'Kven ei løysing skal vere for.', en: 'Whom a solution is for.' },
  },
  stakeholders: {
    label: { nb: 'Aktører', nn: 'Aktørar', en: 'Stakeholders' },
    hint: { nb: 'Hvem som berøres eller kan påvirke, med sektor, interesse og innflytelse.', nn: 'Kven som vert påverka eller kan påverke, med sektor, interesse og innverknad.', en: 'Who is affected or can influence the challenge, with sector, interest and influence.' },
  },
  goals: {
    label: { nb: 'Mål og suksesskriterier', nn: 'Mål og suksesskriterium', en: 'Goals and success criteria' },
    hint: { nb: 'Hva som skal bli bedre, og hvordan vi ser det.', nn: 'Kva som skal bli betre, og korleis vi ser det.', en: 'What should get better, and how we will see it.' },
  },
  ideas: {
    label: { nb: 'Idéer og mulige retninger', nn: 'Idear og moglege retningar', en: 'Ideas and possible directions' },
    hint: {
      nb: 'Idéer fra verkstedet som viser hva en løsning kan være – ikke krav til den.',
      nn: 'Idear frå verkstaden som viser kva ei løysing kan vere – ikkje krav til henne.',
      en: 'Ideas from the workshop that show what a solution might be – not requirements for it.',
    },
  },
  constraints: {
    label: { nb: 'Rammer og forutsetninger', nn: 'Rammer og føresetnader', en: 'Constraints and premises' },
    hint: { nb: 'Lover, budsjett, tid og annet en løsning må holde seg innenfor.', nn: 'Lover, budsjett, tid og anna ei løysing må halde seg innanfor.', en: 'Laws, budget, time and other limits a solution must keep within.' },
  },
  risks: {
    label: { nb: 'Barrierer og risiko', nn: 'Barrierar og risiko', en: 'Barriers and risks' },
    hint: { nb: 'Hva kan stå i veien, og hvilke antakelser er ikke sjekket?', nn: 'Kva kan stå i vegen, og kva antakingar er ikkje sjekka?', en: 'What could stand in the way, and which assumptions are unchecked?' },
  },
  existingInitiatives: {
    label: { nb: 'Eksisterende tiltak og planer', nn: 'Eksisterande tiltak og planar', en: 'Existing initiatives and plans' },
    hint: { nb: 'Hva gjøres allerede, og hvilke planer finnes?', nn: 'Kva blir alt gjort, og kva planar finst?', en: 'What is already being done, and which plans exist?' },
  },
  localAdvantages: {
    label: { nb: 'Lokale fortrinn og ressurser', nn: 'Lokale fortrinn og ressursar', en: 'Local advantages and resources' },
    hint: { nb: 'Hva kommunen og stedet har å bygge på.', nn: 'Kva kommunen og staden har å byggje på.', en: 'What the municipality and the place can build on.' },
  },
  desiredOutcome: {
    label: { nb: 'Ønsket resultat', nn: 'Ønskt resultat', en: 'Desired outcome' },
    hint: { nb: 'Hva slags resultat kommunen ønsker: innsikt, konsept, prototype eller pilot.', nn: 'Kva slags resultat kommunen ønskjer: innsikt, konsept, prototype eller pilot.', en: 'What kind of outcome the municipality wants: insight, concept, prototype or pilot.' },
  },
  anchoring: {
    label: { nb: 'Forankring', nn: 'Forankring', en: 'Anchoring' },
    hint: { nb: 'Hvordan arbeidet er forankret i kommunens ledelse og planer.', nn: 'Korleis arbeidet er forankra i leiinga og planane til kommunen.', en: 'How the work is anchored in the municipality’s leadership and plans.' },
  },
  transferability: {
    label: { nb: 'Overføringsverdi', nn: 'Overføringsverdi', en: 'Transferability' },
    hint: { nb: 'Hvordan løsningen kan tas i bruk i andre kommuner.', nn: 'Korleis løysinga kan takast i bruk i andre kommunar.', en: 'How the solution could be used by other municipalities.' },
  },
  offer: {
    label: { nb: 'Dette tilbyr kommunen', nn: 'Dette tilbyr kommunen', en: 'What the municipality offers' },
    hint: {
      nb: 'Hva en bedrift får: data, et sted å teste, folk som deltar, midler.',
      nn: 'Kva ei verksemd får: data, ein stad å teste, folk som deltek, midlar.',
      en: 'What a business gets: data, a place to test, people taking part, funding.',
    },
  },
  howToAnswer: {
    label: { nb: 'Slik svarer dere', nn: 'Slik svarar de', en: 'How to answer' },
    hint: {
      nb: 'Hva et svar skal inneholde, hvor det sendes, og hva som skjer etterpå.',
      nn: 'Kva eit svar skal innehalde, kvar det blir sendt, og kva som skjer etterpå.',
      en: 'What an answer should contain, where to send it, and what happens next.',
    },
  },
  answerDeadline: {
    label: { nb: 'Svarfrist', nn: 'Svarfrist', en: 'Answer by' },
    hint: { nb: 'Siste dag for å svare.', nn: 'Siste dag for å svare.', en: 'The last day to answer.' },
  },
  contactPoint: {
    label: { nb: 'Kontaktpunkt', nn: 'Kontaktpunkt', en: 'Contact point' },
    hint: { nb: 'En felles adresse (f.eks. postmottak@…), ikke en persons e-post.', nn: 'Ei felles adresse (t.d. postmottak@…), ikkje e-posten til ein person.', en: 'A shared address (e.g. postmottak@…), not a person’s own email.' },
  },
  languageForm: {
    label: { nb: 'Målform', nn: 'Målform', en: 'Language form' },
    hint: { nb: 'Bokmål eller nynorsk, som kommunen bruker.', nn: 'Bokmål eller nynorsk, som kommunen nyttar.', en: 'Bokmål or Nynorsk, as the municipality uses.' },
  },
  sourceBoards: {
    label: { nb: 'Kildetavler', nn: 'Kjeldetavler', en: 'Source boards' },
    hint: { nb: 'Tavlene fra verkstedet som utkastet bygger på.', nn: 'Tavlene frå verkstaden som utkastet byggjer på.', en: 'The workshop boards the draft is based on.' },
  },
}

/** Column and item labels inside the structured fields (tables in exports, sub-fields in the editor). */
export const partLabels = {
  need: { nb: 'Behov', nn: 'Behov', en: 'Need' },
  who: { nb: 'Hvem', nn: 'Kven', en: 'Who' },
  evidence: { nb: 'Grunnlag', nn: 'Grunnlag', en: 'Evidence' },
  priority: { nb: 'Prioritet', nn: 'Prioritet', en: 'Priority' },
  actor: { nb: 'Aktør', nn: 'Aktør', en: 'Stakeholder' },
  sector: { nb: 'Sektor', nn: 'Sektor', en: 'Sector' },
  interest: { nb: 'Interesse', nn: 'Interesse', en: 'Interest' },
  influence: { nb: 'Innflytelse', nn: 'Innverknad', en: 'Influence' },
  kinds: { nb: 'Type resultat', nn: 'Type resultat', en: 'Kind of outcome' },
  description: { nb: 'Beskrivelse', nn: 'Skildring', en: 'Description' },
  municipality: { nb: 'Kommune', nn: 'Kommune', en: 'Municipality' },
  step: { nb: 'Steg', nn: 'Steg', en: 'Step' },
} as const satisfies Record<string, Localized>

/** Sectors as the stakeholder ring names them. */
export const sectorLabels: Readonly<Record<Sector, Localized>> = {
  municipality: { nb: 'Kommune', nn: 'Kommune', en: 'Municipality' },
  business: { nb: 'Næringsliv', nn: 'Næringsliv', en: 'Business' },
  citizens: { nb: 'Innbyggere', nn: 'Innbyggjarar', en: 'Citizens' },
  voluntary: { nb: 'Frivillige organisasjoner', nn: 'Frivillige organisasjonar', en: 'Voluntary organisations' },
  schools: { nb: 'Skoler og kunnskapsinstitusjoner', nn: 'Skular og kunnskapsinstitusjonar', en: 'Schools and knowledge institutions' },
  'county-state': { nb: 'Fylke og stat', nn: 'Fylke og stat', en: 'County and state' },
  other: { nb: 'Annet', nn: 'Anna', en: 'Other' },
}

type LevelValue = ReturnType<typeof Level.parse>

/** Interest levels; nynorsk "interesse" is feminine ("lita interesse"), so interest and influence differ there. */
export const interestLabels: Readonly<Record<LevelValue, Localized>> = {
  high: { nb: 'Stor', nn: 'Stor', en: 'High' },
  low: { nb: 'Liten', nn: 'Lita', en: 'Low' },
}
export const influenceLabels: Readonly<Record<LevelValue, Localized>> = {
  high: { nb: 'Stor', nn: 'Stor', en: 'High' },
  low: { nb: 'Liten', nn: 'Liten', en: 'Low' },
}

export const outcomeKindLabels: Readonly<Record<OutcomeKind, Localized>> = {
  insight: { nb: 'Innsikt', nn: 'Innsikt', en: 'Insight' },
  concept: { nb: 'Konsept', nn: 'Konsept', en: 'Concept' },
  prototype: { nb: 'Prototype', nn: 'Prototype', en: 'Prototype' },
  pilot: { nb: 'Pilot', nn: 'Pilot', en: 'Pilot' },
}

/** The impact × effort cells, in the prioritising board's words ('later' is its "drop it" cell, said gently). */
export const priorityLabels: Readonly<Record<NonNullable<Need['priority']>, Localized>> = {
  'do-first': { nb: 'Gjør dette først', nn: 'Gjer dette først', en: 'Do this first' },
  plan: { nb: 'Planlegg godt', nn: 'Planlegg godt', en: 'Plan it well' },
  'quick-win': { nb: 'Gjør hvis det er tid', nn: 'Gjer det om det er tid', en: 'Do it if there is time' },
  later: { nb: 'Ikke nå', nn: 'Ikkje no', en: 'Not now' },
}

export const languageFormLabels: Readonly<Record<'nb' | 'nn', Localized>> = {
  nb: { nb: 'Bokmål', nn: 'Bokmål', en: 'Bokmål' },
  nn: { nb: 'Nynorsk', nn: 'Nynorsk', en: 'Nynorsk' },
}

export interface DescriptionSection {
  key: string
  heading: Localized
  fields: readonly FieldKey[]
}

/** The order exports and the editor show the fields in, under these headings; every field is in one section. */
export const descriptionSections: readonly DescriptionSection[] = [
  {
    key: 'about',
    heading: { nb: 'Om utfordringen', nn: 'Om utfordringa', en: 'About the challenge' },
    fields: ['title', 'summary', 'leadMunicipality', 'coApplicants', 'followerMunicipalities', 'themes'],
  },
  { key: 'problem', heading: { nb: 'Problemstillinger', nn: 'Problemstillingar', en: 'Problem statements' }, fields: ['problemStatement'] },
  {
    key: 'background',
    heading: { nb: 'Bakgrunn og kontekst', nn: 'Bakgrunn og kontekst', en: 'Background and context' },
    fields: ['background', 'existingInitiatives', 'constraints', 'risks'],
  },
  { key: 'needs', heading: { nb: 'Behov og mål', nn: 'Behov og mål', en: 'Needs and goals' }, fields: ['needs', 'targetGroups', 'goals'] },
  { key: 'people', heading: { nb: 'Hvem er involvert', nn: 'Kven er involverte', en: 'Who is involved' }, fields: ['stakeholders'] },
  { key: 'ideas', heading: { nb: 'Idéer og konsepter', nn: 'Idear og konsept', en: 'Ideas and concepts' }, fields: ['ideas', 'desiredOutcome'] },
  {
    key: 'offer',
    heading: { nb: 'Dette tilbyr kommunen', nn: 'Dette tilbyr kommunen', en: 'What the municipality offers' },
    fields: ['offer', 'localAdvantages', 'anchoring', 'transferability'],
  },
  { key: 'answer', heading: { nb: 'Slik svarer dere', nn: 'Slik svarar de', en: 'How to answer' }, fields: ['howToAnswer', 'answerDeadline', 'contactPoint'] },
  { key: 'document', heading: { nb: 'Om dokumentet', nn: 'Om dokumentet', en: 'About this document' }, fields: ['languageForm', 'sourceBoards'] },
]

/** Words around the fields: document title, version facts, and the names appendix. */
export const documentTexts = {
  documentTitle: { nb: 'Utfordringsbeskrivelse', nn: 'Utfordringsskildring', en: 'Challenge description' },
  draft: { nb: 'Utkast', nn: 'Utkast', en: 'Draft' },
  version: { nb: 'Versjon', nn: 'Versjon', en: 'Version' },
  publishedAt: { nb: 'Publisert', nn: 'Publisert', en: 'Published' },
  publishedBy: { nb: 'Publisert av', nn: 'Publisert av', en: 'Published by' },
  changes: { nb: 'Endringer fra forrige versjon', nn: 'Endringar frå førre versjon', en: 'Changes from the previous version' },
  notGiven: { nb: 'Ikke oppgitt', nn: 'Ikkje oppgitt', en: 'Not given' },
  sourceNotes: { nb: 'Kildelapper', nn: 'Kjeldelappar', en: 'Source notes' },
  writtenBy: { nb: 'Skrevet av', nn: 'Skriven av', en: 'Written by' },
} as const satisfies Record<string, Localized>

/** Sub-headings and lead-ins the drafter writes into free-text fields (see templateMappings/). */
export const draftingTexts = {
  known: { nb: 'Dette vet vi i dag', nn: 'Dette veit vi i dag', en: 'What we know today' },
  /** The unknowns of the framing board and the questions people wrote while reading the challenge. */
  openQuestions: { nb: 'Dette vet vi ikke ennå', nn: 'Dette veit vi ikkje enno', en: 'What we do not know yet' },
  /** "**Torgdag** – et konsept for ungdom og pendlere." */
  conceptFor: { nb: 'et konsept for', nn: 'eit konsept for', en: 'a concept for' },
  /** "**Torgdag** – et konsept fra verkstedet.", when the canvas names no one it is for. */
  conceptFromWorkshop: { nb: 'et konsept fra verkstedet', nn: 'eit konsept frå verkstaden', en: 'a concept from the workshop' },
  and: { nb: 'og', nn: 'og', en: 'and' },
  conceptProblem: { nb: 'Problemet det løser', nn: 'Problemet det løyser', en: 'The problem it solves' },
  conceptHow: { nb: 'Slik virker det', nn: 'Slik verkar det', en: 'How it works' },
  conceptTest: { nb: 'Slik kan det testes', nn: 'Slik kan det testast', en: 'How it can be tested' },
  storyboard: { nb: 'Historien, bilde for bilde', nn: 'Historia, bilete for bilete', en: 'The story, picture by picture' },
  storyboardPanels: {
    nb: ['Før', 'Personen møter løsningen', 'Slik brukes den', 'Hva kan gå galt?', 'Slik hjelper løsningen', 'Etter'],
    nn: ['Før', 'Personen møter løysinga', 'Slik vert ho brukt', 'Kva kan gå gale?', 'Slik hjelper løysinga', 'Etter'],
    en: ['Before', 'The person meets the solution', 'How it is used', 'What could go wrong?', 'How the solution helps', 'After'],
  },
} as const

/**
 * Where a field's drafted value came from: one line per step, counting each note once.
 * @example sourceLines(provenance.stakeholders.sources, 'nb') // ['fra: Kartlegge aktører, 7 lapper']
 */
export function sourceLines(refs: readonly Pick<SourceRef, 'stepTitle' | 'notes'>[], language: LabelLanguage): string[] {
  const notesByStep = new Map<string, Set<string>>()
  for (const ref of refs) {
    const notes = notesByStep.get(ref.stepTitle) ?? new Set<string>()
    for (const note of ref.notes) notes.add(note.id)
    notesByStep.set(ref.stepTitle, notes)
  }
  const from = { nb: 'fra', nn: 'frå', en: 'from' }[language]
  return [...notesByStep].map(([step, notes]) => {
    const one = notes.size === 1
    const word = { nb: one ? 'lapp' : 'lapper', nn: one ? 'lapp' : 'lappar', en: one ? 'note' : 'notes' }[language]
    return `${from}: ${step}, ${notes.size} ${word}`
  })
}
