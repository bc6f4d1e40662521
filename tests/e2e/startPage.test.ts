import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, watchPage, type LaunchedBrowser, type PageWatch } from '../helpers/browser.ts'
import { createDataDir, removeDataDir, spawnServer, type ChildServer } from '../helpers/server.ts'

// The start page of a fresh installation shows the seeded Gnist facts: the
// municipalities by county and Grue's challenge, found by the server's search
// (case and diacritics ignored), and a challenge page with its problem statements.
const grueChallenge = 'Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere'
const grueProblemStatements = [
  'Hvordan kan investeringer som er gjort i lokalmiljøet justeres for å gi mer tilbake til de som bor der?',
  'Hvordan kan man få til positive synergier og redusere konfliktnivået ved å se på både industriens og lokalbefolkningens ulike behov?',
  'Hvordan får vi til samarbeid om innovativ utvikling av sentrum der beboernes behov står i fokus når de viktigste beslutningstakerne sitter rundt bordet?',
]
// Chromium logs the API's 404 for a challenge that does not exist; the page shows its own message.
const challengeMissing = /^Failed to load resource: the server responded with a status of 404 .*\/api\/challenges\/[^/]+\]$/

const challengeNames = (page: Page) => page.getByTestId('challenge-item').getByRole('heading').allTextContents()
const municipalityNames = (page: Page) =>
  page
    .getByTestId('municipality-item')
    .evaluateAll((items) => items.map((item) => item.firstChild?.textContent ?? ''))
const resultCount = (page: Page) => page.getByTestId('result-count').textContent()

describe('the start page and a challenge page', () => {
  let launched: LaunchedBrowser
  let browser: Browser
  let dataDir: string
  let server: ChildServer
  const contexts: BrowserContext[] = []
  const watches: PageWatch[] = []

  async function openPage(path: string, expectedErrors: RegExp[] = []): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    contexts.push(context)
    const page = await context.newPage()
    watches.push(watchPage(page, server.url, expectedErrors))
    await page.goto(`${server.url}${path}`)
    return page
  }

  beforeAll(async () => {
    dataDir = createDataDir()
    server = await spawnServer(dataDir)
    launched = await launchChromium()
    browser = launched.browser
  })

  afterAll(async () => {
    for (const context of contexts) await context.close()
    await launched?.close()
    await server?.kill('SIGTERM')
    if (dataDir) removeDataDir(dataDir)
  })

  it('lists the programme, searches it, and opens Grue’s challenge', async () => {
    const page = await openPage('/')
    await expect.poll(() => challengeNames(page)).toEqual([grueChallenge])
    await expect.poll(() => municipalityNames(page)).toContain('Åseral')
    expect(await municipalityNames(page)).toContain('Grue')
    expect(await page.getByRole('heading', { level: 3, name: 'Innlandet' }).count()).toBe(1)
    // The existing way to a blank board is still there, below the programme.
    expect(await page.getByTestId('new-board').isVisible()).toBe(true)

    const search = page.getByLabel('Søk etter kommune eller utfordring')
    await search.fill('grue')
    await expect.poll(() => municipalityNames(page)).toEqual(['Grue'])
    expect(await challengeNames(page)).toEqual([grueChallenge])
    await expect.poll(() => resultCount(page)).toBe('1 utfordring og 1 kommune')

    // Åseral has no challenge: the search finds the municipality (without its Å) and no challenge.
    await search.fill('aseral')
    await expect.poll(() => municipalityNames(page)).toEqual(['Åseral'])
    await expect.poll(() => resultCount(page)).toBe('0 utfordringer og 1 kommune')
    expect(await challengeNames(page)).toEqual([])
    expect(await page.getByTestId('challenge-list-empty').isVisible()).toBe(true)

    await search.fill('grue')
    await expect.poll(() => challengeNames(page)).toEqual([grueChallenge])
    await page.getByTestId('challenge-item').getByRole('link', { name: grueChallenge }).click()
    await page.waitForURL(/\/challenge\/[A-Za-z0-9_-]{8,64}$/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(grueChallenge)
    expect(await page.getByTestId('problem-statements').getByRole('listitem').allTextContents()).toEqual(
      grueProblemStatements,
    )

    // A deep link to the challenge loads the same page from the server.
    await page.reload()
    await expect.poll(() => page.getByTestId('problem-statements').getByRole('listitem').count()).toBe(3)
  })

  it('says so when a challenge does not exist', async () => {
    const page = await openPage('/challenge/noSuchChallenge1', [challengeMissing])
    await page.getByTestId('challenge-not-found').waitFor()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Fant ikke utfordringen')
  })

  it('made no request to another host and logged no console error', () => {
    for (const watch of watches) {
      expect(watch.foreignRequests).toEqual([])
      expect(watch.consoleErrors).toEqual([])
    }
  })
})
