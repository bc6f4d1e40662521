import { describe, expect, it } from 'vitest'
import { oneScrubAtATime } from '../../server/src/store/StoreMaintenance.ts'

/** A scrub whose runs the test finishes by hand, counting them. */
function manualScrub() {
  const runs: Array<{ finish: () => void; fail: (error: Error) => void }> = []
  const scrub = oneScrubAtATime(
    () =>
      new Promise<void>((resolve, reject) => {
        runs.push({ finish: resolve, fail: reject })
      }),
  )
  return { scrub, runs }
}

const settled = () => new Promise((resolve) => setImmediate(resolve))

describe('oneScrubAtATime', () => {
  it('runs at once when idle, and again for a call made after the run finished', async () => {
    const { scrub, runs } = manualScrub()
    const first = scrub()
    expect(runs).toHaveLength(1)
    runs[0]?.finish()
    await first
    const second = scrub()
    expect(runs).toHaveLength(2)
    runs[1]?.finish()
    await second
  })

  it('gives calls made during a run one shared run that starts after it, so each deletion is covered', async () => {
    const { scrub, runs } = manualScrub()
    const first = scrub()
    const during = [scrub(), scrub(), scrub()]
    await settled()
    expect(runs).toHaveLength(1)
    let duringDone = false
    void Promise.all(during).then(() => (duringDone = true))
    runs[0]?.finish()
    await first
    await settled()
    // The calls made during the first run wait for a run of their own, which began only now.
    expect(runs).toHaveLength(2)
    expect(duringDone).toBe(false)
    runs[1]?.finish()
    await Promise.all(during)
    expect(runs).toHaveLength(2)
  })

  it('fails only the callers of a failed run; the next run still happens', async () => {
    const { scrub, runs } = manualScrub()
    const first = scrub()
    const next = scrub()
    runs[0]?.fail(new Error('disk full'))
    await expect(first).rejects.toThrow('disk full')
    await settled()
    expect(runs).toHaveLength(2)
    runs[1]?.finish()
    await expect(next).resolves.toBeUndefined()
  })
})
