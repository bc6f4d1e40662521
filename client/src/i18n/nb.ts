/** Norsk bokmål: the default language and the shape every other catalogue follows. */
export const nb = {
  app: {
    name: 'Samskap',
    home: 'Samskap – til forsiden',
    skipToContent: 'Hopp til innholdet',
  },
  start: {
    title: 'Tavler for samskaping',
    lead: 'Samskap er en digital tavle for samskapingsverksteder. Alle som har lenken til en tavle, kan tegne, skrive lapper og se hverandres pekere samtidig.',
    durability:
      'Alt lagres fortløpende på tjeneren. Endringer du gjør uten nett, tas vare på på denne enheten og sendes når du er tilbake.',
    newBoard: 'Ny tavle',
    newBoardHint: 'Lager en tom tavle med en egen lenke du kan dele.',
  },
  board: {
    title: 'Tavle {{id}}',
    loading: 'Åpner tavla …',
    notFoundTitle: 'Fant ikke tavla',
    notFoundBody: '«{{id}}» er ikke en gyldig tavleadresse. Sjekk lenken, eller lag en ny tavle.',
    backHome: 'Til forsiden',
  },
  notFound: {
    title: 'Siden finnes ikke',
    body: 'Vi fant ingen side på denne adressen.',
  },
  status: {
    connecting: 'Kobler til …',
    saved: 'Lagret',
    saving: 'Lagrer …',
    offline: 'Frakoblet – endringene dine er lagret på denne enheten og sendes når du er tilbake på nett',
    offlineShort: 'Frakoblet',
    reconnecting: 'Kobler til igjen …',
    readonly: 'Skrivebeskyttet',
    error: 'Ikke lagret – tjeneren tok ikke imot endringen',
    errorTooLarge: 'Ikke lagret – tavla er full',
    errorShort: 'Ikke lagret',
  },
  readonly: {
    title: 'Tavla kan ikke redigeres her',
    newerSchema: 'Det finnes en nyere versjon av Samskap. Last inn siden på nytt.',
    reload: 'Last inn på nytt',
    refusedInvalidRoom: 'Tavleadressen er ugyldig.',
    refusedProtocol: 'Tjeneren forstod ikke denne versjonen av Samskap. Last inn siden på nytt.',
    refusedTooManyRejected: 'Tjeneren tok ikke imot endringene fra denne fanen. Last inn siden på nytt.',
    refusedOrigin: 'Denne adressen har ikke tilgang til tavla. Kontakt dem som drifter Samskap.',
    refusedOther: 'Tjeneren avviste tilkoblingen (kode {{code}}).',
  },
  language: {
    label: 'Språk',
  },
  user: {
    nameButton: 'Navn: {{name}}',
    nameButtonLabel: 'Endre navnet ditt (nå: {{name}})',
    dialogTitle: 'Hva heter du?',
    dialogBody: 'Navnet vises ved pekeren din for de andre på tavla. Det huskes på denne enheten.',
    nameLabel: 'Visningsnavn',
    save: 'Lagre',
    cancel: 'Avbryt',
    nameRequired: 'Skriv inn et navn.',
  },
  assets: {
    tooLarge: 'Fila er for stor. Den største tillatte størrelsen er {{max}}.',
    unsupported: 'Denne filtypen kan ikke legges på tavla. Bruk PNG, JPEG, GIF, WebP, AVIF, MP4 eller WebM.',
    failed: 'Opplastingen mislyktes. Prøv igjen.',
  },
  toast: {
    region: 'Varsler',
    close: 'Lukk varselet',
  },
}

/** A message catalogue: the same keys as {@link nb}, with text in another language. */
export type Catalogue = { [Section in keyof typeof nb]: { [Key in keyof (typeof nb)[Section]]: string } }
