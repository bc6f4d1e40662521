import type { BoardStore } from './BoardStore.ts'
import type { DomainStore } from './DomainStore.ts'
import {
  createSqliteBoardStore,
  openSharedSqliteConnection,
  type SqliteBoardStoreOptions,
} from './sqliteBoardStore.ts'
import { createSqliteDomainStore } from './sqliteDomainStore.ts'
import { validateSnapshotRetention } from './snapshotRetention.ts'

export interface SqliteStores {
  boards: BoardStore
  domain: DomainStore
}

/**
 * Opens the database file once and puts both stores on that one connection, so
 * a domain transaction (deleting a workshop) also covers the boards' rows. The
 * file closes when both stores have closed.
 *
 * @example const { boards, domain } = openSqliteStores({ file: 'data/samskap.sqlite', retention: { keepLast: 10, keepDaily: 30 } })
 */
export function openSqliteStores(options: SqliteBoardStoreOptions): SqliteStores {
  validateSnapshotRetention(options.retention)
  const connection = openSharedSqliteConnection(options)
  const boards = createSqliteBoardStore(connection, options)
  try {
    return { boards, domain: createSqliteDomainStore(connection, { now: options.now }) }
  } catch (error) {
    // Closing the board store releases the connection, so the file is not left open.
    void boards.close()
    throw error
  }
}
