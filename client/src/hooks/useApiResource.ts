import { useEffect, useRef, useState } from 'react'
import type { z } from 'zod'
import { ApiNotFoundError, ApiRequestError, fetchApi } from '../app/publicApi.ts'

/** What a page knows about one API resource. */
export type ApiResource<T> =
  | { status: 'loading'; /** The last value loaded for an earlier path, shown while the new one comes. */ previous: T | null }
  | { status: 'loaded'; value: T }
  | { status: 'notFound' }
  /** `error` says why (401 not signed in, 403 not allowed, 0 offline …). */
  | { status: 'failed'; error: ApiRequestError | null }

type Settled<T> = Exclude<ApiResource<T>, { status: 'loading' }>

/**
 * Loads `path` from our API, checked with `schema`, and loads again when `path`
 * or `revision` changes (aborting the earlier request): a page bumps `revision`
 * after a change it made, or when the session changed. A null path loads nothing
 * and stays loading. `schema` must be a module-level constant. `started` may hand over a
 * request for `path` already under way (asked as the page started) instead of asking again.
 */
export function useApiResource<T>(
  path: string | null,
  schema: z.ZodType<T>,
  revision: number | string = 0,
  started?: (path: string) => Promise<T> | null,
): ApiResource<T> {
  // Read when a request starts (this effect runs before the one below), not a reason to start one.
  const startedRef = useRef(started)
  useEffect(() => {
    startedRef.current = started
  })
  const key = path === null ? null : `${revision}\n${path}`
  const [settled, setSettled] = useState<{ key: string; result: Settled<T> } | null>(null)
  const [lastValue, setLastValue] = useState<T | null>(null)
  useEffect(() => {
    if (path === null || key === null) return
    const abort = new AbortController()
    const request = startedRef.current?.(path) ?? fetchApi(path, schema, abort.signal)
    request.then(
      (value) => {
        // A request handed over cannot be aborted: its late answer is dropped here.
        if (abort.signal.aborted) return
        setSettled({ key, result: { status: 'loaded', value } })
        setLastValue(value)
      },
      (error: unknown) => {
        if (abort.signal.aborted) return
        if (error instanceof ApiNotFoundError) {
          setSettled({ key, result: { status: 'notFound' } })
          return
        }
        if (!(error instanceof ApiRequestError) || error.status === 0 || error.status >= 500) {
          console.warn('Samskap: could not load', path, error)
        }
        setSettled({ key, result: { status: 'failed', error: error instanceof ApiRequestError ? error : null } })
      },
    )
    return () => abort.abort()
  }, [path, key, schema])
  if (key !== null && settled?.key === key) return settled.result
  return { status: 'loading', previous: lastValue }
}

/** The loaded value, or the previous one while loading again; null otherwise. */
export function resourceValue<T>(resource: ApiResource<T>): T | null {
  if (resource.status === 'loaded') return resource.value
  return resource.status === 'loading' ? resource.previous : null
}
