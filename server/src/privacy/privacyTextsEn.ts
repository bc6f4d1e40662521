import type { StorageLocation } from './personalData.ts'
import { counted, type PrivacyTexts } from './privacyTextTypes.ts'
import type { PrivacySettings } from './privacySettings.ts'

const days = (count: number) => counted(count, 'day', 'days')
const hours = (count: number) => counted(count, 'hour', 'hours')

/** How long everything of a workshop is kept: until it is deleted, by hand or on schedule. */
const withTheWorkshop = (settings: PrivacySettings) =>
  `Until the workshop is deleted: automatically ${days(settings.retentionDays)} after it was closed (within ` +
  `${hours(settings.retentionSweepHours)} of that date), or earlier when a facilitator deletes it. A facilitator can postpone the ` +
  `deletion of one workshop, to at most ${days(settings.maxPostponementDays)} ahead each time; reopening the workshop cancels it.`

function where(location: StorageLocation): string {
  switch (location.kind) {
    case 'database':
      return `the database (${location.tables.length === 1 ? 'table' : 'tables'} ${location.tables.join(', ')})`
    case 'memory':
      return 'the server’s memory only'
    case 'redis':
      return 'Redis, shared by the server’s instances (not written to disk by Samskap)'
    case 'logs':
      return 'the server’s log (standard output), collected by the operator'
    case 'browser': {
      const storage = { cookie: 'a cookie', localStorage: 'localStorage', indexedDb: 'IndexedDB' }[location.storage]
      return `the person’s own browser: ${storage} (${location.names.join(', ')})`
    }
  }
}

