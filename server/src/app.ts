import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express, { type Express } from 'express'
import { AuditLog } from './audit/auditLog.ts'
import { startAuditRetention, type AuditRetention } from './audit/auditRetention.ts'
import { createSetupLinkIfNeeded } from './auth/accountLinks.ts'
import { createJoinCodeThrottle, type JoinCodeThrottle } from './auth/joinCodeThrottle.ts'
import type { AuthDeps } from './auth/authDeps.ts'
import { createSignInThrottle, type SignInThrottle } from './auth/signInThrottle.ts'
import { startExpirySweep, type ExpirySweep } from './auth/expirySweep.ts'
import { createBoardAccessPolicy } from './auth/boardAccessPolicy.ts'
import { originGuard } from './auth/originGuard.ts'
import { accessMiddleware } from './auth/requestAccess.ts'
import { openClusterServices, type ClusterServices } from './cluster/clusterServices.ts'
import { resolvePublicUrl, type Config } from './config.ts'
import { createLogger, type Logger } from './logger.ts'
import type { LiveBoards } from './board/liveBoards.ts'
import type { LiveSessions } from './relay/boardAccess.ts'
import type { AwarenessLimits } from './relay/awarenessUpdate.ts'
import { Relay } from './relay/relay.ts'
import type { RelayTimings } from './relay/relayTimings.ts'
import type { RoomRegistry } from './relay/roomRegistry.ts'
import { assetsRouter } from './routes/assets.ts'
import { auditRouter } from './routes/audit.ts'
import { boardContextRouter } from './routes/boardContext.ts'
import { boardHistoryRouter } from './routes/boardHistory.ts'
import { participantsRouter } from './routes/participants.ts'
import { participantDataRouter } from './routes/participantData.ts'
import { authRouter } from './routes/auth.ts'
import { challengesRouter } from './routes/challenges.ts'
import { clientAppRouter } from './routes/clientApp.ts'
import { clientConfigRouter } from './routes/clientConfig.ts'
import { descriptionsRouter, draftEditBodyParser } from './routes/descriptions.ts'
import { errorHandler, notFoundHandler } from './routes/errorHandler.ts'
import { exportsRouter } from './routes/exports.ts'
import { facilitationRouter } from './routes/facilitation.ts'
import { healthRouter } from './routes/health.ts'
import { invitationsRouter } from './routes/invitations.ts'
import { facilitatorAccountsRouter } from './routes/facilitatorAccounts.ts'
import { passwordChangesRouter } from './routes/passwordChanges.ts'
import { joinRouter, type JoinDeps } from './routes/join.ts'
import { municipalitiesRouter } from './routes/municipalities.ts'
import { openApiRouter } from './routes/openapi.ts'
import { privateBoardsRouter } from './routes/privateBoards.ts'
import { processingRecordsRouter } from './routes/processingRecords.ts'
import { publicPagesRouter } from './routes/publicPages.ts'
import { publishedDescriptionsRouter } from './routes/publishedDescriptions.ts'
import { securityHeaders } from './routes/securityHeaders.ts'
import { sessionRouter } from './routes/session.ts'
import { stepsRouter } from './routes/steps.ts'
import { templatesRouter } from './routes/templates.ts'
import { tldrawAssetsRouter } from './routes/tldrawAssets.ts'
import { workshopsRouter } from './routes/workshops.ts'
import { seedGnistIfEmpty } from './seed/gnistSeed.ts'
import type { AccessStore } from './store/AccessStore.ts'
import type { AuditStore } from './store/AuditStore.ts'
import type { BoardStore } from './store/BoardStore.ts'
import type { DescriptionStore } from './store/DescriptionStore.ts'
import type { DomainStore } from './store/DomainStore.ts'
import type { FacilitationStore } from './store/FacilitationStore.ts'
import type { StoreMaintenance } from './store/StoreMaintenance.ts'
import { FacilitationHub } from './workshop/facilitationHub.ts'
import { startRetentionSweep, type RetentionSweep } from './workshop/retentionSweep.ts'
import { deleteWorkshopWithBoards } from './workshop/workshopDeletion.ts'
import { StepHolds } from './workshop/stepHolds.ts'
import { openConfiguredStores } from './store/openStores.ts'
import { closeStores, type Stores } from './store/stores.ts'

