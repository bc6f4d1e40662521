import { Router } from 'express'
import type { BoardStore } from '../store/BoardStore.ts'
import { storageNotWritable } from '../errors.ts'

export interface HealthDeps {
  store: BoardStore
  /** False while the relay's commits are failing (updates are held in memory and retried). */
  isCommitting: () => boolean
}

/** `GET /healthz`: the process answers. `GET /readyz`: storage takes writes and commits are going through. */
export function healthRouter({ store, isCommitting }: HealthDeps): Router {
  const router = Router()
  router.get('/healthz', (_request, response) => {
    response.set('Cache-Control', 'no-store').json({ status: 'ok' })
  })
  router.get('/readyz', async (_request, response) => {
    response.set('Cache-Control', 'no-store')
    if (!isCommitting()) throw storageNotWritable(new Error('the last commit of board updates failed'))
    try {
      await store.checkWritable()
    } catch (error) {
      throw storageNotWritable(error)
    }
    response.json({ status: 'ready' })
  })
  return router
}
