import type { TLAssetStore } from 'tldraw'
import { assetPathPrefix, ownAssetUrl } from '../../../shared/src/board/boardLinks.ts'

/** Why an upload failed, in terms a person can act on. */
export type AssetUploadProblem = 'too-large' | 'unsupported-type' | 'failed'

export interface BoardAssetStoreOptions {
  boardId: string
  /** Told about every failed upload, e.g. to show a message in the person's language. */
  onUploadProblem(problem: AssetUploadProblem): void
  fetch?: typeof fetch
  /** The page's origin, which asset URLs must stay on (default: `location.origin`). */
  origin?: string
}

/** Maps an HTTP status of the upload route to the problem to report. */
export function uploadProblemFor(status: number): AssetUploadProblem {
  if (status === 413) return 'too-large'
  if (status === 415) return 'unsupported-type'
  return 'failed'
}

function uploadedUrl(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null
  const url = (body as { url?: unknown }).url
  // Only our own asset route: the board must never point at another host or a data: URL.
  return typeof url === 'string' && url.startsWith(assetPathPrefix) ? url : null
}

/**
 * tldraw's asset store for a board: files dropped or pasted on the board are uploaded to
 * `POST /api/boards/<boardId>/assets` and referenced by the URL the server returns, never
 * inlined into the document. Only our own asset URLs are ever resolved for display.
 */
export function createBoardAssetStore({
  boardId,
  onUploadProblem,
  fetch: fetchImpl = (input, init) => globalThis.fetch(input, init),
  origin = globalThis.location.origin,
}: BoardAssetStoreOptions): TLAssetStore {
  const uploadUrl = `/api/boards/${encodeURIComponent(boardId)}/assets`
  const fail = (problem: AssetUploadProblem, detail: string): never => {
    onUploadProblem(problem)
    throw new Error(`Asset upload failed (${problem}): ${detail}`)
  }
  return {
    async upload(_asset, file, abortSignal) {
      let response: Response
      try {
        response = await fetchImpl(uploadUrl, {
          method: 'POST',
          body: file,
          headers: { 'Content-Type': file.type || 'application/octet-stream' },
          signal: abortSignal,
        })
      } catch (error) {
        if (abortSignal?.aborted) throw error
        return fail('failed', error instanceof Error ? error.message : 'network error')
      }
      if (!response.ok) return fail(uploadProblemFor(response.status), `HTTP ${response.status}`)
      const url = uploadedUrl(await response.json().catch(() => null))
      if (url === null) return fail('failed', 'unexpected response')
      return { src: url }
    },
    resolve(asset) {
      return ownAssetUrl(asset.props.src, origin)
    },
  }
}
