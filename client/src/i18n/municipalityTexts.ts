// The texts of the municipalities page, where facilitators set each municipality's official
// language form (målform) and county, in the three languages side by side. Spread into the
// catalogues (nb.ts, nn.ts, en.ts), like facilitationTexts.ts.

const nb = {
  municipalities: {
    title: 'Kommuner',
    back: 'Til fasilitatorsiden',
    lead: 'Målform og fylke for kommunene i programmet. Verkstedene vises på målformen til den ansvarlige kommunen for deltakere og observatører som ikke har valgt språk selv, og tavlene og utfordringsbeskrivelsen skrives på den.',
    neutralNote: 'Nøytrale kommuner har ikke valgt målform; verkstedene deres får bokmål.',
    homeLink: 'Målform og fylke for kommunene',
    homeLead: 'Se og rett hvilken målform og hvilket fylke hver kommune har.',
    loading: 'Henter kommunene …',
    failed: 'Kunne ikke hente kommunene.',
    facts: '{{county}} · {{languageForm}}',
    countyNotGiven: 'Fylke ikke oppgitt',
    edit: 'Endre',
    languageForm: 'Målform for {{name}}',
    county: 'Fylke',
    countyNone: 'Ikke oppgitt',
    save: 'Lagre',
    cancel: 'Avbryt',
    saved: 'Lagret: {{name}}, {{county}}, {{languageForm}}.',
    formNb: 'Bokmål',
    formNn: 'Nynorsk',
    formNeutral: 'Nøytral',
    formNeutralHint: 'Nøytral: verkstedene får bokmål.',
    leadHintNb: 'Verkstedene får bokmål, som er målformen til kommunen. Målformen endrer du under «Kommuner» på fasilitatorsiden.',
    leadHintNn: 'Verkstedene får nynorsk, som er målformen til kommunen. Målformen endrer du under «Kommuner» på fasilitatorsiden.',
    leadHintNeutral: 'Kommunen er nøytral i målform, så verkstedene får bokmål. Målformen endrer du under «Kommuner» på fasilitatorsiden.',
  },
}

type MunicipalityTexts = typeof nb

const nn: MunicipalityTexts = {
  municipalities: {
    title: 'Kommunar',
    back: 'Til fasilitatorsida',
    lead: 'Målform og fylke for kommunane i programmet. Verkstadene blir viste på målforma til den ansvarlege kommunen for deltakarar og observatørar som ikkje har valt språk sjølve, og tavlene og utfordringsskildringa blir skrivne i denne målforma.',
    neutralNote: 'Nøytrale kommunar har ikkje valt målform; verkstadene deira får bokmål.',
    homeLink: 'Målform og fylke for kommunane',
    homeLead: 'Sjå og rett kva målform og kva fylke kvar kommune har.',
    loading: 'Hentar kommunane …',
    failed: 'Kunne ikkje hente kommunane.',
    facts: '{{county}} · {{languageForm}}',
    countyNotGiven: 'Fylke ikkje oppgitt',
    edit: 'Endre',
    languageForm: 'Målform for {{name}}',
    county: 'Fylke',
    countyNone: 'Ikkje oppgitt',
    save: 'Lagre',
    cancel: 'Avbryt',
    saved: 'Lagra: {{name}}, {{county}}, {{languageForm}}.',
    formNb: 'Bokmål',
    formNn: 'Nynorsk',
    formNeutral: 'Nøytral',
    formNeutralHint: 'Nøytral: verkstadene får bokmål.',
    leadHintNb: 'Verkstadene får bokmål, som er målforma til kommunen. Målforma endrar du under «Kommunar» på fasilitatorsida.',
    leadHintNn: 'Verkstadene får nynorsk, som er målforma til kommunen. Målforma endrar du under «Kommunar» på fasilitatorsida.',
    leadHintNeutral: 'Kommunen er nøytral i målform, så verkstadene får bokmål. Målforma endrar du under «Kommunar» på fasilitatorsida.',
  },
}

const en: MunicipalityTexts = {
  municipalities: {
    title: 'Municipalities',
    back: 'Back to the facilitator page',
    lead: 'The official language form and county of the programme’s municipalities. Workshops are shown in their lead municipality’s language form to participants and observers who have not chosen a language themselves, and their boards and challenge description are written in it.',
    neutralNote: 'Neutral municipalities have chosen neither form; their workshops get Bokmål.',
    homeLink: 'Language form and county of the municipalities',
    homeLead: 'See and correct each municipality’s official language form and county.',
    loading: 'Loading the municipalities …',
    failed: 'Could not load the municipalities.',
    facts: '{{county}} · {{languageForm}}',
    countyNotGiven: 'County not given',
    edit: 'Change',
    languageForm: 'Language form of {{name}}',
    county: 'County',
    countyNone: 'Not given',
    save: 'Save',
    cancel: 'Cancel',
    saved: 'Saved: {{name}}, {{county}}, {{languageForm}}.',
    formNb: 'Bokmål',
    formNn: 'Nynorsk',
    formNeutral: 'Neutral',
    formNeutralHint: 'Neutral: the workshops get Bokmål.',
    leadHintNb: 'The workshops get Bokmål, the municipality’s language form. Change it under “Municipalities” on the facilitator page.',
    leadHintNn: 'The workshops get Nynorsk, the municipality’s language form. Change it under “Municipalities” on the facilitator page.',
    leadHintNeutral: 'The municipality is neutral in language form, so the workshops get Bokmål. Change it under “Municipalities” on the facilitator page.',
  },
}

export const municipalityTexts = { nb, nn, en }
