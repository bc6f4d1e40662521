import { randomBytes } from 'node:crypto'
import express, { Router, type RequestHandler } from 'express'
import { fileTypeFromBuffer } from 'file-type'
import { isBoardId } from '../../../shared/src/protocol/boardId.ts'
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import type { BoardStore } from '../store/BoardStore.ts'
import {
  boardNotWritable,
  emptyUpload,
  invalidAssetId,
  invalidBoardId,
  notFound,
  notSignedIn,
  originNotAllowed,
  unsupportedAssetType,
} from '../errors.ts'
import type { BoardAccess } from '../relay/boardAccess.ts'
import { isOriginAllowed } from '../relay/originPolicy.ts'
import { assetContentSecurityPolicy } from './securityHeaders.ts'

/** What may be uploaded, decided by sniffing the content. SVG is not here: it can carry scripts. */
export const allowedAssetTypes: readonly string[] = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'video/mp4',
  'video/webm',
]

const assetIdPattern = /^[A-Za-z0-9_-]{16,64}$/

export interface AssetDeps {
  store: BoardStore
  maxAssetBytes: number
  /** Config.allowedOrigins: uploads follow the same origin policy as board sockets. */
  allowedOrigins: readonly string[] | null
  /** Who may open which board: uploads are taken from those who may change it (not observers). */
  boardAccess: BoardAccess
}

/** The response to an upload. */
export interface UploadedAsset {
  id: string
  url: string
  mimeType: string
}

/**
 * `POST /api/boards/:boardId/assets` takes the file as the raw body (any
 * Content-Type, any name: only the content decides) and answers 201 with its
 * URL; a page from an origin the policy refuses gets 403 (a cross-site form
 * post could otherwise store files), and so does anyone the board's socket
 * would refuse or admit only as an observer (401 without a session).
 * `GET /api/assets/:assetId` serves it with the sniffed type and headers that
 * keep a browser from running it.
 */
export function assetsRouter({ store, maxAssetBytes, allowedOrigins, boardAccess }: AssetDeps): Router {
  const router = Router()
  // Their own registrations, before the body parser: a refused upload is not even read.
  router.post('/boards/:boardId/assets', refuseForeignOrigins(allowedOrigins))
  router.post('/boards/:boardId/assets', async (request, _response, next) => {
    const boardId = request.params['boardId'] ?? ''
    if (!isBoardId(boardId)) throw invalidBoardId()
    const decision = await boardAccess.authorize(request.headers, boardId)
    if (decision.kind === 'refused') {
      throw decision.closeCode === CloseCode.notAuthenticated ? notSignedIn() : boardNotWritable(decision.closeCode.reason)
    }
    if (decision.role === 'observer') throw boardNotWritable(CloseCode.readOnlyRole.reason)
    next()
  })
  router.post(
    '/boards/:boardId/assets',
    express.raw({ type: () => true, limit: maxAssetBytes }),
    async (request, response) => {
      const boardId = request.params['boardId'] ?? ''
      if (!isBoardId(boardId)) throw invalidBoardId()
      const body: unknown = request.body
      if (!(body instanceof Uint8Array) || body.length === 0) throw emptyUpload()
      const sniffed = await fileTypeFromBuffer(body)
      if (sniffed === undefined || !allowedAssetTypes.includes(sniffed.mime)) throw unsupportedAssetType(allowedAssetTypes)
      const id = randomBytes(16).toString('base64url')
      await store.putAsset({ id, boardId, mimeType: sniffed.mime, bytes: body, createdAt: Date.now() })
      const uploaded: UploadedAsset = { id, url: `/api/assets/${id}`, mimeType: sniffed.mime }
      response.status(201).location(uploaded.url).json(uploaded)
    },
  )
  router.get('/assets/:assetId', async (request, response) => {
    const assetId = request.params['assetId'] ?? ''
    if (!assetIdPattern.test(assetId)) throw invalidAssetId()
    // An upload's bytes never change, but the upload can go (a person's erasure, a deleted board):
    // browsers ask again before each use and get 304 while it exists and 404 once it is gone, and
    // shared caches (a municipality's proxy) keep no copy of a photo of someone.
    const validation = { 'Cache-Control': 'private, no-cache', ETag: `"${assetId}"` }
    if (request.headers['if-none-match'] !== undefined) {
      // Asking whether its copy still holds: answered without reading the bytes.
      if (!(await store.hasAsset(assetId))) throw notFound('The asset')
      response.set(validation)
      if (request.fresh) {
        response.status(304).end()
        return
      }
    }
    const asset = await store.getAsset(assetId)
    if (asset === null) throw notFound('The asset')
    response.set({
      ...validation,
      'Content-Type': asset.mimeType,
      'Content-Length': String(asset.bytes.length),
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'inline',
      'Content-Security-Policy': assetContentSecurityPolicy,
    })
    response.end(Buffer.from(asset.bytes.buffer, asset.bytes.byteOffset, asset.bytes.byteLength))
  })
  return router
}

function refuseForeignOrigins(allowedOrigins: readonly string[] | null): RequestHandler {
  return (request, _response, next) => {
    if (!isOriginAllowed(request.headers, allowedOrigins)) throw originNotAllowed()
    next()
  }
}
