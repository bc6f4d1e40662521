import type { FieldKey } from '../../../shared/src/description/challengeDescription.ts'
import type { ExportFormat } from '../../../shared/src/description/descriptionApi.ts'
import { notGivenText } from '../../../shared/src/description/fieldText.ts'
import { documentTexts, fieldLabels, partLabels } from '../../../shared/src/description/labels.ts'
import type { LanguageForm } from '../../../shared/src/schema/municipality.ts'

type Pick1<T extends Readonly<Record<string, Readonly<Record<LanguageForm, string>>>>> = { [K in keyof T]: string }

/**
 * The words of an exported document in one language form: the shared
 * catalogue (labels.ts) resolved for it, plus what only exports and the
 * public page say (sources, the names warning, downloads, versions).
 * Coded values (sectors, priorities …) are worded by fieldText.ts.
 */
export interface ExportLabels {
  lang: LanguageForm
  /** BCP 47 locale for dates and for Word's proofing language. */
  locale: string
  fields: Record<FieldKey, string>
  parts: Pick1<typeof partLabels>
  notGiven: string
  /** Labels of the publication facts. */
  facts: { version: string; publishedAt: string; publishedBy: string; draft: string }
  draft: string
  version: (n: number) => string
  published: (date: string, by: string) => string
  sources: string
  /** A field's heading in the sources section, e.g. "Kilder til «Aktører»": not the field's own heading again. */
  sourcesOf: (field: string) => string
  /** "fra: Kartlegge aktører, Interesse og innflytelse, 7 lapper" */
  sourceLine: (step: string, frame: string, notes: number) => string
  writtenBy: (name: string) => string
  namesWarning: string
  download: string
  versions: string
  newest: string
  notNewest: string
  changes: string
  changesSince: (n: number) => string
  firstVersion: string
  /** A version published again with the same text. */
  noChanges: (n: number) => string
  added: string
  removed: string
  startPage: string
  /** The footer's link to the accessibility statement. */
  accessibility: string
  /** The footer's link to the records of processing. */
  processingRecords: string
  notFound: string
  notFoundText: string
  /** The download links' names. */
  formats: Record<ExportFormat, string>
  schema: string
}

type OwnWords = Omit<ExportLabels, 'fields' | 'parts' | 'notGiven' | 'facts'>

const nb: OwnWords = {
  lang: 'nb',
  locale: 'nb-NO',
  draft: 'Utkast (ikke publisert)',
  version: (n) => `Versjon ${n}`,
  published: (date, by) => (by === '' ? `Publisert ${date}` : `Publisert ${date} av ${by}`),
  sources: 'Kilder',
  sourcesOf: (field) => `Kilder til «${field}»`,
  sourceLine: (step, frame, notes) => `fra: ${step}, ${frame}, ${notes} ${notes === 1 ? 'lapp' : 'lapper'}`,
  writtenBy: (name) => `skrevet av ${name}`,
  namesWarning:
    'Advarsel: Dette dokumentet inneholder navnene til deltakerne som skrev lappene. Navn er personopplysninger: ikke publiser dokumentet, og del det bare med dem som trenger det.',
  download: 'Last ned',
  versions: 'Versjoner',
  newest: 'nyeste',
  notNewest: 'Dette er ikke nyeste versjon. Nyeste er',
  changes: 'Endringer',
  changesSince: (n) => `Endringer fra versjon ${n}`,
  firstVersion: 'Dette er første versjon.',
  noChanges: (n) => `Teksten er den samme som i versjon ${n}.`,
  added: 'lagt til',
  removed: 'fjernet',
  startPage: 'Til forsiden',
  accessibility: 'Tilgjengelighetserklæring',
  processingRecords: 'Behandlingsprotokoll',
  notFound: 'Fant ikke utfordringen',
  notFoundText: 'Denne utfordringsbeskrivelsen finnes ikke, eller den er ikke publisert ennå.',
  formats: {
    docx: 'Word (DOCX)',
    html: 'Nettside for utskrift (HTML)',
    md: 'Markdown',
    json: 'Data (JSON)',
    csv: 'Behov og aktører (CSV)',
  },
  schema: 'JSON Schema for dataene',
}

const nn: OwnWords = {
  ...nb,
  lang: 'nn',
  locale: 'nn-NO',
  draft: 'Utkast (ikkje publisert)',
  sources: 'Kjelder',
  sourcesOf: (field) => `Kjelder til «${field}»`,
  sourceLine: (step, frame, notes) => `frå: ${step}, ${frame}, ${notes} ${notes === 1 ? 'lapp' : 'lappar'}`,
  writtenBy: (name) => `skriven av ${name}`,
  namesWarning:
    'Åtvaring: Dette dokumentet inneheld namna til deltakarane som skreiv lappane. Namn er personopplysningar: ikkje publiser dokumentet, og del det berre med dei som treng det.',
  versions: 'Versjonar',
  newest: 'nyaste',
  notNewest: 'Dette er ikkje nyaste versjon. Nyaste er',
  changes: 'Endringar',
  changesSince: (n) => `Endringar frå versjon ${n}`,
  noChanges: (n) => `Teksten er den same som i versjon ${n}.`,
  removed: 'fjerna',
  startPage: 'Til framsida',
  accessibility: 'Tilgjengelegheitserklæring',
  processingRecords: 'Behandlingsprotokoll',
  notFound: 'Fann ikkje utfordringa',
  notFoundText: 'Denne utfordringsskildringa finst ikkje, eller ho er ikkje publisert enno.',
  formats: { ...nb.formats, csv: 'Behov og aktørar (CSV)' },
}

/** A catalogue table resolved for one language form. */
function resolve<K extends string>(table: Readonly<Record<K, Readonly<Record<LanguageForm, string>>>>, form: LanguageForm): Record<K, string> {
  return Object.fromEntries(Object.entries<Readonly<Record<LanguageForm, string>>>(table).map(([key, text]) => [key, text[form]])) as Record<K, string>
}

/** The labels of an export in the description's language form. */
export function exportLabels(form: LanguageForm): ExportLabels {
  return {
    ...(form === 'nn' ? nn : nb),
    fields: Object.fromEntries(Object.entries(fieldLabels).map(([key, field]) => [key, field.label[form]])) as Record<FieldKey, string>,
    parts: resolve(partLabels, form),
    notGiven: notGivenText(form),
    facts: {
      version: documentTexts.version[form],
      publishedAt: documentTexts.publishedAt[form],
      publishedBy: documentTexts.publishedBy[form],
      draft: documentTexts.draft[form],
    },
  }
}

/** A date as the language form writes it, in Norwegian time, e.g. "14. mars 2022". */
export function formatDate(iso: string, labels: ExportLabels): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(labels.locale, { dateStyle: 'long', timeZone: 'Europe/Oslo' }).format(date)
}
