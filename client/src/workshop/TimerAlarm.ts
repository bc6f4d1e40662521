import type { StepTimer } from '../../../shared/src/schema/facilitation.ts'
import type { LiveWorkshop } from './LiveWorkshop.ts'

export interface TimerAlarmOptions {
  live: Pick<LiveWorkshop, 'room' | 'now'>
  /** Called once when the current step's running timer reaches zero while the page is open. */
  onEnd(stepId: string): void
  /** Default setTimeout. */
  setTimer?: (fn: () => void, ms: number) => () => void
}

const defaultSetTimer = (fn: () => void, ms: number) => {
  const handle = setTimeout(fn, ms)
  return () => clearTimeout(handle)
}

/**
 * Tells when the current step's timer runs out, in the server's time: once per timer run (a
 * timer extended or resumed is a new run), and not for a timer that had run out before the
 * page saw it running.
 */
export class TimerAlarm {
  private readonly options: TimerAlarmOptions
  private readonly setTimer: (fn: () => void, ms: number) => () => void
  private readonly stopRoom: () => void
  private cancel: (() => void) | null = null
  /** The runs already over, by `stepId@endsAt`. */
  private readonly over = new Set<string>()

  constructor(options: TimerAlarmOptions) {
    this.options = options
    this.setTimer = options.setTimer ?? defaultSetTimer
    this.stopRoom = options.live.room.subscribe(() => this.schedule())
    this.schedule()
  }

  destroy(): void {
    this.stopRoom()
    this.cancel?.()
    this.cancel = null
  }

  private schedule(): void {
    this.cancel?.()
    this.cancel = null
    const run = this.currentRun()
    if (run === null || this.over.has(run.key)) return
    const left = run.endsAt - this.options.live.now()
    if (left <= 0) {
      this.over.add(run.key)
      return
    }
    this.cancel = this.setTimer(() => this.ring(run.key), left)
  }

  private ring(key: string): void {
    this.cancel = null
    const run = this.currentRun()
    if (run === null || run.key !== key) return
    // The clock's offset may have moved since this was scheduled.
    if (run.endsAt > this.options.live.now()) {
      this.schedule()
      return
    }
    this.over.add(key)
    this.options.onEnd(run.stepId)
  }

  private currentRun(): { stepId: string; endsAt: number; key: string } | null {
    const state = this.options.live.room.get().state
    const stepId = state?.currentStepId ?? null
    if (state === null || stepId === null) return null
    const timer: StepTimer | undefined = state.timers[stepId]
    if (timer === undefined || timer.endsAt === null) return null
    return { stepId, endsAt: timer.endsAt, key: `${stepId}@${timer.endsAt}` }
  }
}
