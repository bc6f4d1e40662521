import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Municipality } from '../../shared/src/schema/municipality.ts'
import { ChallengeDetail, MunicipalityList } from '../../shared/src/schema/publicApi.ts'
import { ApiAgent } from '../helpers/auth.ts'
import { seriousViolations } from '../helpers/axe.ts'
import { expectCleanPages, pageAs, startBrowserScene, type BrowserScene } from '../helpers/browserScene.ts'
import { addStep, createWorkshop, expectStatus, firstFacilitator, setStatus } from '../helpers/workshopApi.ts'

// The municipality's own language form in real Chromium: a participant who never chose a language
// sees a Vanylven workshop in nynorsk from the join page to the board, without it being stored as
// their choice; one who chose bokmål keeps bokmål. A facilitator corrects a municipality's
// language form and county on the municipalities page from the keyboard, and the page passes axe.

describe('the municipality’s language form in the browser', () => {
  let scene: BrowserScene
  let facilitator: ApiAgent
  let participantUrl: string
  let boardId: string

  async function municipalityNamed(name: string): Promise<Municipality> {
    const { municipalities } = MunicipalityList.parse((await facilitator.get(`/api/municipalities?q=${encodeURIComponent(name)}`)).body)
    const found = municipalities.find((municipality) => municipality.name === name)
    if (found === undefined) throw new Error(`The seed has no ${name}.`)
    return found
  }

  const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang)
  const storedChoice = (page: Page) => page.evaluate(() => localStorage.getItem('samskap.language'))

  /** Joins through the participant link with the join page's own form, in whichever language it speaks. */
  async function joinAndOpenBoard(page: Page, nameLabel: string): Promise<void> {
    await page.goto(participantUrl)
    await page.getByLabel(nameLabel).fill('Ola Nordmann')
    await page.getByTestId('join-affiliation').selectOption('citizen')
    await page.getByTestId('join-submit').click()
    await page.getByTestId('workshop').waitFor()
    await page.goto(`${scene.server.url}/board/${boardId}`)
    await page.getByTestId('step-bar').waitFor()
  }

  beforeAll(async () => {
    scene = await startBrowserScene()
    facilitator = await firstFacilitator(scene.server, { email: 'kari@vanylven.kommune.no', displayName: 'Kari Nordmann' })
    const vanylven = await municipalityNamed('Vanylven')
    const challenge = ChallengeDetail.parse(
      expectStatus(
        await facilitator.post('/api/challenges', {
          leadMunicipalityId: vanylven.id,
          coApplicantIds: [],
          followerMunicipalityIds: [],
          name: 'Fiskå sentrum',
          title: 'Korleis kan vi få fleire til å bu i sentrum?',
          summary: '',
          problemStatements: ['Korleis kan vi få fleire til å bu i sentrum?'],
          themes: [],
          stakeholderGroups: [],
          status: 'active',
        }),
        201,
      ),
    )
    const created = await createWorkshop(facilitator, challenge.id, 'Verkstad i Fiskå')
    boardId = (await addStep(facilitator, created.workshop.id, { templateId: 'stakeholder-mapping', plannedMinutes: 20 })).boardId
    await setStatus(facilitator, created.workshop.id, 'open')
    if (created.links === null) throw new Error('A facilitator sees the links.')
    participantUrl = created.links.participantUrl
  })

  afterAll(async () => {
    await scene?.close()
  })

  it('speaks nynorsk to a participant who chose no language, and bokmål to one who chose it', async () => {
    const newcomer = await scene.newPage()
    await newcomer.goto(participantUrl)
    await expect.poll(() => htmlLang(newcomer)).toBe('nn')
    await expect.poll(() => newcomer.getByTestId('language-select').inputValue()).toBe('nn')
    await joinAndOpenBoard(newcomer, 'Namnet ditt')
    expect(await newcomer.getByTestId('step-bar').getAttribute('aria-label')).toBe('Verkstadsteg')
    expect(await htmlLang(newcomer)).toBe('nn')
    // The workshop's form is the page's, not a choice remembered for the person.
    expect(await storedChoice(newcomer)).toBeNull()

    const chooser = await scene.newPage()
    await chooser.addInitScript(() => localStorage.setItem('samskap.language', 'nb'))
    await joinAndOpenBoard(chooser, 'Navnet ditt')
    expect(await chooser.getByTestId('step-bar').getAttribute('aria-label')).toBe('Verkstedsteg')
    expect(await htmlLang(chooser)).toBe('nb')
    expectCleanPages(scene.watches)
  })

  it('lets a facilitator correct a municipality’s language form and county from the keyboard', async () => {
    const page = await pageAs(scene, facilitator)
    await page.goto(`${scene.server.url}/facilitator`)
    await page.getByTestId('municipalities-link').click()
    const nome = page.locator('[data-testid="municipality"][data-name="Nome"]')
    await expect.poll(() => nome.getByTestId('municipality-facts').textContent()).toBe('Telemark · Nøytral')

    await nome.getByRole('button', { name: 'Endre Nome' }).focus()
    await page.keyboard.press('Enter')
    // The form opens with the municipality's form chosen and focused; arrows choose another.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('neutral')
    await page.keyboard.press('ArrowUp')
    expect(await nome.getByTestId('municipality-form-nn').isChecked()).toBe(true)
    // The list and an open form pass axe-core.
    expect(await seriousViolations(page)).toEqual([])
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('municipality-county')
    await nome.getByLabel('Fylke').selectOption('Vestfold')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')

    await expect.poll(() => page.getByTestId('municipality-saved').textContent()).toBe('Lagret: Nome, Vestfold, Nynorsk.')
    expect(await nome.getByTestId('municipality-facts').textContent()).toBe('Vestfold · Nynorsk')
    expect(await nome.getByTestId('municipality-form').count()).toBe(0)
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('municipality-edit')
    expect(await municipalityNamed('Nome')).toMatchObject({ languageForm: 'nn', county: 'Vestfold' })

    // Escape leaves a form unsaved.
    await page.keyboard.press('Enter')
    await nome.getByTestId('municipality-form').waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Escape')
    expect(await nome.getByTestId('municipality-form').count()).toBe(0)
    expect(await municipalityNamed('Nome')).toMatchObject({ languageForm: 'nn', county: 'Vestfold' })
    expectCleanPages(scene.watches)
  })
})
