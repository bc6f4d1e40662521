import { describe, expect, it } from 'vitest'
import { fieldLabels } from '../../client/src/facilitator/auditFieldLabels.ts'
import { retentionText } from '../../client/src/facilitator/auditRetentionText.ts'
import { createI18n } from '../../client/src/i18n/index.ts'
import { loadConfig } from '../../server/src/config.ts'

// The audit log's page: what it says of an entry's fields and of how long entries are kept.

describe('the audit log page', () => {
  const { t } = createI18n('nb')

  it('names changed fields as the forms label them, by what was changed', () => {
    expect(fieldLabels(t, 'challenge.update', ['summary', 'leadMunicipalityId', 'followerMunicipalityIds'])).toBe('Sammendrag, Ansvarlig kommune, Følgekommuner')
    expect(fieldLabels(t, 'workshop.update', ['title', 'startsAt'])).toBe('Tittel, Starter')
    expect(fieldLabels(t, 'step.update', ['instructions', 'plannedMinutes'])).toBe('Instruksjoner til deltakerne, Planlagt tid (minutter)')
    expect(fieldLabels(t, 'municipality.update', ['county'])).toBe('Fylke')
    // A field this page does not know yet keeps its name.
    expect(fieldLabels(t, 'challenge.update', ['somethingNew'])).toBe('somethingNew')
  })

  it('says how long entries are kept: in years when the days make whole years, else in days', () => {
    expect(retentionText(t, loadConfig({}).auditRetentionDays)).toBe('Oppføringene blir tatt vare på i 5 år, også etter at verkstedet er slettet.')
    expect(retentionText(t, 365)).toBe('Oppføringene blir tatt vare på i 1 år, også etter at verkstedet er slettet.')
    expect(retentionText(t, 400)).toBe('Oppføringene blir tatt vare på i 400 dager, også etter at verkstedet er slettet.')
    expect(retentionText(createI18n('en').t, 3653)).toBe('Entries are kept for 10 years, also after their workshop is deleted.')
  })
})
