// The texts of the checklist shown before publishing a challenge description (PublishChecklist.tsx),
// in the three languages side by side. Spread into the catalogues (nb.ts, nn.ts, en.ts). The fields
// are named by the description's own labels (labels.ts).

const nb = {
  publishChecklist: {
    heading: 'Har beskrivelsen det en bedrift trenger?',
    lead: 'Dette trenger en bedrift for å svare på utfordringen. Du kan publisere selv om noe mangler.',
    done: 'fylt ut',
    missing: 'mangler',
    past: 'datoen har passert',
    allDone: 'Alt er på plass.',
    someMissing_one: '{{count}} punkt trenger tilsyn.',
    someMissing_other: '{{count}} punkter trenger tilsyn.',
    confirmMissing: 'Dette mangler eller er utdatert: {{fields}}.',
  },
}

const nn: typeof nb = {
  publishChecklist: {
    heading: 'Har skildringa det ei verksemd treng?',
    lead: 'Dette treng ei verksemd for å svare på utfordringa. Du kan publisere sjølv om noko manglar.',
    done: 'fylt ut',
    missing: 'manglar',
    past: 'datoen har gått ut',
    allDone: 'Alt er på plass.',
    someMissing_one: '{{count}} punkt treng merksemd.',
    someMissing_other: '{{count}} punkt treng merksemd.',
    confirmMissing: 'Dette manglar eller er utdatert: {{fields}}.',
  },
}

const en: typeof nb = {
  publishChecklist: {
    heading: 'Does the description have what a business needs?',
    lead: 'A business needs these to answer the challenge. You can publish even if something is missing.',
    done: 'filled in',
    missing: 'missing',
    past: 'the date has passed',
    allDone: 'Everything is in place.',
    someMissing_one: '{{count}} item needs attention.',
    someMissing_other: '{{count}} items need attention.',
    confirmMissing: 'Missing or out of date: {{fields}}.',
  },
}

export const publishChecklistTexts = { nb, nn, en }
