import type { FacilitationState } from '../../../shared/src/schema/facilitation.ts'

/** A workshop's facilitation state as stored, with the version its last change gave it. */
export interface StoredFacilitation {
  workshopId: string
  /** 0 while nothing was stored (the initial state); each stored change adds 1. */
  version: number
  state: FacilitationState
}

/**
 * Where a workshop's room state lives (current step, timers, hands, who is done): in the
 * database, so that a reload, a restart or another relay instance sees the same. Errors as in
 * DomainStore (BoardStoreError): `invalid_input` for an unknown workshop or a state that is not
 * a valid FacilitationState, `store_closed`, `storage_failed`.
 */
export interface FacilitationStore {
  /** The workshop's state; version 0 with the initial state when none was stored. */
  get(workshopId: string): Promise<StoredFacilitation>
  /**
   * Reads the state, lets `change` make the next one and stores it with the next version, in
   * one transaction, so changes made at once (many hands raised together) apply one after the
   * other and none is lost. `change` must be synchronous and pure (a transaction Postgres ends
   * as a deadlock's loser runs again from the read); returning null stores nothing and resolves
   * to the state as it was.
   */
  update(workshopId: string, change: (current: StoredFacilitation) => FacilitationState | null): Promise<StoredFacilitation>
  close(): Promise<void>
}
