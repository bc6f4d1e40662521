import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SnapshotRetention } from '../../server/src/store/BoardStore.ts'
import { openPostgresStores } from '../../server/src/store/postgresStores.ts'
import { openSqliteStores } from '../../server/src/store/sqliteStores.ts'
import { closeStores, type Stores } from '../../server/src/store/stores.ts'
import { freshPostgresDatabase } from './postgres.ts'

/** What a contract suite controls in the stores it opens. */
export interface StoreBackendOptions {
  retention?: SnapshotRetention
  now?: () => number
}

export interface OpenedStores {
  stores: Stores
  /** Where the data is (the SQLite file, the Postgres database), for a test that reads or spoils rows beside the stores. */
  storage: { file: string } | { url: string }
  /** Closes the stores and opens the same storage (file, database) again. */
  reopen(): Promise<Stores>
  /** Closes whatever is open and removes the storage. */
  cleanup(): Promise<void>
}

/** One storage engine the stores run on; every contract suite runs against each (`describe.each(storeBackends)`). */
export interface StoreBackend {
  name: 'SQLite' | 'Postgres'
  open(options?: StoreBackendOptions): Promise<OpenedStores>
}

const defaultRetention: SnapshotRetention = { keepLast: 2, keepDaily: 1 }

export const sqliteBackend: StoreBackend = {
  name: 'SQLite',
  async open(options = {}) {
    const dir = await mkdtemp(join(tmpdir(), 'samskap-stores-'))
    const file = join(dir, 'samskap.sqlite')
    const openHere = () => openSqliteStores({ file, retention: options.retention ?? defaultRetention, now: options.now })
    let stores = openHere()
    return {
      storage: { file },
      get stores() {
        return stores
      },
      async reopen() {
        await closeStores(stores)
        stores = openHere()
        return stores
      },
      async cleanup() {
        await closeStores(stores)
        await rm(dir, { recursive: true, force: true })
      },
    }
  },
}

export const postgresBackend: StoreBackend = {
  name: 'Postgres',
  async open(options = {}) {
    const database = await freshPostgresDatabase()
    const openHere = () =>
      openPostgresStores({ url: database.url, retention: options.retention ?? defaultRetention, now: options.now, poolSize: 4 })
    let stores = await openHere()
    return {
      storage: { url: database.url },
      get stores() {
        return stores
      },
      async reopen() {
        await closeStores(stores)
        stores = await openHere()
        return stores
      },
      async cleanup() {
        await closeStores(stores)
        await database.drop()
      },
    }
  },
}

export const storeBackends: readonly StoreBackend[] = [sqliteBackend, postgresBackend]
