/** Timings with production defaults; tests shorten them instead of waiting. */
export interface RelayTimings {
  keepAliveIdleMs: number
  pingIntervalMs: number
  /** Backoff for retrying failed commits (and reloads, and compactions). */
  retryBaseMs: number
  retryMaxMs: number
  /** How long shutdown waits for pending commits. */
  shutdownDrainMs: number
  /** How long shutdown waits for sockets to finish their close handshake before cutting them. */
  socketCloseGraceMs: number
  /** How long a row another instance committed may stay missing before a room reads it from the store. */
  gapWaitMs: number
  /** How long boards another instance deleted stay refused here (its deletion of their rows takes about a moment). */
  retiredElsewhereMs: number
}

export const defaultRelayTimings: RelayTimings = {
  keepAliveIdleMs: 15_000,
  pingIntervalMs: 30_000,
  retryBaseMs: 100,
  retryMaxMs: 5_000,
  shutdownDrainMs: 10_000,
  socketCloseGraceMs: 2_000,
  gapWaitMs: 1_000,
  retiredElsewhereMs: 30_000,
}
