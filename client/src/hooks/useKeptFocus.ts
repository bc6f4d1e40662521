import { useLayoutEffect, useRef, type FocusEvent, type RefObject } from 'react'

/** Where focus was in a list: the control (by its data-testid) in the row of one item (by its data-item-id). */
interface FocusPlace {
  element: HTMLElement
  itemId: string | null
  control: string | null
}

/**
 * Keeps keyboard focus in a list whose rows move between groups when it is loaded again (a person
 * going from "on a board" to "has been here" is a new element): when the focused element is gone
 * after an update, focus goes to the same control in the item's new row, or else to the heading
 * of the group the item is in now. Rows carry `data-item-id`, controls a `data-testid`, groups are
 * `<section>`s whose heading has `tabIndex={-1}` and `data-focus-fallback`. Returns the
 * container's onFocus handler.
 *
 * @example const onFocus = useKeptFocus(container, people); return <div ref={container} onFocus={onFocus}>…</div>
 */
export function useKeptFocus(container: RefObject<HTMLElement | null>, content: unknown): (event: FocusEvent<HTMLElement>) => void {
  const last = useRef<FocusPlace | null>(null)
  useLayoutEffect(() => {
    const place = last.current
    const root = container.current
    if (place === null || root === null || place.element.isConnected) return
    // Focus went somewhere on purpose (another control, another page part): leave it there.
    const active = document.activeElement
    if (active !== null && active !== document.body) return
    const row = place.itemId === null ? null : root.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(place.itemId)}"]`)
    const control = row === null || place.control === null ? null : row.querySelector<HTMLElement>(`[data-testid="${CSS.escape(place.control)}"]`)
    const heading = (row?.closest('section') ?? root).querySelector<HTMLElement>('[data-focus-fallback]')
    const target = control ?? heading
    last.current = null
    target?.focus()
  }, [container, content])
  return (event) => {
    const element = event.target
    last.current = {
      element,
      itemId: element.closest<HTMLElement>('[data-item-id]')?.dataset.itemId ?? null,
      control: element.dataset.testid ?? null,
    }
  }
}
