import type { Catalogue } from './nb.ts'

/** Norsk nynorsk. */
export const nn: Catalogue = {
  app: {
    name: 'Samskap',
    home: 'Samskap – til framsida',
    skipToContent: 'Hopp til innhaldet',
  },
  start: {
    title: 'Tavler for samskaping',
    lead: 'Samskap er ei digital tavle for samskapingsverkstader. Alle som har lenkja til ei tavle, kan teikne, skrive lappar og sjå peikarane til kvarandre samstundes.',
    durability:
      'Alt blir lagra fortløpande på tenaren. Endringar du gjer utan nett, blir tekne vare på på denne eininga og sende når du er tilbake.',
    newBoard: 'Ny tavle',
    newBoardHint: 'Lagar ei tom tavle med ei eiga lenkje du kan dele.',
  },
  board: {
    title: 'Tavle {{id}}',
    loading: 'Opnar tavla …',
    notFoundTitle: 'Fann ikkje tavla',
    notFoundBody: '«{{id}}» er ikkje ei gyldig tavleadresse. Sjekk lenkja, eller lag ei ny tavle.',
    backHome: 'Til framsida',
  },
  notFound: {
    title: 'Sida finst ikkje',
    body: 'Vi fann inga side på denne adressa.',
  },
  status: {
    connecting: 'Koplar til …',
    saved: 'Lagra',
    saving: 'Lagrar …',
    offline: 'Fråkopla – endringane dine er lagra på denne eininga og blir sende når du er tilbake på nett',
    offlineShort: 'Fråkopla',
    reconnecting: 'Koplar til att …',
    readonly: 'Skriveverna',
    error: 'Ikkje lagra – tenaren tok ikkje imot endringa',
    errorTooLarge: 'Ikkje lagra – tavla er full',
    errorShort: 'Ikkje lagra',
  },
  readonly: {
    title: 'Tavla kan ikkje redigerast her',
    newerSchema: 'Det finst ein nyare versjon av Samskap. Last inn sida på nytt.',
    reload: 'Last inn på nytt',
    refusedInvalidRoom: 'Tavleadressa er ugyldig.',
    refusedProtocol: 'Tenaren forstod ikkje denne versjonen av Samskap. Last inn sida på nytt.',
    refusedTooManyRejected: 'Tenaren tok ikkje imot endringane frå denne fana. Last inn sida på nytt.',
    refusedOrigin: 'Denne adressa har ikkje tilgang til tavla. Kontakt dei som driftar Samskap.',
    refusedOther: 'Tenaren avviste tilkoplinga (kode {{code}}).',
  },
  language: {
    label: 'Språk',
  },
  user: {
    nameButton: 'Namn: {{name}}',
    nameButtonLabel: 'Endre namnet ditt (no: {{name}})',
    dialogTitle: 'Kva heiter du?',
    dialogBody: 'Namnet blir vist ved peikaren din for dei andre på tavla. Det blir hugsa på denne eininga.',
    nameLabel: 'Visingsnamn',
    save: 'Lagre',
    cancel: 'Avbryt',
    nameRequired: 'Skriv inn eit namn.',
  },
  assets: {
    tooLarge: 'Fila er for stor. Den største tillatne storleiken er {{max}}.',
    unsupported: 'Denne filtypen kan ikkje leggjast på tavla. Bruk PNG, JPEG, GIF, WebP, AVIF, MP4 eller WebM.',
    failed: 'Opplastinga mislukkast. Prøv igjen.',
  },
  toast: {
    region: 'Varsel',
    close: 'Lukk varselet',
  },
}