export interface AppDeps {
  /** With `publicUrl` resolved (startServer puts in the real port when it was 0). */
  config: Config
  store: BoardStore
  domain: DomainStore
  access: AccessStore
  /** Challenge description drafts and published versions, on the same database. */
  descriptions: DescriptionStore
  /** The relay's side of sessions: end a session's sockets, who is online. */
  live: LiveSessions
  /** The relay's side of boards: changes the server makes for facilitators (modes, restores). */
  boards: LiveBoards
  /** Workshops' room state as facilitators lead it, and the streams that follow it. */
  facilitation: FacilitationHub
  /** The audit log of facilitators' actions, which the routes write once an action succeeded. */
  audit: AuditLog
  /** Makes deleted personal data unreadable in the database's files. */
  maintenance: StoreMaintenance
  logger: Logger
  /** False while the relay's commits fail; /readyz reports it. */
  isCommitting: () => boolean
  /** The clock for sessions and one-time links; Date.now by default. */
  now?: () => number
  /** Sign-in throttling; in memory by default. */
  loginThrottle?: SignInThrottle
  /** Join-code throttling; in memory by default. */
  joinThrottle?: JoinCodeThrottle
}

/** The HTTP side (everything but the board sockets) as an Express app, without listen(). */
export function createApp(deps: AppDeps): Express {
  const { config, store, domain, access, logger, isCommitting } = deps
  const auth: AuthDeps = {
    access,
    config,
    now: deps.now ?? (() => Date.now()),
    live: deps.live,
    loginThrottle: deps.loginThrottle ?? createSignInThrottle(),
    logger,
  }
  const app = express()
  app.disable('x-powered-by')
  // Only when configured: believing X-Forwarded-For from anyone would let a client pick the address it is throttled by.
  if (config.trustProxy !== false) app.set('trust proxy', config.trustProxy)
  app.use(securityHeaders(config.embedHosts))
  app.use(healthRouter({ store, isCommitting }))
  app.use('/api', originGuard(config))
  app.use('/api', accessMiddleware(auth))
  // Uploads take a raw body, so their router comes before the JSON parser.
  const boardAccess = createBoardAccessPolicy({ access, domain, config, now: auth.now })
  app.use('/api', assetsRouter({ store, maxAssetBytes: config.maxAssetBytes, allowedOrigins: config.allowedOrigins, boardAccess }))
  app.use('/api', draftEditBodyParser())
  app.use('/api', express.json({ limit: '100kb' }))
  app.use('/api', clientConfigRouter(config))
  app.use('/api', sessionRouter(auth))
  app.use('/api', authRouter(auth))
  app.use('/api', invitationsRouter({ ...auth, audit: deps.audit }))
  app.use('/api', facilitatorAccountsRouter({ ...auth, audit: deps.audit }))
  app.use('/api', passwordChangesRouter({ ...auth, audit: deps.audit }))
  app.use('/api', municipalitiesRouter(domain, deps.audit))
  app.use('/api', challengesRouter(domain, deps.audit))
  const workshopApi: JoinDeps = {
    ...{ domain, boards: store, access, live: deps.live, config, now: auth.now, audit: deps.audit, maintenance: deps.maintenance },
    joinThrottle: deps.joinThrottle ?? createJoinCodeThrottle(),
  }
  app.use('/api', workshopsRouter(workshopApi))
  app.use('/api', stepsRouter(workshopApi))
  app.use('/api', privateBoardsRouter(workshopApi))
  app.use('/api', joinRouter(workshopApi))
  app.use('/api', facilitationRouter({ ...workshopApi, facilitation: deps.facilitation }))
  app.use('/api', boardContextRouter(domain))
  const boardApi = { store, domain, access, live: deps.live, boards: deps.boards, now: auth.now, audit: deps.audit }
  app.use('/api', boardHistoryRouter(boardApi))
  app.use('/api', participantsRouter(boardApi))
  const hub = deps.facilitation
  const participantData = {
    ...{ descriptions: deps.descriptions, facilitation: hub, roomState: (workshopId: string) => hub.stored(workshopId) },
    scrubDeleted: () => deps.maintenance.scrubDeleted(),
  }
  app.use('/api', participantDataRouter({ ...boardApi, ...participantData }))
  const descriptionApi = { domain, boards: store, descriptions: deps.descriptions, now: auth.now, audit: deps.audit }
  app.use('/api', descriptionsRouter(descriptionApi))
  app.use('/api', publishedDescriptionsRouter(descriptionApi))
  app.use('/api', exportsRouter({ ...descriptionApi, publicUrl: config.publicUrl }))
  app.use('/api', auditRouter({ audit: deps.audit, domain, access, retentionDays: config.auditRetentionDays }))
  app.use('/api', templatesRouter())
  app.use('/api', openApiRouter())
  app.use('/api', notFoundHandler)
  app.use('/tldraw-assets', tldrawAssetsRouter())
  app.use(publicPagesRouter(deps.descriptions))
  app.use(processingRecordsRouter(config))
  app.use(clientAppRouter(config.clientDistDir))
  app.use(notFoundHandler)
  app.use(errorHandler(logger))
  return app
}

