import { createRequire } from 'node:module'
import path from 'node:path'
import express, { Router } from 'express'

/** The folders of @tldraw/assets the editor loads (fonts, icons, translations, embed icons). */
const servedFolders = ['fonts', 'icons', 'translations', 'embed-icons'] as const

/** Where the installed @tldraw/assets package lives. */
export function tldrawAssetsDir(): string {
  return path.dirname(createRequire(import.meta.url).resolve('@tldraw/assets/package.json'))
}

/**
 * `/tldraw-assets/<folder>/...`: tldraw's own files from our origin, so the
 * board never asks a CDN (the client passes `getAssetUrls({ baseUrl: '/tldraw-assets' })`).
 * They change only with the pinned tldraw version, so a day of caching is safe.
 */
export function tldrawAssetsRouter(): Router {
  const root = tldrawAssetsDir()
  const router = Router()
  for (const folder of servedFolders) {
    router.use(
      `/${folder}`,
      express.static(path.join(root, folder), { index: false, fallthrough: true, maxAge: '1d', dotfiles: 'ignore' }),
    )
  }
  return router
}
