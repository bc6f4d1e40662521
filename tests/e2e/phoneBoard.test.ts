import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { templateIds, type TemplateId } from '../../shared/src/templates/types.ts'
import { contrastRatio } from '../../shared/src/people/colorDifference.ts'
import { ApiAgent, linkToken } from '../helpers/auth.ts'
import { hiddenFocus, seriousViolations } from '../helpers/axe.ts'
import { templateShapeId } from '../helpers/boardNotes.ts'
import { note, openStepBoard, status } from '../helpers/boardPage.ts'
import { expectCleanPages, pageAs, phone, startBrowserScene, type BrowserScene } from '../helpers/browserScene.ts'
import { setupLinkOf } from '../helpers/server.ts'
import { canvasBackground, drawnTexts, type DrawnText } from '../helpers/textLayout.ts'
import { addStep, createWorkshop, expectStatus, grueChallengeId, joined, setStatus } from '../helpers/workshopApi.ts'

// A step board of every template as a participant sees it on a phone (390 × 844, by touch) and at a
// desk, measured as Chromium draws it: the phone opens at the step's first frame with every text on
// the screen at 12 CSS px or more and its instruction inside the screen; the frame switcher goes
// through every frame likewise; no word of a frame's title, instruction, labels or notes is split
// over two lines; the step bar keeps to one line; "Ny lapp" and one more tap put a written note in
// the frame in view; the board passes axe-core. At a desk, the frame switcher works from the keyboard.

/** The key of each template's first frame: where a phone opens it. */
const firstFrame: Record<TemplateId, string> = {
  'challenge-framing': 'context',
  'stakeholder-mapping': 'groups',
  ideas: 'questions',
  prototyping: 'questions',
  prioritising: 'parking',
}

/** Texts drawn smaller than 12 CSS px, and words split over two lines, as "what: text" lines. */
function problems(texts: readonly DrawnText[]): string[] {
  return texts.flatMap((text) => [
    // (A frame's heading is drawn at 12 px by a scale that rounding puts a hair under.)
    ...(text.screenPx < 11.95 ? [`${text.screenPx.toFixed(1)} px: ${text.shapeId} ${text.text}`] : []),
    ...text.brokenWords.map((word) => `broken "${word}": ${text.shapeId}`),
  ])
}

