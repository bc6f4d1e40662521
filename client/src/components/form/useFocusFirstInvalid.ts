import { useEffect, type RefObject } from 'react'
import type { ApiRequestError } from '../../app/apiErrors.ts'

/**
 * After a submission fails with field problems, moves focus to the first invalid
 * control of the form, so keyboard and screen-reader users land where the fix is.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, error: ApiRequestError | null): void {
  useEffect(() => {
    if (error === null || error.fields.length === 0) return
    const first = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')
    first?.focus()
  }, [form, error])
}
