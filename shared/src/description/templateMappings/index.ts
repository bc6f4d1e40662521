// Every released template version's mapping, keyed by template id and version: a new template version
// gets a mapping of its own, and boards built from an older version keep mapping by the old one.
import { challengeFramingV1, challengeFramingV2 } from './challengeFraming.ts'
import { ideasV1, ideasV2 } from './ideas.ts'
import type { TemplateMapping } from './mapping.ts'
import { prioritisingV1, prioritisingV2 } from './prioritising.ts'
import { prototypingV1, prototypingV2 } from './prototyping.ts'
import { stakeholderMappingV1, stakeholderMappingV2 } from './stakeholderMapping.ts'

export type { Contribution, DraftStep, MappingContext, TemplateMapping } from './mapping.ts'

export const templateMappings: readonly TemplateMapping[] = [
  challengeFramingV1,
  challengeFramingV2,
  stakeholderMappingV1,
  stakeholderMappingV2,
  ideasV1,
  ideasV2,
  prototypingV1,
  prototypingV2,
  prioritisingV1,
  prioritisingV2,
]

const byKey = new Map(templateMappings.map((mapping) => [`${mapping.templateId}@${mapping.version}`, mapping]))

/** The mapping of one template version, or null (a free board, or a version nobody mapped: it adds nothing). */
export function findMapping(templateId: string, version: number): TemplateMapping | null {
  return byKey.get(`${templateId}@${version}`) ?? null
}
