import { passwordResetLifetimeMs } from '../auth/accountAdministration.ts'
import { invitationLifetimeMs, setupLinkLifetimeMs } from '../auth/accountLinks.ts'
import { defaultExpirySweepMs } from '../auth/expirySweep.ts'
import { sessionLifetimeMs } from '../auth/sessionCookies.ts'
import { joinCodeRules } from '../auth/joinCodeThrottle.ts'
import { signInRules } from '../auth/signInThrottle.ts'
import { deviceCookieLifetimeMs } from '../auth/trustedDevices.ts'
import { onlineEntryTtlMs } from '../cluster/onlineDirectory.ts'
import type { Config } from '../config.ts'
import { maxPostponementDays, retentionSweepIntervalMs } from './retentionRules.ts'

const hourMs = 60 * 60 * 1000
const dayMs = 24 * hourMs

/**
 * The numbers the records of processing state, each read from where the code that keeps or
 * deletes the data reads it: the configuration, or the constant the code uses. Nothing here is a
 * copy, so the page and the README cannot say one thing while the server does another.
 */
export interface PrivacySettings {
  retentionDays: number
  maxPostponementDays: number
  retentionSweepHours: number
  historyDays: number
  snapshotKeepLast: number
  snapshotKeepDaily: number
  facilitatorSessionHours: number
  guestSessionHours: number
  setupLinkHours: number
  invitationDays: number
  passwordResetHours: number
  /** How long a sign-in throttle's count of failures outlives the last failure. */
  signInForgetHours: number
  deviceCookieDays: number
  expirySweepHours: number
  onlineEntrySeconds: number
  auditRetentionDays: number
  /** Several instances share Redis (REDIS_URL): presence and throttles pass through it. */
  cluster: boolean
}

/** The settings of a server running with `config`. */
export function privacySettingsOf(
  config: Pick<Config, 'retentionDays' | 'historyMs' | 'snapshotKeepLast' | 'snapshotKeepDaily' | 'auditRetentionDays' | 'redisUrl'>,
): PrivacySettings {
  return {
    retentionDays: config.retentionDays,
    maxPostponementDays,
    retentionSweepHours: retentionSweepIntervalMs / hourMs,
    historyDays: Math.round(config.historyMs / dayMs),
    snapshotKeepLast: config.snapshotKeepLast,
    snapshotKeepDaily: config.snapshotKeepDaily,
    facilitatorSessionHours: sessionLifetimeMs.facilitator / hourMs,
    guestSessionHours: sessionLifetimeMs.guest / hourMs,
    setupLinkHours: setupLinkLifetimeMs / hourMs,
    invitationDays: invitationLifetimeMs / dayMs,
    passwordResetHours: passwordResetLifetimeMs / hourMs,
    signInForgetHours:
      Math.max(
        signInRules.account.forgetAfterMs,
        signInRules.device.forgetAfterMs,
        signInRules.address.forgetAfterMs,
        joinCodeRules.link.forgetAfterMs,
        joinCodeRules.address.forgetAfterMs,
      ) / hourMs,
    deviceCookieDays: deviceCookieLifetimeMs / dayMs,
    expirySweepHours: defaultExpirySweepMs / hourMs,
    onlineEntrySeconds: onlineEntryTtlMs / 1000,
    auditRetentionDays: config.auditRetentionDays,
    cluster: config.redisUrl !== null,
  }
}
