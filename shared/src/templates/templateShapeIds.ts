import { createShapeId, type TLShapeId } from '@tldraw/tlschema'

// A template's shapes have ids that say where they come from: `shape:<templateId>.v<version>.<key>`.
// People's shapes get tldraw's random ids, which have no dots, so the two never meet: the reader
// finds a template's areas by these ids, and the relay keeps their structure for facilitators.

const templateShapeIdPattern = /^shape:([a-z0-9-]+)\.v(\d+)\.(.+)$/

/** What a template shape id says: the template, its version and the shape's key in it. */
export interface TemplateShapeIdParts {
  templateId: string
  version: number
  key: string
}

/** The id of shape `key` in version `version` of template `templateId`. */
export function templateShapeId(templateId: string, version: number, key: string): TLShapeId {
  return createShapeId(`${templateId}.v${version}.${key}`)
}

/** The parts of a template shape id, or null for any other id. */
export function parseTemplateShapeId(id: string): TemplateShapeIdParts | null {
  const match = templateShapeIdPattern.exec(id)
  if (match === null) return null
  return { templateId: match[1] as string, version: Number(match[2]), key: match[3] as string }
}
