/**
 * What a workshop costs in storage, now that every change stays restorable for the history
 * window (HISTORY_DAYS): a person in Chromium writes sticky notes (typed at a person's pace) and
 * drags each one, one pointer move per frame, on a board of a relay with the default settings.
 * The relay's log is read after each action (rows and bytes stored), and after the relay stops,
 * what the board's tables take on disk (SQLite's dbstat: pages, indexes and snapshots included).
 *
 * From those, the cost of an hour of a busy workshop, for a model stated in the report: so many
 * people, each writing so many notes and moving so many in the hour.
 */
import { randomBytes } from 'node:crypto'
import { DatabaseSync } from 'node:sqlite'
import type { Page } from 'playwright-core'
import * as Y from 'yjs'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { openSqliteBoardStore } from '../../server/src/store/sqliteBoardStore.ts'
import { ideas } from './boardSeed.ts'
import { rememberUser } from './browser/pageProbes.ts'
import { launchBenchChromium } from './lib/benchChromium.ts'
import { buildClientIfStale } from './lib/builds.ts'
import type { ChildProcesses } from './lib/childProcesses.ts'
import { findDatabaseFile, startRelay } from './lib/servers.ts'

export interface WorkshopModel {
  people: number
  /** Notes each person writes in the hour. */
  notesPerPerson: number
  /** Drags each person makes in the hour. */
  movesPerPerson: number
}

export interface StorageOptions {
  /** Notes the person in Chromium writes (and drags once each). */
  notes: number
  /** Pointer moves per drag, one per frame (30: half a second). */
  dragFrames: number
  /** Milliseconds between keystrokes. */
  keyDelayMs: number
  model: WorkshopModel
}

export const defaultStorageOptions: StorageOptions = {
  notes: 10,
  dragFrames: 30,
  keyDelayMs: 40,
  model: { people: 20, notesPerPerson: 15, movesPerPerson: 30 },
}

/** Rows and bytes the relay logged for an action: the update and what the history keeps with it. */
export interface LoggedCost {
  rows: number
  updateBytes: number
  /** Board id, seq, time, author, touched records, kind and detail. */
  historyBytes: number
}

export interface StorageReport {
  options: StorageOptions
  /** Per note written (typed, then left with Escape), mean over the notes. */
  perNote: LoggedCost
  perDrag: LoggedCost
  /**
   * On disk after the run: the log's table and indexes, and what the rows in them hold (updates
   * and history); the snapshots' table, and the snapshots in it.
   */
  onDisk: { logBytes: number; loggedBytes: number; snapshotTableBytes: number; snapshots: number; snapshotBytes: number }
  /** The board's document state at the end (what one snapshot of it takes), per note. */
  stateBytesPerNote: number
  /** The model's hour: log (as on disk) and the hour's snapshot. */
  perHour: { logBytes: number; snapshotBytes: number; totalBytes: number }
}

const logTables = ['board_updates', 'board_updates_by_time', 'sqlite_autoindex_board_updates_1']
const snapshotTables = ['board_snapshots', 'sqlite_autoindex_board_snapshots_1']

/** Reads the relay's log for one board while it runs (SQLite in WAL mode lets a reader in). */
class LogReader {
  readonly boardId: string
  readonly #db: DatabaseSync
  readonly #statement

  constructor(file: string, boardId: string, db = new DatabaseSync(file, { readOnly: true })) {
    this.#db = db
    this.#statement = this.#db.prepare(
      `SELECT COUNT(*) AS rows, COALESCE(SUM(LENGTH(update_data)), 0) AS updateBytes,
         COALESCE(SUM(LENGTH(board_id) + 16 + COALESCE(LENGTH(author), 0) + COALESCE(LENGTH(touched), 0)
           + LENGTH(change_kind) + COALESCE(LENGTH(detail), 0)), 0) AS historyBytes
       FROM board_updates WHERE board_id = ?`,
    )
    this.boardId = boardId
  }

  read(): LoggedCost {
    const row = this.#statement.get(this.boardId) as { rows: number; updateBytes: number; historyBytes: number }
    return { rows: Number(row.rows), updateBytes: Number(row.updateBytes), historyBytes: Number(row.historyBytes) }
  }

  close(): void {
    this.#db.close()
  }
}

const minus = (a: LoggedCost, b: LoggedCost): LoggedCost => ({
  rows: a.rows - b.rows,
  updateBytes: a.updateBytes - b.updateBytes,
  historyBytes: a.historyBytes - b.historyBytes,
})
const plus = (a: LoggedCost, b: LoggedCost): LoggedCost => ({
  rows: a.rows + b.rows,
  updateBytes: a.updateBytes + b.updateBytes,
  historyBytes: a.historyBytes + b.historyBytes,
})
const divided = (a: LoggedCost, by: number): LoggedCost => ({ rows: a.rows / by, updateBytes: a.updateBytes / by, historyBytes: a.historyBytes / by })
const none: LoggedCost = { rows: 0, updateBytes: 0, historyBytes: 0 }

/** Waits until the log has grown past `before` and the page says everything is saved. */
async function settled(page: Page, log: LogReader, before: LoggedCost): Promise<LoggedCost> {
  for (;;) {
    const state = await page.getByTestId('connection-status').getAttribute('data-state')
    const now = log.read()
    if (state === 'saved' && now.rows > before.rows) return now
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)))
  }
}