export const privacyTextsEn: PrivacyTexts = {
  title: 'Records of processing',
  lead:
    'What Samskap stores about people, why, for how long and where: the records of processing (GDPR article 30) for this ' +
    'installation. The municipality that runs its workshops in Samskap is the controller; whoever operates the server for it ' +
    'is its processor.',
  settingsNote: 'The periods below are this server’s own settings, read from the configuration it runs with.',
  categoriesHeading: 'What is stored',
  labels: { subjects: 'About whom', what: 'What', why: 'Why', basis: 'Legal basis', howLong: 'How long', where: 'Where' },
  subjects: {
    facilitators: 'facilitators (the municipality’s staff and partners)',
    invitees: 'people invited to become facilitators',
    participants: 'workshop participants',
    observers: 'observers (follower municipalities)',
    boardVisitors: 'people on boards outside workshops',
    everyone: 'anyone using the service',
  },
  bases: {
    publicTask: 'GDPR art. 6(1)(e): a task carried out in the public interest — the municipality’s work on its challenge together with the people it concerns',
    security: 'GDPR art. 6(1)(e) with art. 32: keeping the service and its users’ accounts secure',
    publicRecord: 'GDPR art. 6(1)(c) and (e): the municipality’s public record of what it published',
    accountability: 'GDPR art. 6(1)(c) with art. 5(2) and 24: the municipality showing who did what in its name',
  },
  where,
  inCluster: 'with several instances, also',
  categories: {
    facilitatorAccounts: {
      name: 'Facilitator accounts',
      what: 'E-mail address, display name, presence colour, the scrypt hash of the password, who invited them and when the account was made.',
      why: 'So that the municipality’s facilitators can sign in, lead workshops and be shown by name to the people they work with.',
      howLong: () =>
        'While the person has an account. Samskap does not delete accounts by itself: when someone stops being a facilitator, the municipality deactivates or deletes the account.',
    },
    facilitatorSessions: {
      name: 'Facilitators’ sessions',
      what: 'A random session id (the database keeps only its SHA-256 hash), the account it belongs to, a CSRF token and its expiry.',
      why: 'To know that requests come from the signed-in facilitator.',
      howLong: (settings) =>
        `${hours(settings.facilitatorSessionHours)} from sign-in, or until they sign out; expired rows are deleted within ${hours(settings.expirySweepHours)}.`,
    },
    accountLinks: {
      name: 'Setup, invitation and password reset links',
      what: 'The invitee’s e-mail address, who made the link and for which account, and the link’s hash and expiry.',
      why: 'To let a facilitator invite a colleague or help one who forgot their password, and to create the first account.',
      howLong: (settings) =>
        `The setup link for ${hours(settings.setupLinkHours)}, an invitation for ${days(settings.invitationDays)}, a password reset link for ${hours(settings.passwordResetHours)}, each until it is used; spent and expired links are deleted within ${hours(settings.expirySweepHours)}.`,
    },
    signInAttempts: {
      name: 'Failed sign-ins and join codes',
      what: 'How many sign-ins failed and when, counted per e-mail address (as its SHA-256 hash), per trusted browser and per network address (an IPv6 address by its /64 network); how many wrong join codes were given and when, per workshop link and per network address.',
      why: 'To slow down anyone guessing passwords or join codes, without locking the facilitator or a workshop’s participants out.',
      howLong: (settings) => `Forgotten ${hours(settings.signInForgetHours)} after the last failure. Never written to the database.`,
    },
    trustedBrowsers: {
      name: 'Trusted browsers',
      what: 'A cookie in a browser where a facilitator signed in: their account id, when it was issued, a random device id and a signature.',
      why: 'So that the facilitator’s own browser can sign in while someone elsewhere is slowed down guessing their password.',
      howLong: (settings) =>
        `${days(settings.deviceCookieDays)} after the last sign-in in that browser; setting a new password ends it. The server stores nothing of it.`,
    },
    participants: {
      name: 'Participants',
      what: 'The display name and affiliation (municipality, business, citizen, voluntary organisation, school or knowledge institution, other) they give when joining, a presence colour, the link they came through, when they joined and, if a facilitator removed them, when.',
      why: 'So that the people in a workshop see who is there and who wrote what, and the facilitator can lead the workshop and remove someone who disrupts it.',
      howLong: withTheWorkshop,
    },
    guestSessions: {
      name: 'Participants’ and observers’ sessions',
      what: 'A random session id (only its SHA-256 hash is stored), the workshop and link it belongs to, a CSRF token and its expiry. Observers give nothing else.',
      why: 'To let people into the one workshop whose link they opened, without an account.',
      howLong: (settings) =>
        `${hours(settings.guestSessionHours)} from joining, or until they leave the workshop; expired rows are deleted within ${hours(settings.expirySweepHours)}, and all of them with the workshop.`,
    },
    boardContent: {
      name: 'What is on the boards',
      what: 'Notes, texts, drawings and uploaded images and videos, and who made them: every person who edits a board is named in it (display name and colour), every shape records the id of the person who created it, and reactions on notes record who gave them.',
      why: 'The boards are the workshop’s work; names show who wrote what, and let a facilitator undo what a removed participant did.',
      howLong: (settings) =>
        `${withTheWorkshop(settings)} Boards outside any workshop (scratch boards) are not deleted automatically.`,
    },
    boardHistory: {
      name: 'Board history',
      what: 'Every change to a board, with when it was made, by whom (their id) and which records it touched, and which Yjs client ids belong to which person; snapshots of the whole board.',
      why: 'So that facilitators can see who changed what and restore a board when something is deleted by mistake or on purpose.',
      howLong: (settings) =>
        `Changes are restorable for ${days(settings.historyDays)}; older change rows are deleted once a snapshot covers them. Snapshots kept: the newest ${settings.snapshotKeepLast}, the newest of each hour in the history window and the newest of each of ${days(settings.snapshotKeepDaily)}. All of it is deleted with the workshop, as the boards are.`,
    },
    privateBoards: {
      name: 'Private writing',
      what: 'The notes a participant writes while the facilitator keeps writing private, on a board only they and the facilitators can open, until the facilitator shows them to everyone.',
      why: 'So that people can think on their own before sharing, as the method asks.',
      howLong: withTheWorkshop,
    },
    facilitationState: {
      name: 'Leading the room',
      what: 'Raised hands, who is done with a task, and dot votes, each by the person’s id; the current step and timer.',
      why: 'So that the facilitator can lead the workshop and everyone’s screen follows the same room.',
      howLong: withTheWorkshop,
    },
    presence: {
      name: 'Presence',
      what: 'Where someone’s cursor is, what they have selected, and their name and colour, while they have a board open; who is online on which board.',
      why: 'So that people working together see each other on the board and the facilitator sees who is here.',
      howLong: (settings) =>
        `Only while the person is connected. With several instances, the entries of who is online expire ${counted(settings.onlineEntrySeconds, 'second', 'seconds')} after their instance last renewed them.`,
    },
    browserStorage: {
      name: 'On the person’s own device',
      what: 'A copy of each board they opened to edit (not for observers), so that work done offline survives a reload; the display name and colour they chose and their preferences; the language they chose.',
      why: 'So that nothing is lost on a flaky network, and the app remembers the person’s choices.',
      howLong: () => 'Until the person clears the site’s data in their browser. The server keeps nothing of it.',
    },
    descriptionDrafts: {
      name: 'Challenge description drafts',
      what: 'The text of the notes a draft was made from, with the step and frame they came from, never who wrote them. A note’s text names someone only if a person wrote a name in it.',
      why: 'So that the municipality can write the challenge description from what the workshop produced, and see where each part came from.',
      howLong: () =>
        'With the challenge: a draft is the municipality’s working text and names no author, so it is not deleted with the workshop. Facilitators edit out of it anything that should not be kept.',
    },
    publishedDescriptions: {
      name: 'Published challenge descriptions',
      what: 'The published text (never participants’ names) and the name of the facilitator who published it, acting for the municipality.',
      why: 'It is the municipality’s public call to businesses and others to answer its challenge.',
      howLong: () => 'For good, as the municipality’s public record; it stays when the workshop or the account is deleted.',
    },
    auditLog: {
      name: 'Audit log',
      what: 'Which facilitator did what to which workshop, description or account, and when; never participants’ names.',
      why: 'So that the municipality can answer for what was done in its name (who published, rotated a link, removed someone, restored a board).',
      howLong: (settings) => `${days(settings.auditRetentionDays)}, also after the workshop it names is deleted.`,
    },
    logs: {
      name: 'Server logs',
      what: 'Board ids, connection numbers and error details; never names, e-mail addresses, tokens, board content or IP addresses.',
      why: 'To keep the service running and find faults.',
      howLong: () => 'As long as the operator’s log collection keeps them; Samskap itself stores no log.',
    },
  },
  recipientsHeading: 'Who receives the data',
  recipients:
    'No one outside the municipality and its operator. Samskap serves its own fonts, icons and translations, so a board makes no request to another host, ' +
    'except for embedded videos from hosts the operator allows (EMBED_HOSTS), which load from that host when a board holding one is opened.',
  transfersHeading: 'Transfers to other countries',
  transfers: 'None by Samskap: the data stays in the database and on the servers the municipality chooses.',
  securityHeading: 'How the data is protected',
  security:
    'Passwords are stored as scrypt hashes, sessions and one-time links only as SHA-256 hashes, in httpOnly cookies; the server checks every request’s role ' +
    'and origin, and every participant sees only their own workshop. Logs hold no personal data.',
  rightsHeading: 'Your rights',
  rights:
    'Anyone can ask the municipality or the workshop’s facilitator to see what is stored about them, to have it corrected or erased, and can complain to the Norwegian Data Protection Authority (Datatilsynet).',
  home: 'To the front page',
  accessibility: 'Accessibility statement',
}
