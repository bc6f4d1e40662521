import { z } from 'zod'

// Building blocks of /api/openapi.json: JSON Schema from the zod schemas that
// validate requests, and a compact way to write one operation.

export type JsonSchema = z.core.JSONSchema.BaseSchema

export interface Parameter {
  name: string
  in: 'query' | 'path' | 'header'
  required: boolean
  description?: string
  schema: JsonSchema
}

export interface Response {
  description: string
  content?: Record<string, { schema: JsonSchema }>
}

export interface Operation {
  summary: string
  parameters?: Parameter[]
  requestBody?: unknown
  responses: Record<string, Response>
  /** Which session cookies the operation accepts; absent: public. */
  security?: Record<string, string[]>[]
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'
export type PathItem = Partial<Record<Method, Operation>>

/** OpenAPI 3.1 takes JSON Schema 2020-12 as it is; the dialect is the document's, so `$schema` goes. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io })
  return rest
}

/** The parameters of one request part, from the zod object that validates it. */
export function parameters(schema: z.ZodType, location: 'query' | 'path'): Parameter[] {
  const object = jsonSchema(schema, 'input')
  const required = new Set(object.required ?? [])
  return Object.entries(object.properties ?? {}).flatMap(([name, property]): Parameter[] => {
    if (typeof property === 'boolean') return []
    const { description, ...rest } = property
    const parameter: Parameter = { name, in: location, required: location === 'path' || required.has(name), schema: rest }
    return [description === undefined ? parameter : { ...parameter, description }]
  })
}

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
export const json = (name: string) => ({ 'application/json': { schema: ref(name) } })
export const error = (description: string): Response => ({ description, content: json('ApiError') })
export const jsonBody = (name: string) => ({ required: true, content: json(name) })

/** Who may call an operation: anyone, signed-in facilitators, or the workshop's role holders. */
export type Access = 'public' | 'facilitator' | 'workshop'

const securityOf: Record<Access, Record<string, string[]>[] | undefined> = {
  public: undefined,
  facilitator: [{ facilitatorSession: [] }],
  workshop: [{ facilitatorSession: [] }, { guestSession: [] }],
}

/** The session cookies, as OpenAPI security schemes. */
export const securitySchemes = {
  facilitatorSession: { type: 'apiKey', in: 'cookie', name: 'samskap_facilitator', description: 'A facilitator’s session (12 h).' },
  guestSession: { type: 'apiKey', in: 'cookie', name: 'samskap_guest', description: 'A participant’s or observer’s session in one workshop (24 h).' },
} as const

const csrfHeader: Parameter = {
  name: 'X-CSRF-Token',
  in: 'header',
  required: true,
  description: 'The csrfToken of the session (GET /api/session); without it, 403 csrf_token_invalid.',
  schema: { type: 'string' },
}

const sessionErrors = (access: Access): Record<string, Response> =>
  access === 'public'
    ? {}
    : {
        '401': error('No session (not_signed_in).'),
        '403': error(
          access === 'facilitator'
            ? 'A participant or observer (facilitators_only), or no X-CSRF-Token (csrf_token_invalid).'
            : 'A guest of another workshop (wrong_workshop), or no X-CSRF-Token (csrf_token_invalid).',
        ),
      }

export interface OperationSpec {
  summary: string
  access: Access
  /** Changing requests that rely on a session need the CSRF header. */
  unsafe?: boolean
  params?: z.ZodType
  query?: z.ZodType
  /** Component name of the JSON body. */
  body?: string
  responses: Record<string, Response>
}

/** One operation, with the session, CSRF and validation answers every such operation shares. */
export function operation(spec: OperationSpec): Operation {
  const parameterList = [
    ...(spec.params === undefined ? [] : parameters(spec.params, 'path')),
    ...(spec.query === undefined ? [] : parameters(spec.query, 'query')),
    ...(spec.unsafe === true && spec.access !== 'public' ? [csrfHeader] : []),
  ]
  const validated = spec.params !== undefined || spec.query !== undefined || spec.body !== undefined
  const security = securityOf[spec.access]
  return {
    summary: spec.summary,
    ...(parameterList.length === 0 ? {} : { parameters: parameterList }),
    ...(spec.body === undefined ? {} : { requestBody: jsonBody(spec.body) }),
    responses: {
      ...spec.responses,
      ...(validated ? { '400': error('A parameter or body field is invalid (invalid_request, naming each).') } : {}),
      ...sessionErrors(spec.access),
      ...pick(spec.responses, ['400', '401', '403']),
    },
    ...(security === undefined ? {} : { security }),
  }
}

function pick(responses: Record<string, Response>, statuses: string[]): Record<string, Response> {
  return Object.fromEntries(Object.entries(responses).filter(([status]) => statuses.includes(status)))
}
