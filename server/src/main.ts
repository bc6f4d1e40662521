import { loadConfig, type Config } from './config.ts'
import { startServer, type RunningServer } from './app.ts'
import { ConfigError } from './errors.ts'
import { createLogger } from './logger.ts'

// Entry point: read config, start, print where to go, shut down gracefully on SIGTERM/SIGINT.

let config: Config
try {
  config = loadConfig(process.env)
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  process.stderr.write(`${error.message}\n`)
  process.exit(1)
}

const logger = createLogger(config.logLevel)
process.on('uncaughtException', (error) => {
  logger.fatal({ err: error }, 'uncaught exception; exiting')
  process.exit(1)
})
process.on('unhandledRejection', (reason) => {
  logger.fatal({ err: reason }, 'unhandled rejection; exiting')
  process.exit(1)
})

let server: RunningServer
try {
  server = await startServer(config, { logger })
} catch (error) {
  logger.fatal({ err: error }, 'could not start')
  process.stderr.write(`Samskap could not start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}

let stopping = false
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) {
    logger.warn({ signal }, 'second signal while shutting down; exiting now')
    process.exit(1)
  }
  stopping = true
  logger.info({ signal }, 'shutting down')
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed')
      process.exit(1)
    },
  )
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

// Announce only once the signal handlers are in place: whoever waits for this line (a supervisor,
// a test) may send SIGTERM at once, and it must get a graceful shutdown, not the default kill.
logger.info({ port: server.port, host: config.host }, 'listening')
// One write, so that whoever waits for the first line (a test, a supervisor) has the setup link with it.
const setupLine =
  server.setupUrl === null
    ? ''
    : `First start: create the first facilitator at ${server.setupUrl} (valid 24 hours, once)\n`
process.stdout.write(`Samskap is running at ${server.url}\n${setupLine}`)
