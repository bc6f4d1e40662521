import { useEffect, useState } from 'react'
import type { z } from 'zod'
import { ApiNotFoundError, fetchApi } from '../app/publicApi.ts'

/** What a page knows about one API resource. */
export type ApiResource<T> =
  | { status: 'loading'; /** The last value loaded for an earlier path, shown while the new one comes. */ previous: T | null }
  | { status: 'loaded'; value: T }
  | { status: 'notFound' }
  | { status: 'failed' }

type Settled<T> = Exclude<ApiResource<T>, { status: 'loading' }>

/**
 * Loads `path` from our API, checked with `schema`, and loads again when `path`
 * changes (aborting the earlier request). A null path loads nothing and stays loading.
 * `schema` must be a module-level constant.
 */
export function useApiResource<T>(path: string | null, schema: z.ZodType<T>): ApiResource<T> {
  const [settled, setSettled] = useState<{ path: string; result: Settled<T> } | null>(null)
  const [lastValue, setLastValue] = useState<T | null>(null)
  useEffect(() => {
    if (path === null) return
    const abort = new AbortController()
    fetchApi(path, schema, abort.signal).then(
      (value) => {
        setSettled({ path, result: { status: 'loaded', value } })
        setLastValue(value)
      },
      (error: unknown) => {
        if (abort.signal.aborted) return
        if (error instanceof ApiNotFoundError) {
          setSettled({ path, result: { status: 'notFound' } })
          return
        }
        console.warn('Samskap: could not load', path, error)
        setSettled({ path, result: { status: 'failed' } })
      },
    )
    return () => abort.abort()
  }, [path, schema])
  if (path !== null && settled?.path === path) return settled.result
  return { status: 'loading', previous: lastValue }
}