async function writeAndDrag(page: Page, log: LogReader, options: StorageOptions): Promise<{ typing: LoggedCost; drags: LoggedCost }> {
  const canvas = page.locator('.tl-canvas')
  const box = await canvas.boundingBox()
  if (box === null) throw new Error('the canvas has no box')
  let typing = none
  let drags = none
  for (let note = 0; note < options.notes; note++) {
    const at = { x: 160 + (note % 5) * 250, y: 160 + Math.floor(note / 5) * 260 }
    let before = log.read()
    await page.keyboard.press('n')
    await canvas.click({ position: at })
    await page.locator('[contenteditable="true"]').waitFor()
    await page.keyboard.type(ideas[note % ideas.length] ?? 'Idé', { delay: options.keyDelayMs })
    await page.keyboard.press('Escape')
    let after = await settled(page, log, before)
    typing = plus(typing, minus(after, before))

    before = after
    const from = { x: box.x + at.x, y: box.y + at.y }
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    for (let frame = 1; frame <= options.dragFrames; frame++) {
      const step = frame / options.dragFrames
      await page.mouse.move(from.x + 40 * step, from.y + 50 * step)
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)))
    }
    await page.mouse.up()
    await page.keyboard.press('Escape')
    after = await settled(page, log, before)
    drags = plus(drags, minus(after, before))
  }
  return { typing, drags }
}

/** What the board's tables take on disk, from a stopped relay's database. */
function measureOnDisk(file: string, boardId: string): StorageReport['onDisk'] {
  const db = new DatabaseSync(file)
  try {
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    const pages = db.prepare(`SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name`).all() as Array<{ name: string; bytes: number }>
    const onDisk = (tables: readonly string[]): number =>
      pages.filter((page) => tables.includes(page.name)).reduce((sum, page) => sum + Number(page.bytes), 0)
    const logged = new LogReader(file, boardId, db).read()
    const snapshots = db
      .prepare('SELECT COUNT(*) AS count, COALESCE(SUM(state_bytes), 0) AS bytes FROM board_snapshots WHERE board_id = ?')
      .get(boardId) as { count: number; bytes: number }
    return {
      logBytes: onDisk(logTables),
      loggedBytes: logged.updateBytes + logged.historyBytes,
      snapshotTableBytes: onDisk(snapshotTables),
      snapshots: Number(snapshots.count),
      snapshotBytes: Number(snapshots.bytes),
    }
  } finally {
    db.close()
  }
}

/** The board's document state, as a snapshot of it would store it. */
async function boardStateBytes(file: string, boardId: string): Promise<number> {
  const store = openSqliteBoardStore({ file, retention: { keepLast: 10, keepDaily: 30 } })
  try {
    const board = await store.loadBoard(boardId)
    const doc = new Y.Doc()
    if (board.snapshot !== null) Y.applyUpdate(doc, board.snapshot)
    for (const update of board.updates) Y.applyUpdate(doc, update)
    const bytes = Y.encodeStateAsUpdate(doc).length
    doc.destroy()
    return bytes
  } finally {
    await store.close()
  }
}

export async function runStorageBench(
  children: ChildProcesses,
  log: (line: string) => void,
  options: StorageOptions = defaultStorageOptions,
): Promise<StorageReport> {
  log(`Storage: ${options.notes} notes typed and dragged in Chromium on a relay with the default history window`)
  const build = await buildClientIfStale()
  if (build.built) log(`  built the ${build.name} in ${(build.ms / 1000).toFixed(1)} s`)
  const relay = await startRelay(children)
  const boardId = newBoardId()
  const browser = await launchBenchChromium()
  let reader: LogReader | null = null
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    await context.addInitScript(rememberUser, { id: randomBytes(16).toString('hex'), name: 'Lagring', color: '#4263eb' })
    const page = await context.newPage()
    await page.goto(`${relay.url}/board/${boardId}`)
    await page.locator('.tl-canvas').waitFor({ timeout: 60_000 })
    reader = new LogReader(findDatabaseFile(relay.dataDir), boardId)
    const { typing, drags } = await writeAndDrag(page, reader, options)
    await context.close()
    reader.close()
    reader = null
    const exitCode = await relay.stop('SIGTERM')
    if (exitCode !== 0) throw new Error(`the relay exited with ${exitCode} on SIGTERM`)
    const file = findDatabaseFile(relay.dataDir)
    const onDisk = measureOnDisk(file, boardId)
    const stateBytesPerNote = (await boardStateBytes(file, boardId)) / options.notes
    const perNote = divided(typing, options.notes)
    const perDrag = divided(drags, options.notes)
    const { people, notesPerPerson, movesPerPerson } = options.model
    const loggedPerHour =
      people * (notesPerPerson * (perNote.updateBytes + perNote.historyBytes) + movesPerPerson * (perDrag.updateBytes + perDrag.historyBytes))
    // Pages and indexes, as the run's disk use shows them.
    const logBytes = loggedPerHour * (onDisk.logBytes / Math.max(1, onDisk.loggedBytes))
    const snapshotBytes = people * notesPerPerson * stateBytesPerNote
    const report: StorageReport = {
      options,
      perNote,
      perDrag,
      onDisk,
      stateBytesPerNote,
      perHour: { logBytes, snapshotBytes, totalBytes: logBytes + snapshotBytes },
    }
    log(
      `  per note ${perNote.rows.toFixed(1)} rows ${(perNote.updateBytes + perNote.historyBytes).toFixed(0)} B; ` +
        `per drag ${perDrag.rows.toFixed(1)} rows ${(perDrag.updateBytes + perDrag.historyBytes).toFixed(0)} B; ` +
        `an hour of the model ${(report.perHour.totalBytes / 1e6).toFixed(1)} MB`,
    )
    return report
  } finally {
    reader?.close()
    await browser.close()
    await relay.stop('SIGKILL', 5000)
    relay.removeData()
  }
}
