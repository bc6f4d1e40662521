/**
 * What the database does after personal data was deleted, so that deleted means unreadable: a
 * deleted row's bytes must not stay behind in the database's files, where anyone with a copy of
 * them (a backup, a disk, a support ticket) could read a participant's name long after the
 * workshop went. SQLite and Postgres implement it (sqliteMaintenance.ts, postgresMaintenance.ts).
 */
export interface StoreMaintenance {
  /**
   * Makes the rows deleted so far unreadable in the database's files: on SQLite the file is
   * vacuumed and its write-ahead log checkpointed and truncated (deleted content is also zeroed
   * as it is deleted: secure_delete); on Postgres the tables that hold people's data are
   * rewritten (VACUUM FULL). Call it after every deletion of personal data (a workshop, a step's
   * boards, a participant's erasure), once the deletion has committed; it resolves when the bytes
   * are gone from the tables' files and rejects when that could not be done (the deletion itself
   * stands).
   *
   * It takes time on a large database and holds up writes while it runs, so it runs one at a
   * time: calls made while one runs share the next run, which starts after it and so covers
   * their deletions too. Instances of a cluster scrubbing at once take turns.
   *
   * @example await live.retireBoards(boardIds, () => domain.deleteWorkshop(id)); await maintenance.scrubDeleted()
   */
  scrubDeleted(): Promise<void>
  close(): Promise<void>
}

/**
 * Runs `scrub` one at a time: a call while a run is under way waits for it and shares the one
 * run that follows, so every caller's deletion is covered by a run that started after it, and a
 * burst of deletions (the retention sweep deleting several workshops) costs two runs, not one each.
 */
export function oneScrubAtATime(scrub: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null
  let next: Promise<void> | null = null
  const start = (): Promise<void> => {
    const run = scrub().finally(() => {
      if (running === run) running = null
    })
    running = run
    return run
  }
  return () => {
    if (next !== null) return next
    if (running === null) return start()
    const following = running
      .catch(() => undefined)
      .then(() => {
        next = null
        return start()
      })
    next = following
    return following
  }
}
