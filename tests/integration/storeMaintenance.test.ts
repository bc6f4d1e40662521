// The stores' maintenance (server/src/store/StoreMaintenance.ts) on SQLite and Postgres, with rule ids:
// [M1] a scrub takes its turn with the boards' commits: commits made while it runs are all stored;
// [M2] two instances on one database scrubbing at once both finish (they take turns);
// [M3] a closed maintenance refuses to scrub.
// That a scrub leaves deleted names in none of the database's files is tested in deletedUnreadable.test.ts.
import { afterEach, describe, expect, it } from 'vitest'
import { openPostgresStores } from '../../server/src/store/postgresStores.ts'
import { openSqliteStores } from '../../server/src/store/sqliteStores.ts'
import { closeStores, type Stores } from '../../server/src/store/stores.ts'
import { storeBackends } from '../helpers/storeBackends.ts'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

const retention = { keepLast: 2, keepDaily: 1 }

describe.each(storeBackends)('store maintenance on $name', (backend) => {
  async function opened() {
    const stores = await backend.open()
    cleanups.push(() => stores.cleanup())
    return stores
  }

  /** A second instance's stores on the same database (the same file, or the same Postgres database). */
  async function secondInstance(storage: { file: string } | { url: string }): Promise<Stores> {
    const stores = 'file' in storage ? openSqliteStores({ file: storage.file, retention }) : await openPostgresStores({ url: storage.url, retention, poolSize: 2 })
    cleanups.push(() => closeStores(stores))
    return stores
  }

  it('[M1] stores every commit made while a scrub runs', async () => {
    const { stores } = await opened()
    await stores.boards.appendUpdates([{ boardId: 'maintenance-board', update: new Uint8Array([1]) }])
    const scrubbing = stores.maintenance.scrubDeleted()
    const commits = Array.from({ length: 20 }, (_, index) =>
      stores.boards.appendUpdates([{ boardId: 'maintenance-board', update: new Uint8Array([2, index]) }]),
    )
    await Promise.all([scrubbing, ...commits])
    const board = await stores.boards.loadBoard('maintenance-board')
    expect(board.lastSeq).toBe(21)
    expect(board.updates).toHaveLength(21)
  })

  it('[M2] lets two instances on one database scrub at once, each to the end', async () => {
    const first = await opened()
    const second = await secondInstance(first.storage)
    await first.stores.boards.appendUpdates([{ boardId: 'maintenance-board', update: new Uint8Array([1]) }])
    await Promise.all([
      first.stores.maintenance.scrubDeleted(),
      second.maintenance.scrubDeleted(),
      first.stores.maintenance.scrubDeleted(),
      second.maintenance.scrubDeleted(),
    ])
    expect((await second.boards.loadBoard('maintenance-board')).lastSeq).toBe(1)
  })

  it('[M3] refuses to scrub once closed', async () => {
    const { stores } = await opened()
    await stores.maintenance.close()
    await expect(stores.maintenance.scrubDeleted()).rejects.toThrow(/closed/)
  })
})
