// The texts of a closed workshop's deletion date (the workshop page and editor) and of the
// footer's way to the records of processing (/behandlingsprotokoll, rendered by the server), in
// the three languages side by side. Spread into the catalogues (nb.ts, nn.ts, en.ts).

const nb = {
  processingRecords: {
    link: 'Behandlingsprotokoll',
    readMore: 'Les mer om hva Samskap lagrer, hvorfor og hvor lenge',
    joinRetention_one: 'Det blir slettet når fasilitatorene sletter verkstedet, og ellers {{count}} dag etter at verkstedet er stengt, med mindre de utsetter slettingen.',
    joinRetention_other: 'Det blir slettet når fasilitatorene sletter verkstedet, og ellers {{count}} dager etter at verkstedet er stengt, med mindre de utsetter slettingen.',
  },
  retention: {
    fact: 'Slettes automatisk',
    heading: 'Sletting',
    explanation: 'Tavlene, navnene til deltakerne og alt de skrev, slettes automatisk {{date}}. Den publiserte utfordringsbeskrivelsen blir stående.',
    closedAt: 'Verkstedet ble stengt {{date}}. Åpner du det igjen, blir slettedatoen fjernet.',
    postpone: 'Utsett {{days}} dager',
    dateLabel: 'Ny slettedato',
    dateHint: 'Velg en dag fra i morgen til og med {{date}}. Tavlene slettes tidlig på dagen du velger.',
    save: 'Lagre slettedato',
    changed: 'Tavlene slettes nå automatisk {{date}}.',
  },
}

const nn = {
  processingRecords: {
    link: 'Behandlingsprotokoll',
    readMore: 'Les meir om kva Samskap lagrar, kvifor og kor lenge',
    joinRetention_one: 'Det blir sletta når fasilitatorane slettar verkstaden, og elles {{count}} dag etter at verkstaden er stengd, om dei ikkje utset slettinga.',
    joinRetention_other: 'Det blir sletta når fasilitatorane slettar verkstaden, og elles {{count}} dagar etter at verkstaden er stengd, om dei ikkje utset slettinga.',
  },
  retention: {
    fact: 'Blir sletta automatisk',
    heading: 'Sletting',
    explanation: 'Tavlene, namna til deltakarane og alt dei skreiv, blir sletta automatisk {{date}}. Den publiserte utfordringsskildringa blir ståande.',
    closedAt: 'Verkstaden vart stengd {{date}}. Opnar du han igjen, blir slettedatoen fjerna.',
    postpone: 'Utset {{days}} dagar',
    dateLabel: 'Ny slettedato',
    dateHint: 'Vel ein dag frå i morgon til og med {{date}}. Tavlene blir sletta tidleg på dagen du vel.',
    save: 'Lagre slettedato',
    changed: 'Tavlene blir no sletta automatisk {{date}}.',
  },
}

const en = {
  processingRecords: {
    link: 'Records of processing',
    readMore: 'Read more about what Samskap stores, why and for how long',
    joinRetention_one: 'It is deleted when the facilitators delete the workshop, and otherwise {{count}} day after the workshop closed, unless they postpone the deletion.',
    joinRetention_other: 'It is deleted when the facilitators delete the workshop, and otherwise {{count}} days after the workshop closed, unless they postpone the deletion.',
  },
  retention: {
    fact: 'Deleted automatically',
    heading: 'Deletion',
    explanation: 'The boards, the participants’ names and everything they wrote are deleted automatically on {{date}}. The published challenge description stays.',
    closedAt: 'The workshop was closed on {{date}}. Opening it again removes the deletion date.',
    postpone: 'Postpone {{days}} days',
    dateLabel: 'New deletion date',
    dateHint: 'Choose a day from tomorrow up to and including {{date}}. The boards are deleted early on the day you choose.',
    save: 'Save deletion date',
    changed: 'The boards are now deleted automatically on {{date}}.',
  },
}

export const privacyTexts = { nb, nn, en }
