import type { StorageLocation } from './personalData.ts'
import { counted, type PrivacyTexts } from './privacyTextTypes.ts'
import type { PrivacySettings } from './privacySettings.ts'

const days = (count: number) => counted(count, 'dag', 'dager')
const hours = (count: number) => counted(count, 'time', 'timer')

/** Hvor lenge alt i et verksted blir lagret: til det slettes, for hånd eller automatisk. */
const withTheWorkshop = (settings: PrivacySettings) =>
  `Til verkstedet slettes: automatisk ${days(settings.retentionDays)} etter at det ble stengt (innen ` +
  `${hours(settings.retentionSweepHours)} etter den datoen), eller tidligere hvis en fasilitator sletter det. En fasilitator kan utsette ` +
  `slettingen av et verksted, til høyst ${days(settings.maxPostponementDays)} fram i tid hver gang; åpnes verkstedet igjen, faller slettedatoen bort.`

function where(location: StorageLocation): string {
  switch (location.kind) {
    case 'database':
      return `databasen (${location.tables.length === 1 ? 'tabellen' : 'tabellene'} ${location.tables.join(', ')})`
    case 'memory':
      return 'bare i minnet til serveren'
    case 'redis':
      return 'Redis, som serverens instanser deler (Samskap skriver det ikke til disk)'
    case 'logs':
      return 'serverens logg (standard output), som driftsleverandøren samler inn'
    case 'browser': {
      const storage = { cookie: 'en informasjonskapsel', localStorage: 'localStorage', indexedDb: 'IndexedDB' }[location.storage]
      return `personens egen nettleser: ${storage} (${location.names.join(', ')})`
    }
  }
}

