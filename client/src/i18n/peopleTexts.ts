// The texts of the workshop page's "who is here": who is on a board now and on which step, who
// has been here, who was removed, the mix of affiliations, and what a screen reader hears when
// people come and go, in the three languages side by side. Spread into the catalogues (nb.ts,
// nn.ts, en.ts), like facilitationTexts.ts.

const nb = {
  peoplePanel: {
    onlineHeading: 'På en tavle nå',
    awayHeading: 'Har vært her',
    awayHint: 'Med i verkstedet, men ikke på en tavle nå.',
    removedHeading: 'Fjernet fra verkstedet',
    noneOnline: 'Ingen er på en tavle nå.',
    onSteps: 'på {{steps}}',
    onStep: 'steg {{number}} ({{name}})',
    hand: 'Hånd oppe (nr. {{number}})',
    ready: 'Ferdig med steg {{number}}',
    mixHeading: 'Hvem er representert nå',
    mixLead_one: '{{count}} deltaker på en tavle nå:',
    mixLead_other: '{{count}} deltakere på en tavle nå:',
    mixNone: 'Ingen deltakere er på en tavle nå.',
    mixItem: '{{group}} {{count}}',
    announceJoined: '{{names}} kom inn på en tavle.',
    announceJoinedMany: '{{count}} personer kom inn på en tavle.',
    announceLeft: '{{names}} er ikke på en tavle lenger.',
    announceLeftMany: '{{count}} personer er ikke på en tavle lenger.',
  },
  affiliationGroup: {
    municipality: 'Kommunen',
    business: 'Næringsliv',
    citizen: 'Innbyggere',
    voluntary: 'Frivillige',
    school: 'Skole og kunnskap',
    other: 'Andre',
  },
}

const nn = {
  peoplePanel: {
    onlineHeading: 'På ei tavle no',
    awayHeading: 'Har vore her',
    awayHint: 'Med i verkstaden, men ikkje på ei tavle no.',
    removedHeading: 'Fjerna frå verkstaden',
    noneOnline: 'Ingen er på ei tavle no.',
    onSteps: 'på {{steps}}',
    onStep: 'steg {{number}} ({{name}})',
    hand: 'Handa oppe (nr. {{number}})',
    ready: 'Ferdig med steg {{number}}',
    mixHeading: 'Kven er representerte no',
    mixLead_one: '{{count}} deltakar på ei tavle no:',
    mixLead_other: '{{count}} deltakarar på ei tavle no:',
    mixNone: 'Ingen deltakarar er på ei tavle no.',
    mixItem: '{{group}} {{count}}',
    announceJoined: '{{names}} kom inn på ei tavle.',
    announceJoinedMany: '{{count}} personar kom inn på ei tavle.',
    announceLeft: '{{names}} er ikkje på ei tavle lenger.',
    announceLeftMany: '{{count}} personar er ikkje på ei tavle lenger.',
  },
  affiliationGroup: {
    municipality: 'Kommunen',
    business: 'Næringsliv',
    citizen: 'Innbyggjarar',
    voluntary: 'Frivillige',
    school: 'Skule og kunnskap',
    other: 'Andre',
  },
}

const en = {
  peoplePanel: {
    onlineHeading: 'On a board now',
    awayHeading: 'Have been here',
    awayHint: 'In the workshop, but not on a board now.',
    removedHeading: 'Removed from the workshop',
    noneOnline: 'Nobody is on a board now.',
    onSteps: 'on {{steps}}',
    onStep: 'step {{number}} ({{name}})',
    hand: 'Hand raised (no. {{number}})',
    ready: 'Done with step {{number}}',
    mixHeading: 'Who is represented now',
    mixLead_one: '{{count}} participant on a board now:',
    mixLead_other: '{{count}} participants on a board now:',
    mixNone: 'No participants are on a board now.',
    mixItem: '{{group}} {{count}}',
    announceJoined: '{{names}} came onto a board.',
    announceJoinedMany: '{{count}} people came onto a board.',
    announceLeft: '{{names}} left the boards.',
    announceLeftMany: '{{count}} people left the boards.',
  },
  affiliationGroup: {
    municipality: 'Municipality',
    business: 'Business',
    citizen: 'Citizens',
    voluntary: 'Voluntary',
    school: 'Schools and research',
    other: 'Other',
  },
}

export const peopleTexts = { nb, nn, en }
