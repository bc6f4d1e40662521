import { existsSync } from 'node:fs'
import path from 'node:path'
import express, { Router } from 'express'
import { appPagePaths } from '../../../shared/src/protocol/appPages.ts'
import { clientNotBuilt } from '../errors.ts'
import { wantsPage } from './errorPage.ts'
import { precompressedFiles } from './precompressed.ts'

/**
 * The built client (client/dist): static files, and index.html for the app's
 * pages ({@link appPagePaths}: `/`, `/board/:boardId`, `/join/:token` …) so deep links work. Vite's hashed bundles
 * under /assets are cached forever (and sent brotli or gzip compressed when the build wrote
 * those copies and the browser takes them); index.html and the service worker /sw.js
 * are revalidated each time (a new deploy must reach them). Only the pages fall
 * back to index.html: a missing /sw.js is a 404. Any other address opened as a page
 * is the app's not-found page with status 404. When the client is not built,
 * pages answer 503 saying how to build it.
 */
export function clientAppRouter(clientDistDir: string): Router {
  const indexFile = path.join(clientDistDir, 'index.html')
  const router = Router()
  const cacheControl = (relativePath: string) =>
    relativePath.startsWith(`assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'
  // The build writes brotli and gzip copies of its scripts and styles (client/vite.config.ts).
  router.use('/assets', precompressedFiles(path.join(clientDistDir, 'assets'), (relativePath) => cacheControl(path.join('assets', relativePath))))
  router.use(
    express.static(clientDistDir, {
      index: false,
      dotfiles: 'ignore',
      setHeaders: (response, file) => {
        response.setHeader('Cache-Control', cacheControl(path.relative(clientDistDir, file)))
      },
    }),
  )
  router.get([...appPagePaths], (_request, response) => {
    if (!existsSync(indexFile)) throw clientNotBuilt()
    response.set('Cache-Control', 'no-cache').sendFile(indexFile)
  })
  // Browsers ask for /favicon.ico on their own; the client ships an SVG icon.
  router.get('/favicon.ico', (_request, response) => {
    if (existsSync(path.join(clientDistDir, 'favicon.svg'))) response.redirect(301, '/favicon.svg')
    else response.status(204).end()
  })
  // Any other address a browser opens as a page gets the app's own "not found" page, in the
  // person's language, with a 404 status; programs get the JSON 404 of the error handler.
  router.get('/*rest', (request, response, next) => {
    if (!wantsPage(request)) {
      next()
      return
    }
    if (!existsSync(indexFile)) throw clientNotBuilt()
    response.status(404).set('Cache-Control', 'no-cache').sendFile(indexFile)
  })
  return router
}
