import { DatabaseSync } from 'node:sqlite'
import { parentPort, workerData } from 'node:worker_threads'
import { appendToLog, prepareAppendStatements } from './sqliteAppend.ts'
import type { CommitReply, CommitRequest, CommitWorkerData } from './sqliteCommitThread.ts'

// The thread the SQLite board store commits in: its own connection to the file, so that a
// commit's fsync blocks this thread and not the relay's event loop. Requests come one at a time.

const { file, busyTimeoutMs } = workerData as CommitWorkerData
const db = new DatabaseSync(file, { enableForeignKeyConstraints: true })
db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`)
// Per connection: a commit is on disk when it returns (the file is in WAL mode already).
db.exec('PRAGMA synchronous = FULL')
const sql = prepareAppendStatements(db)

parentPort?.on('message', (request: CommitRequest) => {
  let reply: CommitReply
  try {
    reply = { id: request.id, seqs: appendToLog(db, sql, request.batch, request.claims, request.createdAt) }
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) }
  }
  parentPort?.postMessage(reply)
})
