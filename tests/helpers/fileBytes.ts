import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

// Reading a database's files as raw bytes, as someone with a copy of the disk would, to show that
// a deleted name is gone from them and not merely from what queries return.

/** The forms a text may take in a file: UTF-8, and UTF-16 in both byte orders (for safety). */
function encodingsOf(text: string): Buffer[] {
  const littleEndian = Buffer.from(text, 'utf16le')
  const bigEndian = Buffer.from(littleEndian).swap16()
  return [Buffer.from(text, 'utf8'), littleEndian, bigEndian]
}

/** How often `text` occurs in `bytes`, in any of its encodings. */
export function occurrencesIn(bytes: Buffer, text: string): number {
  let count = 0
  for (const needle of encodingsOf(text)) {
    for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) count += 1
  }
  return count
}

/**
 * How often `text` occurs in each of `files` (missing files count 0), by file name.
 *
 * @example expect(occurrencesInFiles(sqliteFiles(dataDir), 'Kari Nordmann')).toEqual({ 'samskap.sqlite': 0, … })
 */
export function occurrencesInFiles(files: readonly string[], text: string): Record<string, number> {
  const found: Record<string, number> = {}
  for (const file of files) found[path.basename(file)] = existsSync(file) ? occurrencesIn(readFileSync(file), text) : 0
  return found
}

/** The sum of {@link occurrencesInFiles}. */
export function totalOccurrences(files: readonly string[], text: string): number {
  return Object.values(occurrencesInFiles(files, text)).reduce((sum, count) => sum + count, 0)
}

/** The SQLite database of a DATA_DIR with its write-ahead log and shared-memory index. */
export function sqliteFiles(dataDir: string, fileName = 'samskap.sqlite'): string[] {
  const file = path.join(dataDir, fileName)
  return [file, `${file}-wal`, `${file}-shm`]
}

/** Every regular file under `folder`, at any depth (a Postgres database's folder, or pg_wal). */
export function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(folder, name))
    .filter((file) => statSync(file, { throwIfNoEntry: false })?.isFile() === true)
}
