import { mkdirSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import express, { type Express } from 'express'
import type { Config } from './config.ts'
import { createLogger, type Logger } from './logger.ts'
import type { AwarenessLimits } from './relay/awarenessUpdate.ts'
import { Relay, type RelayTimings } from './relay/relay.ts'
import type { RoomRegistry } from './relay/roomRegistry.ts'
import { assetsRouter } from './routes/assets.ts'
import { challengesRouter } from './routes/challenges.ts'
import { clientAppRouter } from './routes/clientApp.ts'
import { clientConfigRouter } from './routes/clientConfig.ts'
import { errorHandler, notFoundHandler } from './routes/errorHandler.ts'
import { healthRouter } from './routes/health.ts'
import { municipalitiesRouter } from './routes/municipalities.ts'
import { openApiRouter } from './routes/openapi.ts'
import { securityHeaders } from './routes/securityHeaders.ts'
import { tldrawAssetsRouter } from './routes/tldrawAssets.ts'
import { seedGnistIfEmpty } from './seed/gnistSeed.ts'
import type { BoardStore } from './store/BoardStore.ts'
import type { DomainStore } from './store/DomainStore.ts'
import { openSqliteStores } from './store/sqliteStores.ts'

export interface AppDeps {
  config: Config
  store: BoardStore
  domain: DomainStore
  logger: Logger
  /** False while the relay's commits fail; /readyz reports it. */
  isCommitting: () => boolean
}

/** The HTTP side (everything but the board sockets) as an Express app, without listen(). */
export function createApp({ config, store, domain, logger, isCommitting }: AppDeps): Express {
  const app = express()
  app.disable('x-powered-by')
  app.use(securityHeaders())
  app.use(healthRouter({ store, isCommitting }))
  // Uploads take a raw body, so their router comes before the JSON parser.
  app.use('/api', assetsRouter({ store, maxAssetBytes: config.maxAssetBytes, allowedOrigins: config.allowedOrigins }))
  app.use('/api', express.json({ limit: '100kb' }))
  app.use('/api', clientConfigRouter(config))
  app.use('/api', municipalitiesRouter(domain))
  app.use('/api', challengesRouter(domain))
  app.use('/api', openApiRouter())
  app.use('/api', notFoundHandler)
  app.use('/tldraw-assets', tldrawAssetsRouter())
  app.use(clientAppRouter(config.clientDistDir))
  app.use(notFoundHandler)
  app.use(errorHandler(logger))
  return app
}

export interface StartOptions {
  /** Use this store instead of opening the SQLite file in DATA_DIR (the caller then closes it); give `domain` with it. */
  store?: BoardStore
  /** The domain store on the same database as `store` (the caller closes it). */
  domain?: DomainStore
  logger?: Logger
  timings?: Partial<RelayTimings>
  awarenessLimits?: Partial<AwarenessLimits>
}

export interface RunningServer {
  port: number
  /** Where a browser on this machine opens the app, e.g. http://localhost:8080. */
  url: string
  httpServer: http.Server
  relay: Relay
  rooms: RoomRegistry
  store: BoardStore
  domain: DomainStore
  /** Graceful: stop accepting, commit everything pending, close sockets with 1012, close the store if we opened it. */
  close(): Promise<void>
}

/** The name of the SQLite file inside DATA_DIR. */
export const databaseFileName = 'samskap.sqlite'

/**
 * Starts HTTP and the board relay on one port.
 *
 * @example const server = await startServer(loadConfig(process.env)); console.log(server.url)
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel)
  const ownsStore = options.store === undefined
  const { boards: store, domain } = givenOrDefaultStores(config, options)
  const closeOwnStores = async (): Promise<void> => {
    if (ownsStore) await Promise.all([store.close(), domain.close()])
  }
  try {
    if (await seedGnistIfEmpty(domain)) logger.info('seeded the Gnist 2021–22 municipalities and challenges')
  } catch (error) {
    await closeOwnStores()
    throw error
  }
  const relay = new Relay({ config, store, logger, timings: options.timings, awarenessLimits: options.awarenessLimits })
  const app = createApp({ config, store, domain, logger, isCommitting: () => relay.committing })
  const httpServer = http.createServer(app)
  httpServer.on('upgrade', relay.handleUpgrade)
  try {
    await listen(httpServer, config.port, config.host)
  } catch (error) {
    await relay.close()
    await closeOwnStores()
    throw error
  }
  const port = (httpServer.address() as AddressInfo).port
  let closing: Promise<void> | null = null
  const close = async (): Promise<void> => {
    const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()))
    httpServer.closeIdleConnections()
    await relay.close()
    httpServer.closeAllConnections()
    await stopped
    await closeOwnStores()
  }
  return {
    port,
    url: `http://${browsableHost(config.host)}:${port}`,
    httpServer,
    relay,
    rooms: relay.rooms,
    store,
    domain,
    close: () => (closing ??= close()),
  }
}

function givenOrDefaultStores(config: Config, options: StartOptions): { boards: BoardStore; domain: DomainStore } {
  if (options.store === undefined && options.domain === undefined) {
    mkdirSync(config.dataDir, { recursive: true })
    return openSqliteStores({
      file: path.join(config.dataDir, databaseFileName),
      retention: { keepLast: config.snapshotKeepLast, keepDaily: config.snapshotKeepDaily },
    })
  }
  if (options.store === undefined || options.domain === undefined) {
    throw new Error('startServer takes a board store and a domain store together (on one database), or neither.')
  }
  return { boards: options.store, domain: options.domain }
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error)
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve()
    })
  })
}

/** A wildcard listen address is not something to type into a browser: show localhost instead. */
function browsableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost'
  return host.includes(':') ? `[${host}]` : host
}
