// The texts of a sign-in the server holds back (SignInWait.tsx), in the three languages side by
// side. Spread into the catalogues (nb.ts, nn.ts, en.ts). They say when to try again and that a
// browser used before is not held back, and never whether the email has an account: the server
// holds back unknown emails alike.

const nb = {
  signInWait: {
    heading: 'Vent litt før du prøver igjen',
    reason: 'Det har vært for mange mislykkede innlogginger på denne e-postadressen eller fra dette nettverket.',
    whenSeconds_one: 'Du kan prøve igjen om {{count}} sekund (kl. {{time}}).',
    whenSeconds_other: 'Du kan prøve igjen om {{count}} sekunder (kl. {{time}}).',
    whenMinutes_one: 'Du kan prøve igjen om {{count}} minutt (kl. {{time}}).',
    whenMinutes_other: 'Du kan prøve igjen om {{count}} minutter (kl. {{time}}).',
    trustedBrowser: 'I en nettleser der du har logget inn før, kan du logge inn med en gang.',
  },
}

const nn: typeof nb = {
  signInWait: {
    heading: 'Vent litt før du prøver igjen',
    reason: 'Det har vore for mange mislukka innloggingar på denne e-postadressa eller frå dette nettverket.',
    whenSeconds_one: 'Du kan prøve igjen om {{count}} sekund (kl. {{time}}).',
    whenSeconds_other: 'Du kan prøve igjen om {{count}} sekund (kl. {{time}}).',
    whenMinutes_one: 'Du kan prøve igjen om {{count}} minutt (kl. {{time}}).',
    whenMinutes_other: 'Du kan prøve igjen om {{count}} minutt (kl. {{time}}).',
    trustedBrowser: 'I ein nettlesar der du har logga inn før, kan du logge inn med ein gong.',
  },
}

const en: typeof nb = {
  signInWait: {
    heading: 'Wait a moment before trying again',
    reason: 'There have been too many failed sign-ins with this email address or from this network.',
    whenSeconds_one: 'You can try again in {{count}} second (at {{time}}).',
    whenSeconds_other: 'You can try again in {{count}} seconds (at {{time}}).',
    whenMinutes_one: 'You can try again in {{count}} minute (at {{time}}).',
    whenMinutes_other: 'You can try again in {{count}} minutes (at {{time}}).',
    trustedBrowser: 'In a browser where you have signed in before, you can sign in straight away.',
  },
}

export const signInTexts = { nb, nn, en }
