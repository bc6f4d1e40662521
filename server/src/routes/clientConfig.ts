import { Router } from 'express'
import type { ClientConfig } from '../../../shared/src/schema/clientConfig.ts'
import type { Config } from '../config.ts'

/** `GET /api/config`. */
export function clientConfigRouter(config: Config): Router {
  const body: ClientConfig = {
    tldrawLicenseKey: config.tldrawLicenseKey,
    maxAssetBytes: config.maxAssetBytes,
    scratchBoards: config.scratchBoards,
    embedHosts: config.embedHosts,
    accessibilityContact: config.accessibilityContact,
    retentionDays: config.retentionDays,
  }
  const router = Router()
  router.get('/config', (_request, response) => {
    response.set('Cache-Control', 'no-cache').json(body)
  })
  return router
}
