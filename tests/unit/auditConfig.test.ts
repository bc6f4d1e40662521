import { describe, expect, it } from 'vitest'
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
})
