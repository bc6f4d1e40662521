import { describe, expect, it } from 'vitest'
import { retentionText } from '../../client/src/facilitator/auditRetentionText.ts'
import { createI18n } from '../../client/src/i18n/index.ts'
import { loadConfig } from '../../server/src/config.ts'
import { ConfigError } from '../../server/src/errors.ts'

// AUDIT_RETENTION_DAYS: how long the audit log keeps an entry, apart from the workshops' retention.

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.message
    throw error
  }
  throw new Error('Expected a ConfigError.')
}

describe('the audit log’s retention', () => {
  it('keeps entries five years by default, or the days given', () => {
    expect(loadConfig({}).auditRetentionDays).toBe(1826)
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '3650' }).auditRetentionDays).toBe(3650)
    expect(loadConfig({ AUDIT_RETENTION_DAYS: ' 1 ' }).auditRetentionDays).toBe(1)
  })

  it('names a bad AUDIT_RETENTION_DAYS and what it accepts', () => {
    for (const given of ['0', '-5', 'fem år', '1.5', '20000']) {
      expect(configError({ AUDIT_RETENTION_DAYS: given })).toContain(`AUDIT_RETENTION_DAYS (got "${given}"): a whole number of days from 1 to 10980`)
    }
  })

  it('is said on the log page in years when the days make whole years, else in days', () => {
    const { t } = createI18n('nb')
    expect(retentionText(t, loadConfig({}).auditRetentionDays)).toBe('Oppføringene blir tatt vare på i 5 år, også etter at verkstedet er slettet.')
    expect(retentionText(t, 365)).toBe('Oppføringene blir tatt vare på i 1 år, også etter at verkstedet er slettet.')
    expect(retentionText(t, 400)).toBe('Oppføringene blir tatt vare på i 400 dager, også etter at verkstedet er slettet.')
    expect(retentionText(createI18n('en').t, 3653)).toBe('Entries are kept for 10 years, also after their workshop is deleted.')
  })
})
