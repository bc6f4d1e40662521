import { ChallengeParams, ChallengeQuery, MunicipalityQuery } from '../../../shared/src/schema/publicApi.ts'
import { allowedAssetTypes } from './assets.ts'
import { error, json, parameters, type PathItem } from './openApiSchema.ts'

/** The public read API, the client configuration and board uploads. */
export function publicPaths(): Record<string, PathItem> {
  return {
    '/api/municipalities': {
      get: {
        summary: 'List the municipalities (kommuner), by name, optionally searched by name or county.',
        parameters: parameters(MunicipalityQuery, 'query'),
        responses: {
          '200': { description: 'The matching municipalities.', content: json('MunicipalityList') },
          '400': error('A query parameter is invalid (invalid_request, naming it).'),
        },
      },
    },
    '/api/challenges': {
      get: {
        summary: 'List the challenges (utfordringer), by name, optionally searched and filtered.',
        parameters: parameters(ChallengeQuery, 'query'),
        responses: {
          '200': { description: 'The matching challenges.', content: json('ChallengeList') },
          '400': error('A query parameter is invalid (invalid_request, naming it).'),
        },
      },
    },
    '/api/challenges/{challengeId}': {
      get: {
        summary: 'One challenge, with its lead, co-applicant and follower municipalities by name.',
        parameters: parameters(ChallengeParams, 'path'),
        responses: {
          '200': { description: 'The challenge.', content: json('ChallengeDetail') },
          '400': error('The id is not a valid id (invalid_request, naming challengeId).'),
          '404': error('There is no such challenge (challenge_not_found).'),
        },
      },
    },
    '/api/openapi.json': {
      get: { summary: 'This document.', responses: { '200': { description: 'An OpenAPI 3.1 document.' } } },
    },
    '/api/config': {
      get: {
        summary: 'What the web client needs from the server’s configuration (tldraw licence key, upload limit, who may open free boards, which hosts may be embedded, where to report accessibility problems).',
        responses: {
          '200': {
            description:
              "`{ tldrawLicenseKey: string | null, maxAssetBytes: number, scratchBoards: 'facilitators' | 'anyone', embedHosts: string[], accessibilityContact: string | null }`",
          },
        },
      },
    },
    '/api/boards/{boardId}/assets': {
      post: {
        summary: `Upload an image or video for a board as the raw body; its type is decided by its content (${allowedAssetTypes.join(', ')}).`,
        parameters: [{ name: 'boardId', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
        responses: {
          '201': { description: '`{ id, url, mimeType }`; the Location header is the url.' },
          '400': error('Bad board id or empty body.'),
          '401': error('The board belongs to a workshop and the request carries no session (not_signed_in).'),
          '403': error(
            'The page’s origin is not allowed (origin_not_allowed), or the session may not change this board: an observer, another workshop’s guest, a workshop that is not open, or a board outside any workshop when SCRATCH_BOARDS=facilitators (board_not_writable).',
          ),
          '413': error('Larger than the configured limit (payload_too_large).'),
          '415': error('Not an allowed type (unsupported_media_type).'),
        },
      },
    },
    '/api/assets/{assetId}': {
      get: {
        summary: 'An uploaded file, with its sniffed content type, `nosniff` and a sandboxing CSP.',
        parameters: [{ name: 'assetId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'The bytes.' }, '400': error('Bad asset id.'), '404': error('No such asset.') },
      },
    },
  }
}
