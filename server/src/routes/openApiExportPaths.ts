import { ChallengeParams } from '../../../shared/src/schema/publicApi.ts'
import { error, operation, parameters, type PathItem, type Response } from './openApiSchema.ts'
import { DraftExportParams, DraftExportQuery, VersionExportParams } from './exports.ts'
import { VersionParams } from './publishedDescriptions.ts'

const download: Response = {
  description:
    'The file, as an attachment named `<title>-v<N>.<ext>` (`-utkast` for the draft): text/markdown, text/html (a printable page that runs no script), ' +
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/json (valid against /api/schemas/challenge-description.json) ' +
    'or text/csv (one row per need and per stakeholder; cells that a spreadsheet would run as a formula start with an apostrophe).',
}
const page = (description: string): Response => ({ description, content: { 'text/html': { schema: { type: 'string' } } } })

/** Exports of challenge descriptions, their JSON Schema, and the public pages. */
export function exportPaths(): Record<string, PathItem> {
  return {
    '/api/challenges/{challengeId}/description/versions/{version}/export/{format}': {
      get: operation({
        summary: 'Download a published version as md, html, docx, json or csv. Never carries participants’ names or internal ids.',
        access: 'public',
        params: VersionExportParams,
        responses: { '200': download, '404': error('No such challenge (challenge_not_found) or version (version_not_found).') },
      }),
    },
    '/api/challenges/{challengeId}/description/export/{format}': {
      get: operation({
        summary:
          'Download the working draft. With `names=include`, Markdown, HTML and DOCX add who wrote each source note (read from the boards now) under a warning: personal data, not for publishing.',
        access: 'facilitator',
        params: DraftExportParams,
        query: DraftExportQuery,
        responses: { '200': download, '404': error('No such challenge (challenge_not_found).') },
      }),
    },
    '/api/schemas/challenge-description.json': {
      get: {
        summary: 'The JSON Schema (2020-12) the JSON export validates against; its `$id` is this address.',
        responses: { '200': { description: 'application/schema+json' } },
      },
    },
    // Pages for people: a bad address is a 404 page, not a 400 JSON error.
    '/utfordring/{challengeId}': {
      get: {
        summary: 'The public page of the newest published version (HTML, no script), with downloads, versions and the changes since the version before.',
        parameters: parameters(ChallengeParams, 'path'),
        responses: { '200': page('The page.'), '404': page('No such challenge, or nothing published yet.') },
      },
    },
    '/utfordring/{challengeId}/v/{version}': {
      get: {
        summary: 'The public page of one published version (HTML, no script).',
        parameters: parameters(VersionParams, 'path'),
        responses: { '200': page('The page.'), '404': page('No such challenge or version.') },
      },
    },
  }
}
