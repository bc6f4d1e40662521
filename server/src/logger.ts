import { pino, type Logger } from 'pino'

export type { Logger }

/** The log levels LOG_LEVEL accepts, quietest last. */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof logLevels)[number]

/**
 * Structured JSON logs on stdout. Log board ids, counts, codes and durations;
 * never names, IP addresses, cookies or document content (no personal data).
 */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'samskap' } })
}