describe('step boards on a phone and at a desk', () => {
  let scene: BrowserScene
  let participant: ApiAgent
  let facilitator: ApiAgent
  const boards: string[] = []

  beforeAll(async () => {
    scene = await startBrowserScene()
    facilitator = new ApiAgent(scene.server.url)
    const setup = { token: linkToken(setupLinkOf(scene.server)), email: 'kari@grue.kommune.no', displayName: 'Kari Nordmann', password: 'et langt nok passord' }
    expectStatus(await facilitator.post('/api/setup', setup), 201)
    const created = await createWorkshop(facilitator, await grueChallengeId(facilitator))
    for (const templateId of templateIds) {
      const instructions = templateId === 'challenge-framing' ? 'Les utfordringen høyt for hverandre før dere skriver.' : undefined
      boards.push((await addStep(facilitator, created.workshop.id, { templateId, plannedMinutes: 20, ...(instructions ? { instructions } : {}) })).boardId)
    }
    await setStatus(facilitator, created.workshop.id, 'open')
    if (created.links === null) throw new Error('A facilitator sees the links.')
    participant = (await joined(scene.server.url, created.links.participantUrl, { displayName: 'Ola Nordmann', affiliation: 'citizen' })).agent
  })

  afterAll(async () => {
    await scene?.close()
  })

  async function open(page: Page, boardId: string): Promise<void> {
    await openStepBoard(page, scene.server.url, boardId)
    await expect.poll(() => status(page), { timeout: 20_000 }).toBe('saved')
  }

  /** Waits for the camera to show `frameId` (the switcher names it) with its instruction drawn still; resolves to the texts on the screen. */
  async function shownFrame(page: Page, frameId: string): Promise<DrawnText[]> {
    await expect.poll(() => page.getByTestId('frame-list').inputValue()).toBe(frameId)
    let before = ''
    let texts: DrawnText[] = []
    await expect
      .poll(async () => {
        texts = await drawnTexts(page)
        const instruction = JSON.stringify(texts.find((text) => text.shapeId === `${frameId}.instruction`) ?? null)
        const settled = instruction !== 'null' && instruction === before
        before = instruction
        return settled
      })
      .toBe(true)
    return texts
  }

  /** The instruction of `frameId` lies inside a screen `width` wide, at 12 CSS px or more. */
  function expectReadableInstruction(texts: readonly DrawnText[], frameId: string, width: number): void {
    const instruction = texts.find((text) => text.shapeId === `${frameId}.instruction`)
    expect(instruction, frameId).toBeDefined()
    expect(instruction?.left, frameId).toBeGreaterThanOrEqual(0)
    expect(instruction?.right, frameId).toBeLessThanOrEqual(width)
    expect(instruction?.screenPx, frameId).toBeGreaterThanOrEqual(12)
  }

  it('opens every template at its first frame, readable on a phone, through every frame, and takes a note in two taps', async () => {
    // tldraw logs this when a tap on a touch screen ends the writing on a note (a listener of its own,
    // passive, tries to cancel the touch); the tap does its work all the same.
    const page = await pageAs(scene, participant, { ...phone, expectedErrors: [/^Unable to preventDefault inside passive event listener invocation\./] })
    // Less motion: the camera jumps to a frame at once (as tldraw does for people who ask for it), so
    // that what is measured is where it stops.
    await page.emulateMedia({ reducedMotion: 'reduce' })
    for (const [i, templateId] of templateIds.entries()) {
      await open(page, boards[i] ?? '')
      const bar = page.getByTestId('step-bar')
      // One line: the bar's row of 44 px touch targets and its border.
      expect((await bar.boundingBox())?.height, templateId).toBeLessThanOrEqual(56)

      const frames = await page.getByTestId('frame-list').locator('option').evaluateAll((options) => options.map((option) => option.getAttribute('value') ?? ''))
      expect(frames[0]).toBe(templateShapeId(templateId, firstFrame[templateId]))
      for (const [f, frameId] of frames.entries()) {
        if (f > 0) await page.getByTestId('frame-next').tap()
        const texts = await shownFrame(page, frameId)
        expectReadableInstruction(texts, frameId, 390)
        expect(problems(texts), `${templateId} ${frameId}`).toEqual([])
      }
      expect(await page.getByTestId('frame-next').isDisabled()).toBe(true)
    }

    // The step bar: the facilitator's instructions, or the method's purpose, a tap away.
    await open(page, boards[0] ?? '')
    await expect.poll(() => page.getByTestId('step-instructions').isHidden()).toBe(true)
    await page.getByTestId('step-instructions-toggle').tap()
    await expect.poll(() => page.getByTestId('step-instructions').textContent()).toBe('Les utfordringen høyt for hverandre før dere skriver.')
    await open(page, boards[1] ?? '')
    await expect.poll(() => page.getByTestId('step-purpose').isHidden()).toBe(true)
    expect(await page.getByTestId('step-purpose-toggle').getAttribute('aria-expanded')).toBe('false')
    await page.getByTestId('step-purpose-toggle').tap()
    await expect.poll(() => page.getByTestId('step-purpose').isVisible()).toBe(true)
    await page.getByTestId('step-purpose-toggle').tap()

    // Two taps: "Ny lapp" puts a note in the middle of the frame in view, ready to write on; typing is
    // no tap; a tap on the select tool is done with it.
    const groups = templateShapeId('stakeholder-mapping', firstFrame['stakeholder-mapping'])
    await shownFrame(page, groups)
    await page.getByTestId('add-note-in-view').tap()
    const editor = page.locator('[contenteditable="true"]')
    await editor.waitFor()
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('contenteditable'))).toBe('true')
    await page.keyboard.type('Kirkenær idrettslag')
    await page.getByTestId('tools.select').tap()
    await expect.poll(() => editor.count()).toBe(0)
    const added = note(page, 'Kirkenær idrettslag')
    const frameBox = await page.locator(`.tl-shape[data-shape-id="${groups}"]`).boundingBox()
    const noteBox = await added.boundingBox()
    if (frameBox === null) throw new Error('The frame in view is not drawn.')
    expect(noteBox).not.toBeNull()
    if (noteBox === null) return
    expect(noteBox.x).toBeGreaterThanOrEqual(frameBox.x)
    expect(noteBox.x + noteBox.width).toBeLessThanOrEqual(frameBox.x + frameBox.width)
    const addedId = await added.getAttribute('data-shape-id')
    const written = (await drawnTexts(page)).find((text) => text.shapeId === addedId)
    expect(written?.screenPx).toBeGreaterThanOrEqual(12)
    expect(written?.brokenWords).toEqual([])
    await expect.poll(() => status(page), { timeout: 20_000 }).toBe('saved')

    expect(await seriousViolations(page)).toEqual([])
  })

  it('keeps a facilitator’s frame switcher, beside the page menu, and the keyboard help within a phone’s screen', async () => {
    const page = await pageAs(scene, facilitator, phone)
    await open(page, boards[0] ?? '')
    const onScreen = async (what: string, box: Promise<{ x: number; width: number } | null>) => {
      const drawn = await box
      expect(drawn, what).not.toBeNull()
      expect(drawn?.x, what).toBeGreaterThanOrEqual(0)
      expect((drawn?.x ?? 0) + (drawn?.width ?? 0), what).toBeLessThanOrEqual(390)
    }
    await expect.poll(() => page.getByTestId('page-menu.button').isVisible()).toBe(true)
    for (const testId of ['frame-previous', 'frame-list', 'frame-next']) await onScreen(testId, page.getByTestId(testId).boundingBox())
    await page.getByTestId('keyboard-help').locator('summary').tap()
    await onScreen('the keyboard help', page.locator('.keyboard-help__panel').boundingBox())
    for (const [index, explanation] of (await page.locator('.keyboard-help__panel dd').all()).entries()) {
      await onScreen(`explanation ${index + 1}`, explanation.boundingBox())
    }
    expect(await seriousViolations(page, '.tlui-page-menu__trigger')).toEqual([])
  })

  it('opens every template legible at a desk, shows no broken word in any frame, and goes from frame to frame from the keyboard', async () => {
    const page = await pageAs(scene, participant)
    await page.emulateMedia({ reducedMotion: 'reduce' })
    for (const [i, templateId] of templateIds.entries()) {
      await open(page, boards[i] ?? '')
      // Where it opens (whole, or from its top-left corner where the whole would be too small),
      // every text drawn is legible: the first frame's instruction among them.
      const first = templateShapeId(templateId, firstFrame[templateId])
      let opening: DrawnText[] = []
      await expect
        .poll(async () => {
          opening = await drawnTexts(page)
          return opening.some((text) => text.shapeId === `${first}.instruction`)
        })
        .toBe(true)
      expectReadableInstruction(opening, first, 1280)
      expect(problems(opening), `${templateId} as it opens`).toEqual([])
      // The caption above the frames (grey) stands out from the board enough to read (WCAG 1.4.3).
      const caption = opening.find((text) => text.shapeId.endsWith('.header.subtitle'))
      expect(caption, templateId).toBeDefined()
      expect(contrastRatio(caption?.color ?? '#ffffff', await canvasBackground(page)), templateId).toBeGreaterThanOrEqual(4.5)
      // Every frame, shown by the switcher: legible, and no word split over two lines.
      const frames = await page.getByTestId('frame-list').locator('option').evaluateAll((options) => options.map((option) => option.getAttribute('value') ?? ''))
      for (const frameId of frames.filter((frameId) => frameId !== '')) {
        await page.getByTestId('frame-list').selectOption(frameId)
        expect(problems(await shownFrame(page, frameId)), `${templateId} ${frameId}`).toEqual([])
      }
    }

    // The list and the buttons take the keyboard: Tab reaches "next", Enter shows the frame.
    const ideas = boards[templateIds.indexOf('ideas')] ?? ''
    await open(page, ideas)
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))
    await page.getByTestId('frame-list').focus()
    await page.keyboard.press('Tab')
    await expect.poll(focused).toBe('frame-next')
    // Focused from the keyboard, each shows its focus ring, which tldraw's styles would take away.
    expect(await hiddenFocus(page)).toBeNull()
    await page.keyboard.press('Shift+Tab')
    await expect.poll(focused).toBe('frame-list')
    expect(await hiddenFocus(page)).toBeNull()
    await page.keyboard.press('Tab')
    await expect.poll(focused).toBe('frame-next')
    await page.keyboard.press('Enter')
    const writing = templateShapeId('ideas', 'writing')
    let texts = await shownFrame(page, writing)
    expectReadableInstruction(texts, writing, 1280)
    expect(problems(texts)).toEqual([])
    await page.getByTestId('frame-list').selectOption(templateShapeId('ideas', 'clusters'))
    texts = await shownFrame(page, templateShapeId('ideas', 'clusters'))
    expect(problems(texts)).toEqual([])
    expect(await page.getByTestId('frame-switcher').getAttribute('aria-label')).toBe('Rammene på tavla')
    expect(await page.getByTestId('frame-previous').getAttribute('aria-label')).toBe('Forrige ramme')
    expect(await seriousViolations(page, '[data-testid="frame-switcher"]')).toEqual([])

    expectCleanPages(scene.watches)
  })
})