export interface StartOptions {
  /**
   * Use this store instead of opening the SQLite file in DATA_DIR (the caller
   * then closes it); give `domain` and `access` with it.
   */
  store?: BoardStore
  /** The domain store on the same database as `store` (the caller closes it). */
  domain?: DomainStore
  /** The access store on the same database as `store` (the caller closes it). */
  access?: AccessStore
  /** The description store on the same database as `store` (the caller closes it). */
  descriptions?: DescriptionStore
  /** The facilitation store on the same database as `store` (the caller closes it). */
  facilitation?: FacilitationStore
  /** The audit store on the same database as `store` (the caller closes it). */
  audit?: AuditStore
  /** The maintenance of the same database as `store` (the caller closes it). */
  maintenance?: StoreMaintenance
  logger?: Logger
  /** The clock for sessions and one-time links; tests move it instead of waiting. */
  now?: () => number
  timings?: Partial<RelayTimings>
  awarenessLimits?: Partial<AwarenessLimits>
  /** How often expired sessions and spent account tokens are deleted (hourly by default). */
  expirySweepMs?: number
  /** How often closed workshops whose retention ended are deleted (hourly by default). */
  retentionSweepMs?: number
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
  access: AccessStore
  descriptions: DescriptionStore
  facilitation: FacilitationStore
  audit: AuditStore
  /** The address links are built on (PUBLIC_URL, or `url` when it was left to default with port 0). */
  publicUrl: string
  /** The one-time setup link printed at start while no facilitator exists; null once one does. */
  setupUrl: string | null
  /** Deletes closed workshops whose retention ended (on its own every `retentionSweepMs`; `sweep()` for now). */
  retentionSweep: RetentionSweep
  /** Graceful: stop accepting, commit everything pending, close sockets with 1012, close the store if we opened it. */
  close(): Promise<void>
}

export { databaseFileName } from './store/openStores.ts'

