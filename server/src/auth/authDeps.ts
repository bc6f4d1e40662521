import type { Config } from '../config.ts'
import type { Logger } from '../logger.ts'
import type { LiveSessions } from '../relay/boardAccess.ts'
import type { AccessStore } from '../store/AccessStore.ts'
import type { SignInThrottle } from './signInThrottle.ts'

/** What the account and session routes need; createApp builds one and hands it to them. */
export interface AuthDeps {
  access: AccessStore
  config: Config
  /** The clock for sessions and one-time links (tests move it instead of waiting). */
  now: () => number
  /** Ends the sockets of a session that ends. */
  live: LiveSessions
  /** Counts guesses at facilitators' passwords (sign-in, and a password change's current password). */
  loginThrottle: SignInThrottle
  logger: Logger
}
