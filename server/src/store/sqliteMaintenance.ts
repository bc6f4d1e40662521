import type { DatabaseSync } from 'node:sqlite'
import type { SqliteCommitThread } from './sqliteCommitThread.ts'
import { attachStore, type SharedSqliteConnection } from './sqliteDatabase.ts'
import { storageFailed } from './storeErrors.ts'
import { integerOf } from './storeRows.ts'
import { oneScrubAtATime, type StoreMaintenance } from './StoreMaintenance.ts'

/**
 * How long a checkpoint that found the log in use is tried again, with a short pause between tries:
 * another connection's read or VACUUM (a second process on the same file) can hold the log for a
 * while, and the checkpoint does not always wait for it.
 */
const checkpointPatienceMs = 10_000
const checkpointPauseMs = 20

/**
 * SQLite's scrub, run in the commit thread (sqliteCommitWorker.ts): in the thread that makes the
 * board's commits, so that it takes its turn with them instead of failing them on the file's
 * lock, and off the relay's event loop, which a VACUUM of a large file (about 1.3 s for 200 MB
 * here) would otherwise stop. Edits made meanwhile wait in memory and are acknowledged after it;
 * the main connection's writes (joining, signing in) wait for the lock up to its busy timeout.
 */
export function createSqliteMaintenance(connection: SharedSqliteConnection, commits: SqliteCommitThread): StoreMaintenance {
  const { operation, close } = attachStore(connection, 'maintenance')
  const scrub = oneScrubAtATime(async () => {
    await operation('scrub deleted data', () => undefined)
    await commits.scrubDeleted().catch((error: unknown) => {
      throw storageFailed('scrub deleted data from the database file', error)
    })
  })
  return { scrubDeleted: scrub, close }
}

/**
 * Makes deleted rows unreadable in the file, on a connection with secure_delete on (deleted
 * content is zeroed as it is deleted, so the newest page images hold none of it): VACUUM rebuilds
 * the file without its free pages (which hold what was deleted before secure_delete was on), and
 * a TRUNCATE checkpoint copies the newest pages into the file and cuts the write-ahead log to
 * nothing, so the older images of those pages, with the deleted rows in them, are gone from the
 * -wal file too. The -shm file holds only the log's index (page numbers), no content.
 */
export function scrubSqliteFile(db: DatabaseSync): void {
  let vacuumFailed: unknown = null
  try {
    db.exec('VACUUM')
  } catch (error) {
    // Out of disk (VACUUM needs room for a copy of the file): the pages are zeroed all the same,
    // so the checkpoint below still takes the old images out of the log.
    vacuumFailed = error
  }
  checkpointAndTruncate(db)
  if (vacuumFailed !== null) throw vacuumFailed
}

function checkpointAndTruncate(db: DatabaseSync): void {
  const checkpoint = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)')
  const giveUpAt = Date.now() + checkpointPatienceMs
  // This runs in the commit thread, which has nothing else to do until the scrub is over: a
  // blocking pause between tries costs nobody's event loop.
  const pause = new Int32Array(new SharedArrayBuffer(4))
  for (;;) {
    // busy = 1: a reader or writer on another connection kept it from finishing.
    if (integerOf(checkpoint.get(), 'busy') === 0) return
    if (Date.now() >= giveUpAt) {
      throw new Error(`The write-ahead log stayed in use for ${checkpointPatienceMs / 1000} s of checkpoints; it still holds deleted rows.`)
    }
    Atomics.wait(pause, 0, 0, checkpointPauseMs)
  }
}
