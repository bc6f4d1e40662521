// The records of processing come from one list of what Samskap stores (server/src/privacy/):
// the page shows the running server's own settings, read from where the code reads them, and the
// README's section is what the definitions make of the defaults, so neither can drift.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { uiLanguages } from '../../shared/src/protocol/uiLanguage.ts'
import { sessionLifetimeMs } from '../../server/src/auth/sessionCookies.ts'
import { loadConfig } from '../../server/src/config.ts'
import { ConfigError } from '../../server/src/errors.ts'
import { personalDataCategories, personalDataCategoryIds } from '../../server/src/privacy/personalData.ts'
import { privacySettingsOf } from '../../server/src/privacy/privacySettings.ts'
import { currentProcessingRecords, renderProcessingRecordsPage, withProcessingRecords } from '../../server/src/privacy/processingRecords.ts'
import { defaultProcessingRecordsMarkdown } from '../../server/src/privacy/readmeSection.ts'
import { defaultRetentionDays, deletionDateOf } from '../../server/src/privacy/retentionRules.ts'
import { privacyTexts } from '../../server/src/privacy/privacyTexts.ts'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

/** The page's text without its markup, entities decoded as a reader sees them. */
function pageText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
}

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.message
    throw error
  }
  throw new Error('Expected a ConfigError.')
}

describe('RETENTION_DAYS', () => {
  it('defaults to 90 days, takes a whole number of days and names a bad value', () => {
    expect(loadConfig({}).retentionDays).toBe(defaultRetentionDays)
    expect(defaultRetentionDays).toBe(90)
    expect(loadConfig({ RETENTION_DAYS: '30' }).retentionDays).toBe(30)
    for (const bad of ['0', '-5', '1.5', 'ninety', '3651']) {
      expect(configError({ RETENTION_DAYS: bad })).toContain(`RETENTION_DAYS (got "${bad}"): a whole number of days from 1 to 3650`)
    }
  })

  it('dates a closed workshop’s deletion that many days after it closed', () => {
    const closedAt = Date.parse('2026-12-07T10:00:00Z')
    expect(new Date(deletionDateOf(closedAt, 90)).toISOString()).toBe('2027-03-07T10:00:00.000Z')
  })
})

describe('the records of processing', () => {
  it('say something of every kind of data in every language', () => {
    expect(personalDataCategories.map((category) => category.id)).toEqual([...personalDataCategoryIds])
    const settings = privacySettingsOf(loadConfig({}))
    for (const language of uiLanguages) {
      const texts = privacyTexts[language]
      for (const category of personalDataCategories) {
        const words = texts.categories[category.id]
        for (const text of [words.name, words.what, words.why, words.howLong(settings)]) expect(text.trim(), `${language} ${category.id}`).not.toBe('')
        expect(category.where.length, category.id).toBeGreaterThan(0)
        expect(category.basis.length, category.id).toBeGreaterThan(0)
      }
    }
    // The three languages are not copies of each other.
    expect(privacyTexts.nn.categories.participants.what).not.toBe(privacyTexts.nb.categories.participants.what)
    expect(privacyTexts.en.categories.participants.what).not.toBe(privacyTexts.nb.categories.participants.what)
  })

  it('show the running server’s own settings, as the code keeps the data by them', () => {
    const config = loadConfig({ RETENTION_DAYS: '45', HISTORY_DAYS: '14', SNAPSHOT_KEEP_LAST: '7' })
    const settings = privacySettingsOf(config)
    // Read from where the code reads them, not copied.
    expect(settings.facilitatorSessionHours * 3_600_000).toBe(sessionLifetimeMs.facilitator)
    expect(settings.guestSessionHours * 3_600_000).toBe(sessionLifetimeMs.guest)
    const nb = pageText(renderProcessingRecordsPage('nb', settings))
    expect(nb).toContain('automatisk 45 dager etter at det ble stengt')
    expect(nb).toContain('Endringer kan settes tilbake i 14 dager')
    expect(nb).toContain('de 7 nyeste')
    expect(nb).toContain(`${sessionLifetimeMs.facilitator / 3_600_000} timer fra innlogging`)
    expect(nb).toContain(`${sessionLifetimeMs.guest / 3_600_000} timer fra de ble med`)
    expect(nb).not.toContain('90 dager')
    const nn = pageText(renderProcessingRecordsPage('nn', settings))
    expect(nn).toContain('automatisk 45 dagar etter at han vart stengd')
    const en = pageText(renderProcessingRecordsPage('en', settings))
    expect(en).toContain('automatically 45 days after it was closed')
    // Redis is named only where the server uses it.
    expect(en).not.toContain('Redis')
    expect(pageText(renderProcessingRecordsPage('en', privacySettingsOf({ ...config, redisUrl: 'redis://cache:6379' })))).toContain('Redis')
  })

  it('are a page without script, in its language, with every category under a heading', () => {
    const html = renderProcessingRecordsPage('nn', privacySettingsOf(loadConfig({})))
    expect(html).toContain('<html lang="nn">')
    expect(html).toContain('<h1>Behandlingsprotokoll</h1>')
    expect(html).not.toContain('<script')
    for (const category of personalDataCategories) expect(html).toContain(`<h3 id="category-${category.id}">`)
    expect(html).toContain('href="/tilgjengelighet"')
  })

  it('stand in the README as the definitions make them (npm run docs:privacy writes them)', () => {
    const generated = defaultProcessingRecordsMarkdown()
    expect(currentProcessingRecords(readme), 'README.md is out of date: run npm run docs:privacy').toBe(generated)
    expect(generated).toContain('automatically 90 days after it was closed')
    // Writing the section again changes nothing; a README without the markers is refused, not appended to.
    expect(withProcessingRecords(readme, generated)).toBe(readme)
    expect(() => withProcessingRecords('# Samskap\n', generated)).toThrow(/processing-records:start/)
  })
})
