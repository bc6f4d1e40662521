/**
 * The agenda's order after moving the step `stepId` by `offset` places (-1 up, +1
 * down), as the list of ids `PUT /api/workshops/:id/step-order` takes. Null when it
 * cannot move (first step up, last step down, unknown id).
 *
 * @example moveStep(['a', 'b', 'c'], 'c', -1) // ['a', 'c', 'b']
 */
export function moveStep(stepIds: readonly string[], stepId: string, offset: -1 | 1): string[] | null {
  const from = stepIds.indexOf(stepId)
  const to = from + offset
  if (from < 0 || to < 0 || to >= stepIds.length) return null
  const order = [...stepIds]
  order.splice(from, 1)
  order.splice(to, 0, stepId)
  return order
}

/** Steps sorted by their position in the agenda (the server keeps `position`; lists may come in any order). */
export function inAgendaOrder<S extends { position: number }>(steps: readonly S[]): S[] {
  return [...steps].sort((a, b) => a.position - b.position)
}

/**
 * A step's number in its agenda, counted from 1: its position (the server keeps
 * positions 0, 1, 2 … in agenda order) plus one, kept within 1…`stepCount`.
 */
export function stepNumber(step: { position: number }, stepCount: number): number {
  return Math.min(Math.max(step.position + 1, 1), Math.max(stepCount, 1))
}
