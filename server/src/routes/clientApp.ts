import { existsSync } from 'node:fs'
import path from 'node:path'
import express, { Router } from 'express'
import { clientNotBuilt } from '../errors.ts'

/**
 * The built client (client/dist): static files, and index.html for the app's
 * pages (`/`, `/board/:boardId`, `/challenge/:challengeId`, `/workshop/…`, `/join/:token` …) so deep links work. Vite's hashed bundles
 * under /assets are cached forever; index.html and the service worker /sw.js
 * are revalidated each time (a new deploy must reach them). Only the pages fall
 * back to index.html: a missing /sw.js is a 404. When the client is not built,
 * pages answer 503 saying how to build it.
 */
export function clientAppRouter(clientDistDir: string): Router {
  const indexFile = path.join(clientDistDir, 'index.html')
  const router = Router()
  router.use(
    express.static(clientDistDir, {
      index: false,
      dotfiles: 'ignore',
      setHeaders: (response, file) => {
        const hashed = path.relative(clientDistDir, file).startsWith(`assets${path.sep}`)
        response.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
      },
    }),
  )
  const pages = ['/', '/board/:boardId', '/challenge/new', '/challenge/:challengeId', '/challenge/:challengeId/edit', '/challenge/:challengeId/description',
    '/workshop/:workshopId', '/workshop/:workshopId/edit', '/join/:token', '/login', '/setup/:token', '/invite/:token', '/facilitator']
  router.get(pages, (_request, response) => {
    if (!existsSync(indexFile)) throw clientNotBuilt()
    response.set('Cache-Control', 'no-cache').sendFile(indexFile)
  })
  // Browsers ask for /favicon.ico on their own; the client ships an SVG icon.
  router.get('/favicon.ico', (_request, response) => {
    if (existsSync(path.join(clientDistDir, 'favicon.svg'))) response.redirect(301, '/favicon.svg')
    else response.status(204).end()
  })
  return router
}
