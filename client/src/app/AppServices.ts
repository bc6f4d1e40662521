import type { i18n } from 'i18next'
import { createI18n } from '../i18n/index.ts'
import { LocalUser } from '../user/LocalUser.ts'
import { ApiClient } from './apiClient.ts'
import { BoardContextPreload, boardIdOfPath } from './BoardOpening.ts'
import { loadClientConfig, type ClientConfig } from './clientConfig.ts'
import { LanguagePreference, storedLanguage } from './LanguagePreference.ts'
import type { Observable } from './Observable.ts'
import { SessionService } from './SessionService.ts'
import { safeStorage } from './storage.ts'

/** The app-wide objects, created once per page and handed down through React context. */
export interface AppServices {
  i18n: i18n
  language: LanguagePreference
  user: LocalUser
  /** Who this browser is signed in or joined as (`GET /api/session`). */
  session: SessionService
  /** Changing requests to the API, with the session's CSRF token. */
  api: ApiClient
  /** The server's client configuration (`GET /api/config`), null until it came. */
  config: Observable<ClientConfig | null>
  /** The board context asked as the page started on a board's address. */
  boardContext: BoardContextPreload
}

/**
 * Creates the app's services for a browser window. The requests every page or a board
 * page needs (session, configuration, the board's context) go out first, together.
 */
export function createAppServices(win: Window): AppServices {
  const session = new SessionService()
  void session.refresh()
  const config = loadClientConfig()
  const boardContext = new BoardContextPreload(boardIdOfPath(win.location.pathname))
  const storage = safeStorage(() => win.localStorage)
  const initial = storedLanguage(storage)
  const i18n = createI18n(initial)
  const language = new LanguagePreference({ storage, i18n, root: win.document.documentElement, initial })
  // Called through the window: a detached `fetch` throws "Illegal invocation".
  const api = new ApiClient({ session, fetch: (input, init) => win.fetch(input, init) })
  return { i18n, language, user: new LocalUser(storage), session, api, config, boardContext }
}
