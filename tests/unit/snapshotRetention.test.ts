import { describe, expect, it } from 'vitest'
import {
  planSnapshotRetention,
  validateSnapshotRetention,
  type SnapshotStamp,
} from '../../server/src/store/snapshotRetention.ts'

const hourMs = 60 * 60 * 1000

/** Snapshots with ids 1..n at the given times. */
function stamps(...times: number[]): SnapshotStamp[] {
  return times.map((createdAt, index) => ({ id: index + 1, createdAt }))
}

describe('planSnapshotRetention', () => {
  it('keeps nothing and prunes nothing when there are no snapshots', () => {
    expect(planSnapshotRetention([], { keepLast: 3, keepDaily: 3 })).toEqual({ keep: [], prune: [], logNeededAfter: 0 })
  })

  it('keeps only the newest keepLast when keepDaily is 0', () => {
    const start = Date.UTC(2025, 4, 1)
    const snapshots = stamps(start, start + hourMs, start + 2 * hourMs, start + 3 * hourMs)
    expect(planSnapshotRetention(snapshots, { keepLast: 2, keepDaily: 0 })).toEqual({ keep: [4, 3], prune: [2, 1], logNeededAfter: 0 })
  })

  it('keeps everything when there are fewer snapshots than keepLast', () => {
    const snapshots = stamps(Date.UTC(2025, 4, 1), Date.UTC(2025, 4, 2))
    expect(planSnapshotRetention(snapshots, { keepLast: 5, keepDaily: 0 })).toEqual({ keep: [2, 1], prune: [], logNeededAfter: 0 })
  })

  it('adds the newest snapshot of each of the last keepDaily days that have snapshots', () => {
    const snapshots = stamps(
      Date.UTC(2025, 4, 1, 9), // 1: day 1, too old
      Date.UTC(2025, 4, 3, 9), // 2: day 3 (day 2 has none and does not count)
      Date.UTC(2025, 4, 3, 17), // 3: newest of day 3
      Date.UTC(2025, 4, 6, 8), // 4
      Date.UTC(2025, 4, 6, 9), // 5: newest of day 6
      Date.UTC(2025, 4, 7, 10), // 6: newest of day 7, and within keepLast
    )
    expect(planSnapshotRetention(snapshots, { keepLast: 1, keepDaily: 3 })).toEqual({
      keep: [6, 5, 3],
      prune: [4, 2, 1],
      logNeededAfter: 0,
    })
  })

  it('splits days at midnight UTC', () => {
    const snapshots = stamps(
      Date.UTC(2025, 11, 31, 23, 59, 59, 998),
      Date.UTC(2025, 11, 31, 23, 59, 59, 999),
      Date.UTC(2026, 0, 1, 0, 0, 0, 0),
      Date.UTC(2026, 0, 1, 0, 0, 0, 1),
    )
    expect(planSnapshotRetention(snapshots, { keepLast: 1, keepDaily: 2 })).toEqual({ keep: [4, 2], prune: [3, 1], logNeededAfter: 0 })
  })

  it('takes the newest by id, so a clock that stepped back never drops the latest snapshot', () => {
    const snapshots = [
      { id: 1, createdAt: Date.UTC(2025, 4, 2, 12) },
      { id: 2, createdAt: Date.UTC(2025, 4, 2, 11) },
      { id: 3, createdAt: Date.UTC(2025, 4, 1, 23) },
    ]
    expect(planSnapshotRetention(snapshots, { keepLast: 1, keepDaily: 1 })).toEqual({ keep: [3, 2], prune: [1], logNeededAfter: 0 })
  })

  it('does not depend on the order of its input', () => {
    const snapshots = stamps(Date.UTC(2025, 4, 1), Date.UTC(2025, 4, 2), Date.UTC(2025, 4, 3), Date.UTC(2025, 4, 3, 5))
    const retention = { keepLast: 1, keepDaily: 2 }
    expect(planSnapshotRetention([...snapshots].reverse(), retention)).toEqual(
      planSnapshotRetention(snapshots, retention),
    )
  })

  it('pruning after every write ends where pruning the whole history once does', () => {
    const retention = { keepLast: 3, keepDaily: 4 }
    const history: SnapshotStamp[] = []
    let kept: SnapshotStamp[] = []
    let time = Date.UTC(2025, 0, 1)
    for (let id = 1; id <= 200; id++) {
      // Uneven gaps: several snapshots on some days, none on others.
      time += ((id * 7919) % 37) * hourMs
      const snapshot = { id, createdAt: time }
      history.push(snapshot)
      const { keep } = planSnapshotRetention([...kept, snapshot], retention)
      kept = [...kept, snapshot].filter((candidate) => keep.includes(candidate.id))
    }
    expect(kept.map((snapshot) => snapshot.id).sort((a, b) => b - a)).toEqual(
      planSnapshotRetention(history, retention).keep,
    )
  })

  it('with a history window, keeps the newest snapshot of each hour inside it and the last one before it', () => {
    const now = Date.UTC(2025, 5, 10, 12)
    const day = 24 * hourMs
    const snapshots: SnapshotStamp[] = [
      { id: 1, createdAt: now - 40 * day, coversSeq: 100 },
      { id: 2, createdAt: now - 31 * day, coversSeq: 200 }, // the last before the window: where it starts
      { id: 3, createdAt: now - 2 * hourMs - 30 * 60_000, coversSeq: 300 },
      { id: 4, createdAt: now - 2 * hourMs - 10 * 60_000, coversSeq: 400 }, // newest of its hour
      { id: 5, createdAt: now - 5 * 60_000, coversSeq: 500 },
    ]
    const plan = planSnapshotRetention(snapshots, { keepLast: 1, keepDaily: 0 }, { now, keepMs: 30 * day })
    expect(plan.keep).toEqual([5, 4, 2])
    expect(plan.prune).toEqual([3, 1])
    // Every moment from snapshot 2 on is rebuilt from it and the log after it; before it, nothing is needed.
    expect(plan.logNeededAfter).toBe(200)
  })

  it('with a history window and nothing older than it, needs the whole log', () => {
    const now = Date.UTC(2025, 5, 10, 12)
    const snapshots: SnapshotStamp[] = [{ id: 1, createdAt: now - hourMs, coversSeq: 50 }]
    expect(planSnapshotRetention(snapshots, { keepLast: 1, keepDaily: 0 }, { now, keepMs: 24 * hourMs })).toEqual({
      keep: [1],
      prune: [],
      logNeededAfter: 0,
    })
  })

  it('refuses policies that could delete the newest snapshot or make no sense', () => {
    expect(() => validateSnapshotRetention({ keepLast: 0, keepDaily: 30 })).toThrow(RangeError)
    expect(() => validateSnapshotRetention({ keepLast: 1.5, keepDaily: 30 })).toThrow(/keepLast/)
    expect(() => validateSnapshotRetention({ keepLast: 10, keepDaily: -1 })).toThrow(/keepDaily/)
    expect(() => planSnapshotRetention([], { keepLast: 10, keepDaily: Number.NaN })).toThrow(/keepDaily/)
    expect(() => validateSnapshotRetention({ keepLast: 1, keepDaily: 0 })).not.toThrow()
  })
})
