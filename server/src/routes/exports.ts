import { Router, type Response } from 'express'
import { z } from 'zod'
import type { DescriptionDraft } from '../../../shared/src/description/challengeDescription.ts'
import { ExportFormat } from '../../../shared/src/description/descriptionApi.ts'
import { initialDraft } from '../../../shared/src/description/mergeDraft.ts'
import { readBoard } from '../../../shared/src/board/readBoard.ts'
import { EntityId } from '../../../shared/src/schema/entityId.ts'
import { requireFacilitator } from '../auth/requestAccess.ts'
import { challengeFacts } from '../description/challengeFacts.ts'
import { challengeNotFound } from '../errors.ts'
import { loadBoardDoc } from '../description/workshopBoards.ts'
import { renderExport, type RenderedExport } from '../export/exportFormats.ts'
import { fromDraft, fromPublished, noteKey } from '../export/exportInput.ts'
import { challengeDescriptionJsonSchema } from '../export/jsonSchema.ts'
import { documentContentSecurityPolicy } from '../export/printCss.ts'
import type { BoardStore } from '../store/BoardStore.ts'
import type { DescriptionStore } from '../store/DescriptionStore.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import { draftChallenge, withFacts } from './descriptions.ts'
import { publishedVersion, VersionParams } from './publishedDescriptions.ts'
import { parseRequestPart } from './requestValidation.ts'

export interface ExportDeps {
  domain: DomainStore
  boards: BoardStore
  descriptions: DescriptionStore
  now: () => number
  /** The address the JSON export's `$schema` and the schema's `$id` are built on. */
  publicUrl: string
}

export const VersionExportParams = VersionParams.extend({ format: ExportFormat })
export const DraftExportParams = z.strictObject({ challengeId: EntityId, format: ExportFormat })
export const DraftExportQuery = z.strictObject({
  names: z
    .literal('include')
    .optional()
    .meta({ description: '`include`: add the names of the notes’ authors (personal data; Markdown, HTML and DOCX only).' }),
})

/**
 * Downloads of a challenge description:
 * `GET /api/challenges/:challengeId/description/versions/:version/export/:format` (anyone; never names),
 * `GET /api/challenges/:challengeId/description/export/:format?names=include` (facilitators: the draft, with
 * the notes' authors only when asked), and `GET /api/schemas/challenge-description.json`.
 */
export function exportsRouter(deps: ExportDeps): Router {
  const router = Router()
  const schema = challengeDescriptionJsonSchema(deps.publicUrl)

  router.get('/challenges/:challengeId/description/versions/:version/export/:format', async (request, response) => {
    const { challengeId, version, format } = parseRequestPart(VersionExportParams, request.params, 'path parameters')
    const published = await publishedVersion(deps, challengeId, version)
    sendExport(response, await renderExport(format, fromPublished(published), deps.publicUrl), 'no-cache')
  })

  router.get('/challenges/:challengeId/description/export/:format', async (request, response) => {
    requireFacilitator(request, response)
    const { challengeId, format } = parseRequestPart(DraftExportParams, request.params, 'path parameters')
    const { names } = parseRequestPart(DraftExportQuery, request.query, 'query parameters')
    const challenge = await deps.domain.getChallenge(challengeId)
    if (challenge === null) throw challengeNotFound(challengeId)
    const facts = await challengeFacts(deps.domain, challenge)
    const now = new Date(deps.now()).toISOString()
    const stored = await deps.descriptions.getDraft(challenge.id)
    const draft = withFacts(stored ?? initialDraft(draftChallenge(challenge, facts), facts.languageForm, now), facts)
    const authors = names === 'include' ? await noteAuthors(deps.boards, draft) : undefined
    // A draft is work in progress, and with names it is personal data: no cache may keep it.
    sendExport(response, await renderExport(format, fromDraft(draft, authors), deps.publicUrl), 'no-store')
  })

  router.get('/schemas/challenge-description.json', (_request, response) => {
    response.set('Cache-Control', 'no-cache').type('application/schema+json').send(JSON.stringify(schema, null, 2))
  })

  return router
}

function sendExport(response: Response, rendered: RenderedExport, cacheControl: 'no-cache' | 'no-store'): void {
  response
    .status(200)
    .set({
      'Content-Type': rendered.contentType,
      // ASCII file names of whole words (export/fileName.ts), so the plain filename parameter is enough.
      'Content-Disposition': `attachment; filename="${rendered.fileName}"`,
      'X-Content-Type-Options': 'nosniff',
      // Should a browser show the file after all (an HTML export opened in place), nothing in it runs.
      'Content-Security-Policy': documentContentSecurityPolicy,
      'Cache-Control': cacheControl,
    })
    .send(rendered.body)
}

/**
 * Who wrote each source note, read from the boards now (drafts store no
 * names): the tldraw user name of the note's last text edit, keyed by board
 * and note. Notes deleted since, or without a recorded author, get none.
 */
async function noteAuthors(boards: BoardStore, draft: DescriptionDraft): Promise<Map<string, string>> {
  const wanted = new Map<string, Set<string>>()
  for (const provenance of Object.values(draft.provenance)) {
    for (const ref of provenance?.sources ?? []) {
      const notes = wanted.get(ref.boardId) ?? new Set<string>()
      for (const note of ref.notes) notes.add(note.id)
      wanted.set(ref.boardId, notes)
    }
  }
  const authors = new Map<string, string>()
  for (const [boardId, noteIds] of wanted) {
    const doc = await loadBoardDoc(boards, boardId)
    try {
      const reading = readBoard(doc)
      const items = [...reading.frames.flatMap((frame) => frame.items), ...reading.loose]
      for (const item of items) {
        if (noteIds.has(item.id) && item.authorName !== null && item.authorName.trim() !== '') authors.set(noteKey(boardId, item.id), item.authorName)
      }
    } finally {
      doc.destroy()
    }
  }
  return authors
}
