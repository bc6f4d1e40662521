// The texts of a re-draft's suggestions row by row (a list field the person edited: each new row the
// boards give is added or dismissed on its own) and of a draft run's emptied fields, in the three
// languages side by side. Spread into the catalogues (nb.ts, nn.ts, en.ts).

const nb = {
  descriptionRows: {
    heading: 'Nye rader fra tavlene til «{{field}}»',
    hint: 'Du har endret dette feltet selv, så radene er ikke satt inn. Legg til dem du vil ha med. Rader du har fjernet, kommer ikke tilbake.',
    accept: 'Legg til',
    acceptNamed: 'Legg til «{{row}}» i «{{field}}»',
    dismiss: 'Avvis',
    dismissNamed: 'Avvis «{{row}}» fra «{{field}}»',
    runEmptied_one: '{{count}} felt tømt',
    runEmptied_other: '{{count}} felt tømt',
    changesEmptied: 'Tømt fordi tavlene ikke lenger sier noe om dem',
  },
}

type RowSuggestionTexts = { [Section in keyof typeof nb]: { [Key in keyof (typeof nb)[Section]]: string } }

const nn: RowSuggestionTexts = {
  descriptionRows: {
    heading: 'Nye rader frå tavlene til «{{field}}»',
    hint: 'Du har endra dette feltet sjølv, så radene er ikkje sette inn. Legg til dei du vil ha med. Rader du har fjerna, kjem ikkje tilbake.',
    accept: 'Legg til',
    acceptNamed: 'Legg til «{{row}}» i «{{field}}»',
    dismiss: 'Avvis',
    dismissNamed: 'Avvis «{{row}}» frå «{{field}}»',
    runEmptied_one: '{{count}} felt tømt',
    runEmptied_other: '{{count}} felt tømde',
    changesEmptied: 'Tømde fordi tavlene ikkje lenger seier noko om dei',
  },
}

const en: RowSuggestionTexts = {
  descriptionRows: {
    heading: 'New rows from the boards for “{{field}}”',
    hint: 'You have edited this field yourself, so the rows have not been put in. Add the ones you want. Rows you removed will not come back.',
    accept: 'Add',
    acceptNamed: 'Add “{{row}}” to “{{field}}”',
    dismiss: 'Dismiss',
    dismissNamed: 'Dismiss “{{row}}” from “{{field}}”',
    runEmptied_one: '{{count}} field emptied',
    runEmptied_other: '{{count}} fields emptied',
    changesEmptied: 'Emptied because the boards no longer say anything for them',
  },
}

export const rowSuggestionTexts = { nb, nn, en }
