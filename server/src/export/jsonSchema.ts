import { z } from 'zod'
import { PublicDescription, PublicDescriptionFields } from '../description/publicDescription.ts'
import { fieldLabels } from '../../../shared/src/description/labels.ts'

// The JSON export is what the public JSON API answers for a version (no board,
// step or shape ids; see description/publicDescription.ts), plus `$schema` and
// `status`, with version and publishing facts null for a draft. Its JSON
// Schema is generated from the same zod schema, with the English labels as
// titles and their hints as descriptions (labels.ts), so that it reads the
// same for every language form.

/** Where the schema is served, relative to the public URL. */
export const schemaPath = '/api/schemas/challenge-description.json'

/** The fields, each titled with its English label and described by its hint. */
const LabelledFields = PublicDescriptionFields.extend(
  Object.fromEntries(
    Object.entries(PublicDescriptionFields.shape).map(([key, schema]) => {
      const { label, hint } = fieldLabels[key as keyof typeof fieldLabels]
      return [key, schema.meta({ title: label.en, description: hint.en })]
    }),
  ) as typeof PublicDescriptionFields.shape,
)

/** The JSON export of a challenge description (utfordringsbeskrivelse), published or draft. */
export const DescriptionJson = PublicDescription.extend({
  $schema: z.url().meta({ title: 'Schema', description: 'The address of this JSON Schema.' }),
  status: z.enum(['draft', 'published']).meta({ title: 'Status', description: 'A published version, or the working draft.' }),
  version: z.int().min(1).nullable().meta({ title: 'Version', description: 'The version number; null for a draft.' }),
  publishedAt: z.iso.datetime({ offset: true }).nullable().meta({ title: 'Published at', description: 'When it was published; null for a draft.' }),
  publishedBy: z.string().nullable().meta({ title: 'Published by', description: 'Who published it for the municipality; null for a draft.' }),
  fields: LabelledFields.meta({ title: 'Fields', description: 'The description. Free text is Markdown.' }),
  sources: PublicDescription.shape.sources.meta({
    title: 'Sources',
    description: 'Per field: the workshop steps and board frames its drafted text came from, with the notes’ texts.',
  }),
})
export type DescriptionJson = z.infer<typeof DescriptionJson>

/** `GET /api/schemas/challenge-description.json`: the JSON Schema (2020-12) of the JSON export. */
export function challengeDescriptionJsonSchema(publicUrl: string): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(DescriptionJson, { target: 'draft-2020-12', io: 'output' })
  return {
    $schema,
    $id: new URL(schemaPath, publicUrl).href,
    title: 'Challenge description (utfordringsbeskrivelse)',
    description:
      'A challenge description exported from Samskap: a municipality’s challenge, its needs and stakeholders, in bokmål or nynorsk.',
    ...rest,
  }
}
