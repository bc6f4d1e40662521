import type { Page } from 'playwright-core'
import type { FacilitatorCredentials } from './auth.ts'

// What a person does on the app's pages outside the boards (for the board, see boardPage.ts).

/** Signs in on the login page the browser shows, as a facilitator does, and waits for their home page. */
export async function signIn(page: Page, credentials: Pick<FacilitatorCredentials, 'email' | 'password'>): Promise<void> {
  await page.getByTestId('login-email').fill(credentials.email)
  await page.getByTestId('login-password').fill(credentials.password)
  await page.getByTestId('login-submit').click()
  await page.waitForURL(/\/facilitator$/)
}
