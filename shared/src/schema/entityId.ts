import { z } from 'zod'
import { isBoardId, newBoardId } from '../protocol/boardId.ts'

/**
 * Ids of municipalities, challenges, workshops, steps and participants have the
 * shape of board ids (8–64 URL-safe characters), so they can appear in links.
 */
export const EntityId = z.string().refine(isBoardId, {
  message: "Expected an id of 8–64 letters, digits, '-' or '_'.",
})
export type EntityId = z.infer<typeof EntityId>

/** A new random entity id: the board-id generator (21 characters, ~126 bits), so ids are unguessable. */
export function newEntityId(): string {
  return newBoardId()
}

/** A trimmed, non-empty line of text of at most `max` characters. */
export function requiredText(max: number) {
  return z.string().trim().min(1, 'Must not be empty.').max(max, `Must be at most ${max} characters.`)
}
