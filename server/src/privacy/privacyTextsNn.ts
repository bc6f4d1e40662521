import type { StorageLocation } from './personalData.ts'
import { counted, type PrivacyTexts } from './privacyTextTypes.ts'
import type { PrivacySettings } from './privacySettings.ts'

const days = (count: number) => counted(count, 'dag', 'dagar')
const hours = (count: number) => counted(count, 'time', 'timar')

/** Kor lenge alt i ein verkstad blir lagra: til han blir sletta, for hand eller automatisk. */
const withTheWorkshop = (settings: PrivacySettings) =>
  `Til verkstaden blir sletta: automatisk ${days(settings.retentionDays)} etter at han vart stengd (innan ` +
  `${hours(settings.retentionSweepHours)} etter den datoen), eller tidlegare om ein fasilitator slettar han. Ein fasilitator kan utsetje ` +
  `slettinga av ein verkstad, til høgst ${days(settings.maxPostponementDays)} fram i tid kvar gong; blir verkstaden opna att, fell slettedatoen bort.`

function where(location: StorageLocation): string {
  switch (location.kind) {
    case 'database':
      return `databasen (${location.tables.length === 1 ? 'tabellen' : 'tabellane'} ${location.tables.join(', ')})`
    case 'memory':
      return 'berre i minnet til serveren'
    case 'redis':
      return 'Redis, som instansane til serveren deler (Samskap skriv det ikkje til disk)'
    case 'logs':
      return 'loggen til serveren (standard output), som driftsleverandøren samlar inn'
    case 'browser': {
      const storage = { cookie: 'ein informasjonskapsel', localStorage: 'localStorage', indexedDb: 'IndexedDB' }[location.storage]
      return `den eigne nettlesaren til personen: ${storage} (${location.names.join(', ')})`
    }
  }
}

