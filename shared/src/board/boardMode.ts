import { z } from 'zod'

/**
 * What participants may do on a board, set by a facilitator and shown to everyone:
 * - `open`: add notes and change any note;
 * - `add-only`: add notes, change or delete only their own;
 * - `frozen`: look only (facilitators still edit).
 * Template structure and what a facilitator locked stay the facilitators' in every mode.
 */
export const BoardMode = z.enum(['open', 'add-only', 'frozen'])
export type BoardMode = z.infer<typeof BoardMode>

/** A board without a mode of its own is open. */
export const defaultBoardMode: BoardMode = 'open'

/** The modes in the order a facilitator picks from them. */
export const boardModes: readonly BoardMode[] = BoardMode.options
