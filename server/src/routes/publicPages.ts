import { Router, type Response } from 'express'
import { z } from 'zod'
import type { PublishedDescription } from '../../../shared/src/description/challengeDescription.ts'
import type { DescriptionDiff } from '../../../shared/src/description/descriptionApi.ts'
import { diffDescriptions } from '../../../shared/src/description/diffDescriptions.ts'
import { EntityId } from '../../../shared/src/schema/entityId.ts'
import { documentContentSecurityPolicy } from '../export/printCss.ts'
import { renderNotFoundPage, renderPublicPage } from '../export/publicPage.ts'
import type { DescriptionStore } from '../store/DescriptionStore.ts'
import { VersionNumber } from './publishedDescriptions.ts'

const PageParams = z.strictObject({ challengeId: EntityId, version: VersionNumber.optional() })

/**
 * The public pages of published challenge descriptions, server-rendered with
 * no script at all: `GET /utfordring/:challengeId` (the newest version) and
 * `GET /utfordring/:challengeId/v/:version`. For people rather than programs,
 * so a bad address or an unpublished challenge is a 404 page, not JSON.
 */
export function publicPagesRouter(descriptions: DescriptionStore): Router {
  const router = Router()
  router.get(['/utfordring/:challengeId', '/utfordring/:challengeId/v/:version'], async (request, response) => {
    const params = PageParams.safeParse(request.params)
    const versions = params.success ? await descriptions.listVersions(params.data.challengeId) : []
    const wanted = params.success ? params.data.version : undefined
    const shown = wanted === undefined ? versions[0] : versions.find((published) => published.version === wanted)
    if (shown === undefined) {
      sendPage(response, 404, renderNotFoundPage(versions[0]?.fields.languageForm))
      return
    }
    sendPage(response, 200, renderPublicPage({ published: shown, versions, diff: diffToPrevious(shown, versions) }))
  })
  // Any other address under /utfordring is a page that does not exist, not the app or a JSON error.
  router.get(['/utfordring', '/utfordring/*rest'], (_request, response) => sendPage(response, 404, renderNotFoundPage()))
  return router
}

/** From the version before (versions are numbered 1, 2, … with none missing) to `shown`. */
function diffToPrevious(shown: PublishedDescription, versions: readonly PublishedDescription[]): DescriptionDiff | null {
  const previous = versions.find((published) => published.version === shown.version - 1)
  if (previous === undefined) return null
  return { from: previous.version, to: shown.version, changes: diffDescriptions(previous.fields, shown.fields) }
}

function sendPage(response: Response, status: number, html: string): void {
  response
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      // Replaces the app's policy: these pages run no script at all, and allow only their own stylesheet.
      'Content-Security-Policy': documentContentSecurityPolicy,
      'Cache-Control': 'no-cache',
    })
    .send(html)
}
