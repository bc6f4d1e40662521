import type { FacilitationState } from '../../../shared/src/schema/facilitation.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import type { FacilitationStore } from '../store/FacilitationStore.ts'

/**
 * What the relay asks before a participant's edit: is this board held read-only by the
 * facilitator, and is its step in private writing?
 */
export interface StepHoldLookup {
  /** Reads the workshop's hold once (before its first participant socket is let in); later changes arrive by note(). */
  ensure(workshopId: string): Promise<void>
  /** True while the facilitator keeps everyone on another step than this board's. */
  isHeld(workshopId: string, boardId: string): boolean
  /** While the step of this (shared) board is private: the private frame, or null for the whole board; else undefined. */
  privateScope(workshopId: string, boardId: string): { frameId: string | null } | undefined
}

/** The boards of the steps a workshop's state names. */
export interface HoldBoards {
  /** The current step's board; null with no current step. */
  current: string | null
  /** The board of the step in private writing; null without private writing. */
  private: string | null
}

interface Hold {
  version: number
  keepOnStep: boolean
  currentBoardId: string | null
  privateWriting: { boardId: string; frameId: string | null } | null
}

/**
 * "Keep participants on this step", as each instance's relay applies it: the stored facilitation
 * state of the workshops whose boards this instance serves, kept current by the facilitation hub
 * with every change it stores or hears of. The relay asks it synchronously for every edit.
 */
export class StepHolds implements StepHoldLookup {
  readonly #store: FacilitationStore
  readonly #domain: DomainStore
  readonly #holds = new Map<string, Hold>()
  readonly #loading = new Map<string, Promise<void>>()

  constructor(store: FacilitationStore, domain: DomainStore) {
    this.#store = store
    this.#domain = domain
  }

  ensure(workshopId: string): Promise<void> {
    if (this.#holds.has(workshopId)) return Promise.resolve()
    let loading = this.#loading.get(workshopId)
    if (loading === undefined) {
      loading = this.#store
        .get(workshopId)
        .then(async ({ version, state }) => {
          const [current, writing] = await Promise.all([this.#boardOf(state.currentStepId), this.#boardOf(state.privateWriting?.stepId ?? null)])
          this.note(workshopId, version, state, { current, private: writing })
        })
        .finally(() => this.#loading.delete(workshopId))
      this.#loading.set(workshopId, loading)
    }
    return loading
  }

  isHeld(workshopId: string, boardId: string): boolean {
    const hold = this.#holds.get(workshopId)
    return hold !== undefined && hold.keepOnStep && hold.currentBoardId !== boardId
  }

  privateScope(workshopId: string, boardId: string): { frameId: string | null } | undefined {
    const writing = this.#holds.get(workshopId)?.privateWriting
    return writing?.boardId === boardId ? { frameId: writing.frameId } : undefined
  }

  /** Whether this instance follows the workshop's hold (so a change elsewhere must be read). */
  follows(workshopId: string): boolean {
    return this.#holds.has(workshopId)
  }

  /** The workshop's stored state as of `version`; an older one than already noted changes nothing. */
  note(workshopId: string, version: number, state: FacilitationState, boards: HoldBoards): void {
    const known = this.#holds.get(workshopId)
    if (known !== undefined && known.version > version) return
    const writing = state.privateWriting
    this.#holds.set(workshopId, {
      version,
      keepOnStep: state.keepOnStep && state.currentStepId !== null,
      currentBoardId: boards.current,
      privateWriting: writing === null || boards.private === null ? null : { boardId: boards.private, frameId: writing.frameId },
    })
  }

  async #boardOf(stepId: string | null): Promise<string | null> {
    return stepId === null ? null : ((await this.#domain.getStep(stepId))?.boardId ?? null)
  }
}
