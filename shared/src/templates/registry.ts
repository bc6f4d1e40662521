// The released method templates, and building a step's board from (template id, version, language, challenge).
import { BoardRecords } from './boardRecords.ts'
import { challengeFraming } from './challengeFraming.ts'
import { ideas } from './ideas.ts'
import { prioritising } from './prioritising.ts'
import { prototyping } from './prototyping.ts'
import { stakeholderMapping } from './stakeholderMapping.ts'
import {
  templateIds,
  templateLanguages,
  type MethodTemplate,
  type TemplateBoard,
  type TemplateChallenge,
  type TemplateId,
  type TemplateLanguage,
} from './types.ts'

/** What a step records to rebuild its board exactly. */
export interface TemplateBoardRequest {
  templateId: string
  version: number
  language: string
  challenge: TemplateChallenge
}

export type TemplateErrorCode = 'unknown_template' | 'unknown_template_version' | 'unknown_language' | 'invalid_challenge'

/** A request that names no released template, version or language, or carries a malformed challenge. */
export class TemplateError extends Error {
  readonly code: TemplateErrorCode
  constructor(code: TemplateErrorCode, message: string) {
    super(message)
    this.name = 'TemplateError'
    this.code = code
  }
}

export interface TemplateRegistry {
  /** Every template in the order a workshop usually uses them. */
  readonly templates: readonly MethodTemplate[]
  get(templateId: string): MethodTemplate
  /** The newest version of a template; new steps use it. */
  latestVersion(templateId: string): number
  /**
   * The records of a step's initial board: one page and its shapes, with ids derived from template id
   * and version, so the same request always gives the same records.
   * @example registry.build({ templateId: 'ideas', version: 1, language: 'nn', challenge })
   */
  build(request: TemplateBoardRequest): TemplateBoard
}

/** A registry over the given templates (tests build one with fewer versions to show that old ones stand alone). */
export function createTemplateRegistry(templates: readonly MethodTemplate[]): TemplateRegistry {
  const byId = new Map<string, MethodTemplate>()
  for (const template of templates) {
    if (byId.has(template.id)) throw new Error(`Template ${template.id} is registered twice`)
    byId.set(template.id, template)
  }
  const get = (templateId: string): MethodTemplate => {
    const template = byId.get(templateId)
    if (!template) {
      throw new TemplateError('unknown_template', `There is no method template "${templateId}"; known: ${[...byId.keys()].join(', ')}`)
    }
    return template
  }
  return Object.freeze({
    templates: Object.freeze([...templates]),
    get,
    latestVersion: (templateId: string) => get(templateId).versions.length,
    build: ({ templateId, version, language, challenge }: TemplateBoardRequest): TemplateBoard => {
      const template = get(templateId)
      const entry = template.versions.find((candidate) => candidate.version === version)
      if (!entry) {
        throw new TemplateError(
          'unknown_template_version',
          `Template "${templateId}" has no version ${String(version)}; released: ${template.versions.map((v) => v.version).join(', ')}`,
        )
      }
      if (!isTemplateLanguage(language)) {
        throw new TemplateError('unknown_language', `Language "${language}" is not one of ${templateLanguages.join(', ')}`)
      }
      checkChallenge(challenge)
      const board = new BoardRecords(template.id, entry.version, template.name[language])
      entry.build({ language, challenge }, board)
      return { records: board.records() }
    },
  })
}

export function isTemplateLanguage(value: string): value is TemplateLanguage {
  return (templateLanguages as readonly string[]).includes(value)
}

export function isTemplateId(value: string): value is TemplateId {
  return (templateIds as readonly string[]).includes(value)
}

/** The challenge type is checked at compile time; this catches untyped callers (JSON, database rows). */
function checkChallenge(challenge: TemplateChallenge): void {
  const value = challenge as unknown as Record<string, unknown>
  for (const field of ['title', 'summary', 'municipality'] as const) {
    if (typeof value[field] !== 'string') {
      throw new TemplateError('invalid_challenge', `The challenge's ${field} must be text`)
    }
  }
  for (const field of ['problemStatements', 'stakeholderGroups'] as const) {
    const list = value[field]
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
      throw new TemplateError('invalid_challenge', `The challenge's ${field} must be a list of texts`)
    }
  }
}

/** The released templates. */
export const methodTemplates: TemplateRegistry = createTemplateRegistry([
  challengeFraming,
  stakeholderMapping,
  ideas,
  prototyping,
  prioritising,
])
