import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiRequestError, clientErrorCode } from '../app/apiErrors.ts'

/** The state of a form's submission. */
export interface Submission {
  pending: boolean
  /** Why the last attempt failed; null before the first attempt and after a success. */
  error: ApiRequestError | null
}

/**
 * Runs an async action (a write to the API) once at a time and keeps its pending
 * state and its error for the form to show. Errors that are not API errors are
 * reported as unexpected, so a form always has something to say.
 */
export function useSubmission<A extends unknown[]>(action: (...args: A) => Promise<void>) {
  const [state, setState] = useState<Submission>({ pending: false, error: null })
  const running = useRef(false)
  const mounted = useRef(true)
  const actionRef = useRef(action)
  useEffect(() => {
    actionRef.current = action
  }, [action])
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const run = useCallback(async (...args: A): Promise<boolean> => {
    if (running.current) return false
    running.current = true
    setState({ pending: true, error: null })
    try {
      await actionRef.current(...args)
      if (mounted.current) setState({ pending: false, error: null })
      return true
    } catch (error) {
      const apiError =
        error instanceof ApiRequestError
          ? error
          : new ApiRequestError({ status: 0, code: clientErrorCode.unexpectedResponse, message: String(error) })
      if (!(error instanceof ApiRequestError)) console.warn('Samskap: an action failed', error)
      if (mounted.current) setState({ pending: false, error: apiError })
      return false
    } finally {
      running.current = false
    }
  }, [])

  const reset = useCallback(() => setState({ pending: false, error: null }), [])
  return { ...state, run, reset }
}
