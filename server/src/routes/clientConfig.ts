import { Router } from 'express'
import type { Config, ScratchBoards } from '../config.ts'

/** What the browser needs to know from the server's configuration; nothing secret beyond the (public) licence key. */
export interface ClientConfig {
  tldrawLicenseKey: string | null
  maxAssetBytes: number
  /** Who may open a board outside any workshop: the start page offers "Ny tavle" accordingly. */
  scratchBoards: ScratchBoards
}

/** `GET /api/config`. */
export function clientConfigRouter(config: Config): Router {
  const body: ClientConfig = {
    tldrawLicenseKey: config.tldrawLicenseKey,
    maxAssetBytes: config.maxAssetBytes,
    scratchBoards: config.scratchBoards,
  }
  const router = Router()
  router.get('/config', (_request, response) => {
    response.set('Cache-Control', 'no-cache').json(body)
  })
  return router
}