export const privacyTextsNb: PrivacyTexts = {
  title: 'Behandlingsprotokoll',
  lead:
    'Hva Samskap lagrer om personer, hvorfor, hvor lenge og hvor: protokollen over behandlingsaktiviteter (personvernforordningen artikkel 30) ' +
    'for denne installasjonen. Kommunen som holder verkstedene sine i Samskap, er behandlingsansvarlig; den som drifter serveren for kommunen, er databehandler.',
  settingsNote: 'Tidene nedenfor er innstillingene til denne serveren, lest fra konfigurasjonen den kjører med.',
  categoriesHeading: 'Dette lagres',
  labels: { subjects: 'Om hvem', what: 'Hva', why: 'Hvorfor', basis: 'Behandlingsgrunnlag', howLong: 'Hvor lenge', where: 'Hvor' },
  subjects: {
    facilitators: 'fasilitatorer (kommunens ansatte og samarbeidspartnere)',
    invitees: 'personer som er invitert til å bli fasilitator',
    participants: 'deltakere i verksteder',
    observers: 'observatører (følgekommuner)',
    boardVisitors: 'personer på tavler utenfor verksteder',
    everyone: 'alle som bruker tjenesten',
  },
  bases: {
    publicTask: 'Personvernforordningen art. 6 nr. 1 bokstav e: en oppgave i allmennhetens interesse – kommunens arbeid med utfordringen sammen med dem den gjelder',
    security: 'Personvernforordningen art. 6 nr. 1 bokstav e, jf. art. 32: å holde tjenesten og brukernes kontoer sikre',
    publicRecord: 'Personvernforordningen art. 6 nr. 1 bokstav c og e: kommunens offentlige dokumentasjon av det den har publisert',
    accountability: 'Personvernforordningen art. 6 nr. 1 bokstav c, jf. art. 5 nr. 2 og art. 24: at kommunen kan vise hvem som gjorde hva på dens vegne',
  },
  where,
  inCluster: 'med flere instanser også',
  categories: {
    facilitatorAccounts: {
      name: 'Fasilitatorkontoer',
      what: 'E-postadresse, visningsnavn, farge, scrypt-hashen av passordet, hvem som inviterte dem og når kontoen ble laget.',
      why: 'Så kommunens fasilitatorer kan logge inn, lede verksteder og vises med navn for dem de arbeider med.',
      howLong: () =>
        'Så lenge personen har en konto. Samskap sletter ikke kontoer av seg selv: når noen slutter å være fasilitator, deaktiverer eller sletter kommunen kontoen.',
    },
    facilitatorSessions: {
      name: 'Fasilitatorenes økter',
      what: 'En tilfeldig økt-ID (databasen har bare SHA-256-hashen av den), kontoen den hører til, et CSRF-token og når den utløper.',
      why: 'For å vite at forespørsler kommer fra fasilitatoren som er logget inn.',
      howLong: (settings) =>
        `${hours(settings.facilitatorSessionHours)} fra innlogging, eller til de logger ut; utløpte rader slettes innen ${hours(settings.expirySweepHours)}.`,
    },
    accountLinks: {
      name: 'Lenker for oppsett, invitasjon og nytt passord',
      what: 'E-postadressen til den som er invitert, hvem som laget lenken og for hvilken konto, og lenkens hash og utløpstid.',
      why: 'Så en fasilitator kan invitere en kollega eller hjelpe en som har glemt passordet, og så den første kontoen kan lages.',
      howLong: (settings) =>
        `Oppsettslenken i ${hours(settings.setupLinkHours)}, en invitasjon i ${days(settings.invitationDays)}, en lenke for nytt passord i ${hours(settings.passwordResetHours)}, hver til den er brukt; brukte og utløpte lenker slettes innen ${hours(settings.expirySweepHours)}.`,
    },
    signInAttempts: {
      name: 'Mislykkede innlogginger og feil koder for å bli med',
      what: 'Hvor mange innlogginger som har feilet og når, talt per e-postadresse (som SHA-256-hash), per nettleser kontoen stoler på og per nettverksadresse (en IPv6-adresse etter /64-nettet sitt); hvor mange feil koder for å bli med som er gitt og når, per verkstedlenke og per nettverksadresse.',
      why: 'For å bremse den som prøver å gjette passord eller koder for å bli med, uten å stenge fasilitatoren eller deltakerne i et verksted ute.',
      howLong: (settings) => `Glemmes ${hours(settings.signInForgetHours)} etter siste feil. Skrives aldri til databasen.`,
    },
    trustedBrowsers: {
      name: 'Nettlesere kontoen stoler på',
      what: 'En informasjonskapsel i en nettleser der en fasilitator har logget inn: konto-ID-en, når den ble utstedt, en tilfeldig enhets-ID og en signatur.',
      why: 'Så fasilitatorens egen nettleser kan logge inn mens noen andre steder blir bremset når de prøver å gjette passordet.',
      howLong: (settings) =>
        `${days(settings.deviceCookieDays)} etter siste innlogging i den nettleseren; et nytt passord gjør den ugyldig. Serveren lagrer ingenting av den.`,
    },
    participants: {
      name: 'Deltakere',
      what: 'Visningsnavnet og tilhørigheten (kommune, næringsliv, innbygger, frivillig organisasjon, skole eller kunnskapsinstitusjon, annet) de oppgir når de blir med, en farge, lenken de kom inn med, når de ble med og, hvis en fasilitator fjernet dem, når.',
      why: 'Så de som er med i et verksted, ser hvem som er der og hvem som skrev hva, og fasilitatoren kan lede verkstedet og fjerne noen som forstyrrer.',
      howLong: withTheWorkshop,
    },
    guestSessions: {
      name: 'Deltakernes og observatørenes økter',
      what: 'En tilfeldig økt-ID (bare SHA-256-hashen lagres), verkstedet og lenken den hører til, et CSRF-token og når den utløper. Observatører oppgir ikke noe annet.',
      why: 'For å slippe folk inn i det ene verkstedet de åpnet lenken til, uten konto.',
      howLong: (settings) =>
        `${hours(settings.guestSessionHours)} fra de ble med, eller til de forlater verkstedet; utløpte rader slettes innen ${hours(settings.expirySweepHours)}, og alle sammen med verkstedet.`,
    },
    boardContent: {
      name: 'Det som står på tavlene',
      what: 'Lapper, tekster, tegninger og opplastede bilder og videoer, og hvem som laget dem: alle som endrer en tavle, står med navn og farge i den, hver figur har ID-en til den som laget den, og reaksjoner på lapper har ID-en til dem som ga dem.',
      why: 'Tavlene er arbeidet i verkstedet; navnene viser hvem som skrev hva, og lar en fasilitator angre det en fjernet deltaker gjorde.',
      howLong: (settings) => `${withTheWorkshop(settings)} Tavler utenfor verksteder (kladdetavler) slettes ikke automatisk.`,
    },
    boardHistory: {
      name: 'Tavlenes historikk',
      what: 'Hver endring på en tavle, med når den ble gjort, av hvem (ID-en deres) og hvilke deler den rørte, og hvilke Yjs-klient-ID-er som hører til hvem; øyeblikksbilder av hele tavla.',
      why: 'Så fasilitatorer kan se hvem som endret hva, og sette en tavle tilbake når noe er slettet ved en feil eller med vilje.',
      howLong: (settings) =>
        `Endringer kan settes tilbake i ${days(settings.historyDays)}; eldre endringsrader slettes når et øyeblikksbilde dekker dem. Øyeblikksbilder som beholdes: de ${settings.snapshotKeepLast} nyeste, det nyeste i hver time innenfor historikkvinduet og det nyeste for hver av ${days(settings.snapshotKeepDaily)}. Alt slettes sammen med verkstedet, slik tavlene gjør.`,
    },
    privateBoards: {
      name: 'Privat skriving',
      what: 'Lappene en deltaker skriver mens fasilitatoren holder skrivingen privat, på en tavle bare de og fasilitatorene kan åpne, til fasilitatoren viser dem fram for alle.',
      why: 'Så folk kan tenke hver for seg før de deler, slik metoden legger opp til.',
      howLong: withTheWorkshop,
    },
    facilitationState: {
      name: 'Styringen av rommet',
      what: 'Hender som er rakt opp, hvem som er ferdige med en oppgave, og stemmer med prikker, hver med personens ID; steget vi er på og tidtakeren.',
      why: 'Så fasilitatoren kan lede verkstedet og alles skjermer følger det samme rommet.',
      howLong: withTheWorkshop,
    },
    presence: {
      name: 'Hvem som er til stede',
      what: 'Hvor pekeren til noen er, hva de har valgt, og navnet og fargen deres, mens de har en tavle åpen; hvem som er på hvilken tavle.',
      why: 'Så de som arbeider sammen, ser hverandre på tavla og fasilitatoren ser hvem som er her.',
      howLong: (settings) =>
        `Bare mens personen er koblet til. Med flere instanser forsvinner oppføringene over hvem som er på nett ${counted(settings.onlineEntrySeconds, 'sekund', 'sekunder')} etter at instansen deres sist fornyet dem.`,
    },
    browserStorage: {
      name: 'På personens egen enhet',
      what: 'En kopi av hver tavle de åpnet for å endre (ikke for observatører), så arbeid gjort uten nett overlever en omlasting; visningsnavnet og fargen de valgte og innstillingene deres; språket de valgte.',
      why: 'Så ingenting går tapt på et ustabilt nett, og appen husker det personen har valgt.',
      howLong: () => 'Til personen sletter nettstedets data i nettleseren sin. Serveren beholder ingenting av det.',
    },
    descriptionDrafts: {
      name: 'Utkast til utfordringsbeskrivelser',
      what: 'Teksten på lappene et utkast ble laget fra, med steget og rammen de kom fra, aldri hvem som skrev dem. Teksten på en lapp nevner noen bare hvis noen skrev et navn i den.',
      why: 'Så kommunen kan skrive utfordringsbeskrivelsen ut fra det verkstedet kom fram til, og se hvor hver del kom fra.',
      howLong: () =>
        'Sammen med utfordringen: utkastet er kommunens arbeidstekst og nevner ingen forfatter, så det slettes ikke med verkstedet. Fasilitatorene redigerer bort det som ikke skal beholdes.',
    },
    publishedDescriptions: {
      name: 'Publiserte utfordringsbeskrivelser',
      what: 'Den publiserte teksten (aldri deltakernes navn) og navnet til fasilitatoren som publiserte den på vegne av kommunen.',
      why: 'Den er kommunens offentlige invitasjon til næringsliv og andre om å svare på utfordringen.',
      howLong: () => 'For godt, som kommunens offentlige dokumentasjon; den blir stående når verkstedet eller kontoen slettes.',
    },
    auditLog: {
      name: 'Revisjonslogg',
      what: 'Hvilken fasilitator som gjorde hva med hvilket verksted, hvilken beskrivelse eller hvilken konto, og når; aldri deltakernes navn.',
      why: 'Så kommunen kan svare for det som ble gjort i dens navn (hvem som publiserte, byttet en lenke, fjernet noen eller satte tilbake en tavle).',
      howLong: (settings) => `${days(settings.auditRetentionDays)}, også etter at verkstedet den nevner, er slettet.`,
    },
    logs: {
      name: 'Serverlogger',
      what: 'Tavle-ID-er, tilkoblingsnumre og detaljer om feil; aldri navn, e-postadresser, tokener, innholdet på tavler eller IP-adresser.',
      why: 'For å holde tjenesten i gang og finne feil.',
      howLong: () => 'Så lenge driftsleverandørens logginnsamling beholder dem; Samskap lagrer ingen logg selv.',
    },
  },
  recipientsHeading: 'Hvem som får opplysningene',
  recipients:
    'Ingen utenfor kommunen og driftsleverandøren dens. Samskap leverer sine egne skrifter, ikoner og oversettelser, så en tavle henter ingenting fra andre nettsteder, ' +
    'unntatt innebygde videoer fra nettsteder driftsleverandøren tillater (EMBED_HOSTS), som hentes derfra når en tavle med en slik video åpnes.',
  transfersHeading: 'Overføring til andre land',
  transfers: 'Ingen fra Samskap: opplysningene blir i databasen og på serverne kommunen velger.',
  securityHeading: 'Slik er opplysningene beskyttet',
  security:
    'Passord lagres som scrypt-hasher, økter og engangslenker bare som SHA-256-hasher, i informasjonskapsler som skript ikke kan lese; serveren sjekker rollen ' +
    'og opprinnelsen til hver forespørsel, og hver deltaker ser bare sitt eget verksted. Loggene inneholder ingen personopplysninger.',
  rightsHeading: 'Dine rettigheter',
  rights:
    'Alle kan be kommunen eller fasilitatoren for verkstedet om å få se hva som er lagret om dem, og om å få det rettet eller slettet, og kan klage til Datatilsynet.',
  home: 'Til forsiden',
  accessibility: 'Tilgjengelighetserklæring',
}