export const privacyTextsNn: PrivacyTexts = {
  title: 'Behandlingsprotokoll',
  lead:
    'Kva Samskap lagrar om personar, kvifor, kor lenge og kvar: protokollen over behandlingsaktivitetar (personvernforordninga artikkel 30) ' +
    'for denne installasjonen. Kommunen som held verkstadene sine i Samskap, er behandlingsansvarleg; den som driftar serveren for kommunen, er databehandlar.',
  settingsNote: 'Tidene nedanfor er innstillingane til denne serveren, lesne frå konfigurasjonen han køyrer med.',
  categoriesHeading: 'Dette blir lagra',
  labels: { subjects: 'Om kven', what: 'Kva', why: 'Kvifor', basis: 'Behandlingsgrunnlag', howLong: 'Kor lenge', where: 'Kvar' },
  subjects: {
    facilitators: 'fasilitatorar (tilsette i kommunen og samarbeidspartnarar)',
    invitees: 'personar som er inviterte til å bli fasilitator',
    participants: 'deltakarar i verkstader',
    observers: 'observatørar (følgjekommunar)',
    boardVisitors: 'personar på tavler utanfor verkstader',
    everyone: 'alle som brukar tenesta',
  },
  bases: {
    publicTask: 'Personvernforordninga art. 6 nr. 1 bokstav e: ei oppgåve i ålmenta si interesse – arbeidet til kommunen med utfordringa saman med dei ho gjeld',
    security: 'Personvernforordninga art. 6 nr. 1 bokstav e, jf. art. 32: å halde tenesta og kontoane til brukarane trygge',
    publicRecord: 'Personvernforordninga art. 6 nr. 1 bokstav c og e: den offentlege dokumentasjonen kommunen har av det han har publisert',
    accountability: 'Personvernforordninga art. 6 nr. 1 bokstav c, jf. art. 5 nr. 2 og art. 24: at kommunen kan vise kven som gjorde kva på vegner av han',
  },
  where,
  inCluster: 'med fleire instansar også',
  categories: {
    facilitatorAccounts: {
      name: 'Fasilitatorkontoar',
      what: 'E-postadresse, visingsnamn, farge, scrypt-hashen av passordet, kven som inviterte dei og når kontoen vart laga.',
      why: 'Så fasilitatorane i kommunen kan logge inn, leie verkstader og visast med namn for dei dei arbeider med.',
      howLong: () =>
        'Så lenge personen har ein konto. Samskap slettar ikkje kontoar av seg sjølv: når nokon sluttar å vere fasilitator, deaktiverer eller slettar kommunen kontoen.',
    },
    facilitatorSessions: {
      name: 'Øktene til fasilitatorane',
      what: 'Ein tilfeldig økt-ID (databasen har berre SHA-256-hashen av han), kontoen han høyrer til, eit CSRF-token og når han går ut.',
      why: 'For å vite at førespurnader kjem frå fasilitatoren som er logga inn.',
      howLong: (settings) =>
        `${hours(settings.facilitatorSessionHours)} frå innlogging, eller til dei loggar ut; utgåtte rader blir sletta innan ${hours(settings.expirySweepHours)}.`,
    },
    accountLinks: {
      name: 'Lenkjer for oppsett, invitasjon og nytt passord',
      what: 'E-postadressa til den som er invitert, kven som laga lenkja og for kva konto, og hashen og utløpstida til lenkja.',
      why: 'Så ein fasilitator kan invitere ein kollega eller hjelpe ein som har gløymt passordet, og så den første kontoen kan lagast.',
      howLong: (settings) =>
        `Oppsettslenkja i ${hours(settings.setupLinkHours)}, ein invitasjon i ${days(settings.invitationDays)}, ei lenkje for nytt passord i ${hours(settings.passwordResetHours)}, kvar til ho er brukt; brukte og utgåtte lenkjer blir sletta innan ${hours(settings.expirySweepHours)}.`,
    },
    signInAttempts: {
      name: 'Mislukka innloggingar og feil kodar for å vere med',
      what: 'Kor mange innloggingar som har feila og når, talde per e-postadresse (som SHA-256-hash), per nettlesar kontoen stolar på og per nettverksadresse (ei IPv6-adresse etter /64-nettet sitt); kor mange feil kodar for å vere med som er gitt og når, per verkstadlenkje og per nettverksadresse.',
      why: 'For å bremse den som prøver å gjette passord eller kodar for å vere med, utan å stengje fasilitatoren eller deltakarane i ein verkstad ute.',
      howLong: (settings) => `Blir gløymd ${hours(settings.signInForgetHours)} etter siste feil. Blir aldri skriven til databasen.`,
    },
    trustedBrowsers: {
      name: 'Nettlesarar kontoen stolar på',
      what: 'Ein informasjonskapsel i ein nettlesar der ein fasilitator har logga inn: konto-ID-en, når han vart skriven ut, ein tilfeldig einings-ID og ein signatur.',
      why: 'Så den eigne nettlesaren til fasilitatoren kan logge inn medan nokon andre stader blir bremsa når dei prøver å gjette passordet.',
      howLong: (settings) =>
        `${days(settings.deviceCookieDays)} etter siste innlogging i den nettlesaren; eit nytt passord gjer han ugyldig. Serveren lagrar ingenting av han.`,
    },
    participants: {
      name: 'Deltakarar',
      what: 'Visingsnamnet og tilhøyrsla (kommune, næringsliv, innbyggjar, frivillig organisasjon, skule eller kunnskapsinstitusjon, anna) dei oppgir når dei blir med, ein farge, lenkja dei kom inn med, når dei vart med og, om ein fasilitator fjerna dei, når.',
      why: 'Så dei som er med i ein verkstad, ser kven som er der og kven som skreiv kva, og fasilitatoren kan leie verkstaden og fjerne nokon som forstyrrar.',
      howLong: withTheWorkshop,
    },
    guestSessions: {
      name: 'Øktene til deltakarar og observatørar',
      what: 'Ein tilfeldig økt-ID (berre SHA-256-hashen blir lagra), verkstaden og lenkja han høyrer til, eit CSRF-token og når han går ut. Observatørar oppgir ikkje noko anna.',
      why: 'For å sleppe folk inn i den eine verkstaden dei opna lenkja til, utan konto.',
      howLong: (settings) =>
        `${hours(settings.guestSessionHours)} frå dei vart med, eller til dei forlèt verkstaden; utgåtte rader blir sletta innan ${hours(settings.expirySweepHours)}, og alle saman med verkstaden.`,
    },
    boardContent: {
      name: 'Det som står på tavlene',
      what: 'Lappar, tekstar, teikningar og opplasta bilete og videoar, og kven som laga dei: alle som endrar ei tavle, står med namn og farge i henne, kvar figur har ID-en til den som laga han, og reaksjonar på lappar har ID-en til dei som gav dei.',
      why: 'Tavlene er arbeidet i verkstaden; namna viser kven som skreiv kva, og lèt ein fasilitator angre det ein fjerna deltakar gjorde.',
      howLong: (settings) => `${withTheWorkshop(settings)} Tavler utanfor verkstader (kladdetavler) blir ikkje sletta automatisk.`,
    },
    boardHistory: {
      name: 'Historikken til tavlene',
      what: 'Kvar endring på ei tavle, med når ho vart gjord, av kven (ID-en deira) og kva delar ho rørte, og kva Yjs-klient-ID-ar som høyrer til kven; augneblinksbilete av heile tavla.',
      why: 'Så fasilitatorar kan sjå kven som endra kva, og setje ei tavle tilbake når noko er sletta ved ein feil eller med vilje.',
      howLong: (settings) =>
        `Endringar kan setjast tilbake i ${days(settings.historyDays)}; eldre endringsrader blir sletta når eit augneblinksbilete dekkjer dei. Augneblinksbilete som blir haldne på: dei ${settings.snapshotKeepLast} nyaste, det nyaste i kvar time innanfor historikkvindauget og det nyaste for kvar av ${days(settings.snapshotKeepDaily)}. Alt blir sletta saman med verkstaden, slik tavlene blir.`,
    },
    privateBoards: {
      name: 'Privat skriving',
      what: 'Lappane ein deltakar skriv medan fasilitatoren held skrivinga privat, på ei tavle berre dei og fasilitatorane kan opne, til fasilitatoren viser dei fram for alle.',
      why: 'Så folk kan tenkje kvar for seg før dei deler, slik metoden legg opp til.',
      howLong: withTheWorkshop,
    },
    facilitationState: {
      name: 'Styringa av rommet',
      what: 'Hender som er rekte opp, kven som er ferdige med ei oppgåve, og røyster med prikkar, kvar med ID-en til personen; steget vi er på og tidtakaren.',
      why: 'Så fasilitatoren kan leie verkstaden og skjermane til alle følgjer det same rommet.',
      howLong: withTheWorkshop,
    },
    presence: {
      name: 'Kven som er til stades',
      what: 'Kvar peikaren til nokon er, kva dei har valt, og namnet og fargen deira, medan dei har ei tavle open; kven som er på kva tavle.',
      why: 'Så dei som arbeider saman, ser kvarandre på tavla og fasilitatoren ser kven som er her.',
      howLong: (settings) =>
        `Berre medan personen er kopla til. Med fleire instansar forsvinn oppføringane over kven som er på nett ${counted(settings.onlineEntrySeconds, 'sekund', 'sekund')} etter at instansen deira sist fornya dei.`,
    },
    browserStorage: {
      name: 'På den eigne eininga til personen',
      what: 'Ein kopi av kvar tavle dei opna for å endre (ikkje for observatørar), så arbeid gjort utan nett overlever ei omlasting; visingsnamnet og fargen dei valde og innstillingane deira; språket dei valde.',
      why: 'Så ingenting går tapt på eit ustabilt nett, og appen hugsar det personen har valt.',
      howLong: () => 'Til personen slettar dataa til nettstaden i nettlesaren sin. Serveren held ikkje på noko av det.',
    },
    descriptionDrafts: {
      name: 'Utkast til utfordringsskildringar',
      what: 'Teksten på lappane eit utkast vart laga frå, med steget og ramma dei kom frå, aldri kven som skreiv dei. Teksten på ein lapp nemner nokon berre om nokon skreiv eit namn i han.',
      why: 'Så kommunen kan skrive utfordringsskildringa ut frå det verkstaden kom fram til, og sjå kvar kvar del kom frå.',
      howLong: () =>
        'Saman med utfordringa: utkastet er arbeidsteksten til kommunen og nemner ingen forfattar, så det blir ikkje sletta med verkstaden. Fasilitatorane redigerer bort det som ikkje skal haldast på.',
    },
    publishedDescriptions: {
      name: 'Publiserte utfordringsskildringar',
      what: 'Den publiserte teksten (aldri namna til deltakarane) og namnet til fasilitatoren som publiserte han på vegner av kommunen.',
      why: 'Han er den offentlege invitasjonen frå kommunen til næringsliv og andre om å svare på utfordringa.',
      howLong: () => 'For godt, som offentleg dokumentasjon for kommunen; han blir ståande når verkstaden eller kontoen blir sletta.',
    },
    auditLog: {
      name: 'Revisjonslogg',
      what: 'Kva fasilitator som gjorde kva med kva verkstad, skildring eller konto, og når; aldri namna til deltakarane.',
      why: 'Så kommunen kan svare for det som vart gjort i namnet hans (kven som publiserte, bytte ei lenkje, fjerna nokon eller sette tilbake ei tavle).',
      howLong: (settings) => `${days(settings.auditRetentionDays)}, også etter at verkstaden han nemner, er sletta.`,
    },
    logs: {
      name: 'Serverloggar',
      what: 'Tavle-ID-ar, tilkoplingsnummer og detaljar om feil; aldri namn, e-postadresser, token, innhaldet på tavler eller IP-adresser.',
      why: 'For å halde tenesta i gang og finne feil.',
      howLong: () => 'Så lenge logginnsamlinga til driftsleverandøren held på dei; Samskap lagrar ingen logg sjølv.',
    },
  },
  recipientsHeading: 'Kven som får opplysningane',
  recipients:
    'Ingen utanfor kommunen og driftsleverandøren hans. Samskap leverer sine eigne skrifter, ikon og omsetjingar, så ei tavle hentar ingenting frå andre nettstader, ' +
    'unnateke innebygde videoar frå nettstader driftsleverandøren tillèt (EMBED_HOSTS), som blir henta derifrå når ei tavle med ein slik video blir opna.',
  transfersHeading: 'Overføring til andre land',
  transfers: 'Ingen frå Samskap: opplysningane blir verande i databasen og på serverane kommunen vel.',
  securityHeading: 'Slik er opplysningane verna',
  security:
    'Passord blir lagra som scrypt-hashar, økter og eingongslenkjer berre som SHA-256-hashar, i informasjonskapslar som skript ikkje kan lese; serveren sjekkar rolla ' +
    'og opphavet til kvar førespurnad, og kvar deltakar ser berre sin eigen verkstad. Loggane inneheld ingen personopplysningar.',
  rightsHeading: 'Rettane dine',
  rights:
    'Alle kan be kommunen eller fasilitatoren for verkstaden om å få sjå kva som er lagra om dei, og om å få det retta eller sletta, og kan klage til Datatilsynet.',
  home: 'Til framsida',
  accessibility: 'Tilgjengelegheitserklæring',
}
