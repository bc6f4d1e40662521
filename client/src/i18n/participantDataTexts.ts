// The texts of erasing a participant and downloading what is stored about them (the people panel
// and the workshop editor), and of the board page of a person who was erased, in the three
// languages side by side. Spread into the catalogues (nb.ts, nn.ts, en.ts).

const nb = {
  participantData: {
    heading: 'Personopplysninger',
    hint: 'Når en deltaker ber om å få se eller slette det som er lagret om dem: last ned alt som en JSON-fil, eller slett personen fra verkstedet.',
    none: 'Ingen deltakere har blitt med ennå.',
    download: 'Last ned data',
    downloadNamed: 'Last ned alt som er lagret om {{name}} (JSON)',
    downloadFailed: 'Kunne ikke laste ned dataene. Prøv igjen.',
    erase: 'Slett personen',
    eraseNamed: 'Slett {{name}} fra verkstedet',
    title: 'Slette {{name}}?',
    body: 'Dette sletter navnet, tilknytningen og fargen til {{name}}, økten deres (de blir koblet fra med en gang), navnet deres på alle tavlene i verkstedet og det som viser at de skrev eller endret lapper, reaksjonene deres, hånden og «ferdig» og prikkene deres i avstemningen. Tavlenes historikk fra før slettingen kan ikke lenger hentes fram. Den publiserte utfordringsbeskrivelsen endres ikke.',
    deleteNotes: 'Slett også lappene {{name}} skrev',
    deleteNotesHint: 'Ellers blir lappene stående uten navn. Slettede lapper fjernes også fra kildene i utkastet til utfordringsbeskrivelsen.',
    confirm: 'Slett for godt',
    cancel: 'Avbryt',
    erased_one: '{{name}} er slettet fra verkstedet og fra én tavle.',
    erased_other: '{{name}} er slettet fra verkstedet og fra {{count}} tavler.',
    failed: 'Kunne ikke slette alt. Prøv igjen: det som gjenstår, blir slettet da.',
    erasedNotice: 'En fasilitator har slettet deg og det du la igjen i verkstedet.',
  },
}

const nn: typeof nb = {
  participantData: {
    heading: 'Personopplysningar',
    hint: 'Når ein deltakar ber om å få sjå eller slette det som er lagra om dei: last ned alt som ei JSON-fil, eller slett personen frå verkstaden.',
    none: 'Ingen deltakarar har vore med enno.',
    download: 'Last ned data',
    downloadNamed: 'Last ned alt som er lagra om {{name}} (JSON)',
    downloadFailed: 'Kunne ikkje laste ned dataa. Prøv igjen.',
    erase: 'Slett personen',
    eraseNamed: 'Slett {{name}} frå verkstaden',
    title: 'Slette {{name}}?',
    body: 'Dette slettar namnet, tilknytinga og fargen til {{name}}, økta deira (dei blir kopla frå med ein gong), namnet deira på alle tavlene i verkstaden og det som viser at dei skreiv eller endra lappar, reaksjonane deira, handa og «ferdig» og prikkane deira i avrøystinga. Historikken til tavlene frå før slettinga kan ikkje lenger hentast fram. Den publiserte utfordringsskildringa blir ikkje endra.',
    deleteNotes: 'Slett òg lappane {{name}} skreiv',
    deleteNotesHint: 'Elles blir lappane ståande utan namn. Sletta lappar blir òg fjerna frå kjeldene i utkastet til utfordringsskildringa.',
    confirm: 'Slett for godt',
    cancel: 'Avbryt',
    erased_one: '{{name}} er sletta frå verkstaden og frå éi tavle.',
    erased_other: '{{name}} er sletta frå verkstaden og frå {{count}} tavler.',
    failed: 'Kunne ikkje slette alt. Prøv igjen: det som står att, blir sletta då.',
    erasedNotice: 'Ein fasilitator har sletta deg og det du la att i verkstaden.',
  },
}

const en: typeof nb = {
  participantData: {
    heading: 'Personal data',
    hint: 'When a participant asks to see or erase what is stored about them: download all of it as a JSON file, or erase the person from the workshop.',
    none: 'No participants have joined yet.',
    download: 'Download data',
    downloadNamed: 'Download everything stored about {{name}} (JSON)',
    downloadFailed: 'Could not download the data. Try again.',
    erase: 'Erase person',
    eraseNamed: 'Erase {{name}} from the workshop',
    title: 'Erase {{name}}?',
    body: 'This erases the name, affiliation and colour of {{name}}, their session (they are disconnected at once), their name on every board of the workshop and what shows that they wrote or changed notes, their reactions, their hand and “done” and their dots in the vote. The boards’ history from before the erasure can no longer be brought back. The published challenge description does not change.',
    deleteNotes: 'Also delete the notes {{name}} wrote',
    deleteNotesHint: 'Otherwise the notes stay, without a name. Deleted notes also leave the sources of the challenge description’s draft.',
    confirm: 'Erase for good',
    cancel: 'Cancel',
    erased_one: '{{name}} was erased from the workshop and from one board.',
    erased_other: '{{name}} was erased from the workshop and from {{count}} boards.',
    failed: 'Could not erase everything. Try again: what is left is erased then.',
    erasedNotice: 'A facilitator erased you and what you left in the workshop.',
  },
}

export const participantDataTexts = { nb, nn, en }
