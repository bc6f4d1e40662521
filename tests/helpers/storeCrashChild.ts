/**
 * Child process of the store crash test: opens the store on argv[2] and appends
 * updates in random batches (compacting now and then) until it is killed,
 * printing `<boardId> <seq>` for every update only after appendUpdates resolved.
 * Run: node tests/helpers/storeCrashChild.ts <file>
 */
import { openSqliteBoardStore } from '../../server/src/store/sqliteBoardStore.ts'
import { crashBoards, encodeCrashSnapshot, encodeCrashUpdate, crashEntry, readCrashEntries } from './storeCrashLog.ts'

const file = process.argv[2]
if (file === undefined) throw new Error('usage: storeCrashChild.ts <database file>')

const store = openSqliteBoardStore({ file, retention: { keepLast: 2, keepDaily: 1 } })
const entries = new Map<string, string[]>()
for (const boardId of crashBoards) entries.set(boardId, readCrashEntries(await store.loadBoard(boardId)))

function entriesOf(boardId: string): string[] {
  const list = entries.get(boardId)
  if (list === undefined) throw new Error(`unknown board ${boardId}`)
  return list
}

for (;;) {
  const size = 1 + Math.floor(Math.random() * 20)
  const expected = new Map(crashBoards.map((boardId) => [boardId, entriesOf(boardId).length]))
  const batch = Array.from({ length: size }, () => {
    const boardId = crashBoards[Math.floor(Math.random() * crashBoards.length)] ?? crashBoards[0]
    const seq = (expected.get(boardId) ?? 0) + 1
    expected.set(boardId, seq)
    return { boardId, seq, update: encodeCrashUpdate(boardId, seq) }
  })
  const seqs = await store.appendUpdates(batch)
  batch.forEach(({ boardId, seq }, index) => {
    if (seqs[index] !== seq) throw new Error(`expected seq ${seq} for ${boardId}, the store gave ${seqs[index]}`)
    entriesOf(boardId).push(crashEntry(boardId, seq))
  })
  process.stdout.write(batch.map(({ boardId, seq }) => `${boardId} ${seq}\n`).join(''))
  if (Math.random() < 0.1) {
    const boardId = crashBoards[Math.floor(Math.random() * crashBoards.length)] ?? crashBoards[0]
    const covered = entriesOf(boardId)
    await store.writeSnapshot(boardId, encodeCrashSnapshot(covered), covered.length)
  }
}
