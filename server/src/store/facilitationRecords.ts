import { FacilitationState, initialFacilitation } from '../../../shared/src/schema/facilitation.ts'
import { formatIssues } from '../../../shared/src/schema/validation.ts'
import type { StoredFacilitation } from './FacilitationStore.ts'
import { invalidInput, type BoardStoreError } from './storeErrors.ts'
import { integerOf, textOf, type StoredRow } from './storeRows.ts'
import { validated } from './storeValidation.ts'

// The one owner of a workshop_facilitation row (facilitationSchema.ts): how every
// FacilitationStore checks a state before writing it, numbers it, turns it into columns, and
// reads a row back, so that SQLite and Postgres store and refuse alike.

/** A workshop whose state never changed: the initial state at version 0. */
export function initialStored(workshopId: string): StoredFacilitation {
  return { workshopId, version: 0, state: initialFacilitation }
}

/** The refusal of a change to a workshop that does not exist (or no longer does). */
export function noWorkshop(workshopId: string): BoardStoreError {
  return invalidInput(`There is no workshop ${workshopId}.`)
}

/**
 * What storing `next` after `current` makes: the state checked against its schema (a failure is
 * `invalid_input` naming each field) and the next version. `state` is the column it is written as.
 */
export function nextStored(current: StoredFacilitation, next: FacilitationState): { stored: StoredFacilitation; state: string } {
  const state = validated(FacilitationState, next, 'facilitation state')
  return { stored: { workshopId: current.workshopId, version: current.version + 1, state }, state: JSON.stringify(state) }
}

/**
 * A workshop_facilitation row (its version and state columns) as the stored state. A row that
 * fails its schema is not the caller's mistake but a damaged or foreign one, so it is a plain
 * Error (reported as storage_failed) naming the workshop and the fields.
 */
export function readFacilitation(row: StoredRow, workshopId: string): StoredFacilitation {
  const what = `facilitation state of workshop ${workshopId}`
  const text = textOf(row, 'state')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new Error(`The stored ${what} is not JSON.`)
  }
  const result = FacilitationState.safeParse(value)
  if (!result.success) throw new Error(`The stored ${what} is not valid: ${formatIssues(result.error)}`)
  return { workshopId, version: integerOf(row, 'version'), state: result.data }
}
