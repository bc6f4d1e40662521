import type { Locator, Page } from 'playwright-core'
import { note } from './boardPage.ts'

// What the workshop's room shows on a board page, for the browser tests: the step bar's current
// step and timer, and a dot vote's buttons, counts and ranking.

/** A countdown's mm:ss in seconds. */
export function seconds(clock: string | null): number {
  const match = /^(\d+):(\d{2})$/.exec(clock?.trim() ?? '')
  if (match === null) throw new Error(`not a countdown: ${clock}`)
  return Number(match[1]) * 60 + Number(match[2])
}

/** The countdown the step bar shows, in seconds (NaN while there is none). */
export async function timeLeft(page: Page): Promise<number> {
  const timer = page.getByTestId('step-bar').getByTestId('step-timer-time')
  if ((await timer.count()) === 0) return Number.NaN
  return seconds(await timer.textContent())
}

/** Which step the step bar says the workshop is on (its number), or null. */
export async function currentStep(page: Page): Promise<string | null> {
  const current = page.getByTestId('step-bar-current')
  return (await current.count()) === 0 ? null : current.getAttribute('data-step-number')
}

/** The shape id of the note showing `text`. */
export async function shapeId(page: Page, text: string): Promise<string> {
  return (await note(page, text).getAttribute('data-shape-id')) ?? ''
}

/** The button over a note that gives it a dot, while the person votes. */
export function voteButton(page: Page, noteId: string): Locator {
  return page.locator(`[data-testid="vote-note"][data-note-id="${noteId}"]`)
}

/** The person's own dots on the note showing `text`, while they vote. */
export function ownDots(page: Page, text: string): Locator {
  return note(page, text).getByTestId('note-own-dots')
}

/** The count of dots on the note showing `text`, once the result is shown. */
export function voteCount(page: Page, text: string): Locator {
  return note(page, text).getByTestId('note-vote-count')
}

/** What the vote banner says of the person's dots left. */
export function dotsLeft(page: Page): Promise<string | null> {
  return page.getByTestId('vote-left').textContent()
}

/** The notes of the shown result, most dots first, by shape id. */
export function rankedIds(page: Page): Promise<(string | null)[]> {
  return page.getByTestId('vote-result-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-note-id')))
}
