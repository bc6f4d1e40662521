import { DatabaseSync } from 'node:sqlite'
import { parentPort, workerData } from 'node:worker_threads'
import { decodeBatch } from './sqliteBatchWire.ts'
import { BoardStoreError } from './storeErrors.ts'
import type { CommitWorkerData, WriteReply, WriteRequest } from './sqliteCommitThread.ts'
import { scrubSqliteFile } from './sqliteMaintenance.ts'
import { appendToLog, prepareWriteStatements, writeSnapshotTo } from './sqliteWrites.ts'

// The thread the SQLite board store writes in: its own connection to the file, so that a
// commit's fsync blocks this thread and not the relay's event loop. Requests come one at a time.

const { file, busyTimeoutMs } = workerData as CommitWorkerData
const db = new DatabaseSync(file, { enableForeignKeyConstraints: true })
db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`)
// Per connection: a commit is on disk when it returns (the file is in WAL mode already).
db.exec('PRAGMA synchronous = FULL')
// Per connection too: what this connection deletes (compaction's old log rows and snapshots) is zeroed.
db.exec('PRAGMA secure_delete = ON')
const sql = prepareWriteStatements(db)

function perform(request: WriteRequest): WriteReply {
  switch (request.kind) {
    case 'append': {
      const { batch, claims } = decodeBatch(request.batch)
      return { id: request.id, seqs: appendToLog(db, sql, batch, claims, request.createdAt) }
    }
    case 'snapshot':
      return { id: request.id, snapshot: writeSnapshotTo(db, sql, request.write) }
    case 'health':
      sql.touchHealth.run(request.now)
      return { id: request.id, healthy: true }
    case 'scrub':
      scrubSqliteFile(db)
      return { id: request.id, scrubbed: true }
  }
}

parentPort?.on('message', (request: WriteRequest) => {
  let reply: WriteReply
  try {
    reply = perform(request)
  } catch (error) {
    const code = error instanceof BoardStoreError ? error.code : null
    reply = { id: request.id, error: { code, message: error instanceof Error ? error.message : String(error) } }
  }
  parentPort?.postMessage(reply)
})
