import { Router } from 'express'
import { z } from 'zod'
import {
  ApiError,
  ChallengeDetail,
  ChallengeList,
  ChallengeParams,
  ChallengeQuery,
  MunicipalityList,
  MunicipalityQuery,
} from '../../../shared/src/schema/publicApi.ts'
import { allowedAssetTypes } from './assets.ts'

type JsonSchema = z.core.JSONSchema.BaseSchema

interface Parameter {
  name: string
  in: 'query' | 'path'
  required: boolean
  description?: string
  schema: JsonSchema
}

interface Operation {
  summary: string
  parameters?: Parameter[]
  requestBody?: unknown
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>
}

/** An OpenAPI 3.1 document; only the parts this API uses. */
export interface OpenApiDocument {
  openapi: string
  info: { title: string; version: string; description: string }
  paths: Record<string, Partial<Record<'get' | 'post', Operation>>>
  components: { schemas: Record<string, JsonSchema> }
}

/** OpenAPI 3.1 takes JSON Schema 2020-12 as it is; the dialect is the document's, so `$schema` goes. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io })
  return rest
}

/** The parameters of one request part, from the zod object that validates it. */
function parameters(schema: z.ZodType, location: 'query' | 'path'): Parameter[] {
  const object = jsonSchema(schema, 'input')
  const required = new Set(object.required ?? [])
  return Object.entries(object.properties ?? {}).flatMap(([name, property]): Parameter[] => {
    if (typeof property === 'boolean') return []
    const { description, ...rest } = property
    const parameter: Parameter = { name, in: location, required: location === 'path' || required.has(name), schema: rest }
    return [description === undefined ? parameter : { ...parameter, description }]
  })
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (name: string) => ({ 'application/json': { schema: ref(name) } })
const error = (description: string) => ({ description, content: json('ApiError') })

/** The API described from the same zod schemas that validate its requests. */
export function openApiDocument(): OpenApiDocument {
  return {
    openapi: '3.1.1',
    info: {
      title: 'Samskap API',
      version: '1',
      description:
        'The programme’s municipalities and challenges (read-only, public), the client configuration and board uploads. ' +
        'Every error is JSON `{ error: { code, message, fields? } }` with a stable code.',
    },
    paths: {
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
          summary: 'What the web client needs from the server’s configuration (tldraw licence key, upload limit).',
          responses: { '200': { description: '`{ tldrawLicenseKey: string | null, maxAssetBytes: number }`' } },
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
            '403': error('The page’s origin is not allowed (origin_not_allowed).'),
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
    },
    components: {
      schemas: {
        MunicipalityList: jsonSchema(MunicipalityList, 'output'),
        ChallengeList: jsonSchema(ChallengeList, 'output'),
        ChallengeDetail: jsonSchema(ChallengeDetail, 'output'),
        ApiError: jsonSchema(ApiError, 'output'),
      },
    },
  }
}

/** `GET /api/openapi.json`. */
export function openApiRouter(): Router {
  const body = openApiDocument()
  const router = Router()
  router.get('/openapi.json', (_request, response) => {
    response.set('Cache-Control', 'no-cache').json(body)
  })
  return router
}
