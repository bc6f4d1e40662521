import { Router } from 'express'
import type { Config } from '../config.ts'

/** What the browser needs to know from the server's configuration; nothing secret beyond the (public) licence key. */
export interface ClientConfig {
  tldrawLicenseKey: string | null
  maxAssetBytes: number
}

/** `GET /api/config`. */
export function clientConfigRouter(config: Config): Router {
  const body: ClientConfig = { tldrawLicenseKey: config.tldrawLicenseKey, maxAssetBytes: config.maxAssetBytes }
  const router = Router()
  router.get('/config', (_request, response) => {
    response.set('Cache-Control', 'no-cache').json(body)
  })
  return router
}