/**
 * Starts HTTP and the board relay on one port.
 *
 * @example const server = await startServer(loadConfig(process.env)); console.log(server.url)
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel)
  const now = options.now ?? (() => Date.now())
  const ownsStore = options.store === undefined
  const stores = await givenOrConfiguredStores(config, options)
  const { boards: store, domain, access, descriptions, facilitation, audit, maintenance } = stores
  let cluster: ClusterServices | null = null
  const closeOwnStores = async (): Promise<void> => {
    await cluster?.close()
    if (ownsStore) await closeStores(stores)
  }
  let expirySweep: ExpirySweep
  let auditRetention: AuditRetention | null = null
  try {
    // Nothing is accepted before a board update could be stored: a store that cannot write stops
    // the start with its reason (and SQLite's commit thread is up before the first person edits).
    await store.checkWritable()
    cluster = await openClusterServices(config, logger)
    const { lease } = cluster
    // Instances starting together on one database seed it once: the others find it seeded, or skip.
    await lease.run('seed', async () => {
      if (await seedGnistIfEmpty(domain)) logger.info('seeded the Gnist 2021–22 municipalities and challenges')
    })
    auditRetention = await startAuditRetention({ store: audit, now, logger, retentionDays: config.auditRetentionDays })
    expirySweep = await startExpirySweep({ access, now, logger, intervalMs: options.expirySweepMs })
  } catch (error) {
    auditRetention?.stop()
    await closeOwnStores()
    throw error
  }
  const boardAccess = createBoardAccessPolicy({ access, domain, config, now })
  const { bus, lease, online, loginThrottle, joinThrottle } = cluster
  // The app and the relay are attached once listening, because links and the board's own
  // origin need the public URL, and with PORT 0 that is only known then. Nothing can arrive
  // before: connections are read on a later turn of the event loop.
  const httpServer = http.createServer()
  let relay: Relay | null = null
  let hub: FacilitationHub | null = null
  let retentionSweep: RetentionSweep | null = null
  let setupUrl: string | null
  let url: string
  let publicUrl: string
  try {
    await listen(httpServer, config.port, config.host)
    url = `http://${browsableHost(config.host)}:${(httpServer.address() as AddressInfo).port}`
    publicUrl = resolvePublicUrl(config, url)
    const appConfig: Config = { ...config, publicUrl }
    const holds = new StepHolds(facilitation, domain)
    relay = new Relay({
      config: appConfig,
      store,
      access: boardAccess,
      logger,
      timings: options.timings,
      awarenessLimits: options.awarenessLimits,
      now,
      bus,
      lease,
      online,
      holds,
    })
    const boards = relay
    httpServer.on('upgrade', boards.handleUpgrade)
    const isCommitting = (): boolean => boards.committing
    const facilitationHub = new FacilitationHub({ store: facilitation, domain, access, bus, boards, holds, logger, now })
    hub = facilitationHub
    // A session that ends loses its workshop's event streams with its board sockets.
    const live: LiveSessions = {
      endSockets: (filter, closeCode) => boards.endSockets(filter, closeCode) + facilitationHub.endStreams(filter),
      retireBoards: (boardIds, deleteRows) => boards.retireBoards(boardIds, deleteRows),
      onlinePeople: (workshopId) => boards.onlinePeople(workshopId),
    }
    httpServer.on(
      'request',
      createApp({
        ...{ config: appConfig, store, domain, access, descriptions, live, boards, facilitation: facilitationHub, logger, now, isCommitting },
        audit: new AuditLog({ store: audit, now, logger }),
        maintenance,
        ...{ loginThrottle, joinThrottle },
      }),
    )
    setupUrl = await createSetupLinkIfNeeded({ access, config: appConfig, now })
    retentionSweep = await startRetentionSweep({
      ...{ domain, lease, config, now, logger, intervalMs: options.retentionSweepMs },
      deleteWorkshop: (workshopId) => deleteWorkshopWithBoards({ domain, live, maintenance }, workshopId),
    })
  } catch (error) {
    await retentionSweep?.stop()
    expirySweep.stop()
    auditRetention?.stop()
    hub?.close()
    if (httpServer.listening) httpServer.close()
    await relay?.close()
    await closeOwnStores()
    throw error
  }
  const running = relay
  const runningHub = hub as FacilitationHub
  if (setupUrl !== null) logger.info('no facilitator account yet: a one-time setup link was made (printed at start)')
  const port = (httpServer.address() as AddressInfo).port
  let closing: Promise<void> | null = null
  const runningSweep = retentionSweep as RetentionSweep
  const close = async (): Promise<void> => {
    await runningSweep.stop()
    expirySweep.stop()
    auditRetention?.stop()
    runningHub.close()
    const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()))
    httpServer.closeIdleConnections()
    await running.close()
    httpServer.closeAllConnections()
    await stopped
    await closeOwnStores()
  }
  return {
    port,
    url,
    httpServer,
    relay: running,
    rooms: running.rooms,
    store,
    domain,
    access,
    descriptions,
    facilitation,
    audit,
    publicUrl,
    setupUrl,
    retentionSweep: runningSweep,
    close: () => (closing ??= close()),
  }
}

async function givenOrConfiguredStores(config: Config, options: StartOptions): Promise<Stores> {
  const { store, domain, access, descriptions, facilitation, audit, maintenance } = options
  const given = [store, domain, access, descriptions, facilitation, audit, maintenance]
  if (given.every((one) => one === undefined)) return openConfiguredStores(config)
  if (store === undefined || domain === undefined || access === undefined || descriptions === undefined || facilitation === undefined || audit === undefined || maintenance === undefined) {
    throw new Error('startServer takes the board, domain, access, description, facilitation and audit stores and the maintenance together (on one database), or none.')
  }
  return { boards: store, domain, access, descriptions, facilitation, audit, maintenance }
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
