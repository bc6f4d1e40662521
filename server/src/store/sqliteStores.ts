import { createSqliteAccessStore } from './sqliteAccessStore.ts'
import { createSqliteAuditStore } from './sqliteAuditStore.ts'
import { SqliteCommitThread } from './sqliteCommitThread.ts'
import { createSqliteMaintenance } from './sqliteMaintenance.ts'
import {
  createSqliteBoardStore,
  openSharedSqliteConnection,
  type SqliteBoardStoreOptions,
} from './sqliteBoardStore.ts'
import { createSqliteDescriptionStore } from './sqliteDescriptionStore.ts'
import { createSqliteDomainStore } from './sqliteDomainStore.ts'
import { createSqliteFacilitationStore } from './sqliteFacilitationStore.ts'
import { validateSnapshotRetention } from './snapshotRetention.ts'
import { closeStores, type Stores } from './stores.ts'

/** The stores on one SQLite file (the embedded default). */
export type SqliteStores = Stores

/**
 * Opens the database file once and puts the stores on that one connection,
 * so a domain transaction (deleting a workshop) also covers the boards' rows
 * and the workshop's sessions and links. The file closes when all the stores
 * have closed.
 *
 * @example const { boards, domain, access } = openSqliteStores({ file: 'data/samskap.sqlite', retention: { keepLast: 10, keepDaily: 30 } })
 */
export function openSqliteStores(options: SqliteBoardStoreOptions): SqliteStores {
  validateSnapshotRetention(options.retention)
  const connection = openSharedSqliteConnection(options)
  const opened: { close(): Promise<void> }[] = []
  try {
    const commits = new SqliteCommitThread({ file: connection.file, busyTimeoutMs: connection.busyTimeoutMs })
    opened.push(commits)
    const boards = createSqliteBoardStore(connection, options, commits)
    opened.push(boards)
    // The scrub runs in the board store's commit thread, in turn with its commits.
    const maintenance = createSqliteMaintenance(connection, commits)
    opened.push(maintenance)
    const domain = createSqliteDomainStore(connection, { now: options.now })
    opened.push(domain)
    const access = createSqliteAccessStore(connection)
    opened.push(access)
    const descriptions = createSqliteDescriptionStore(connection)
    opened.push(descriptions)
    const facilitation = createSqliteFacilitationStore(connection, { now: options.now })
    opened.push(facilitation)
    const audit = createSqliteAuditStore(connection)
    return { boards, domain, access, descriptions, facilitation, audit, maintenance }
  } catch (error) {
    // Closing the stores opened so far releases the connection, so the file is not left open.
    for (const store of opened) void store.close()
    throw error
  }
}

/** Closes all the stores (the connection closes with the last). */
export function closeSqliteStores(stores: SqliteStores): Promise<void> {
  return closeStores(stores)
}
