// stakeholder-mapping v1 → stakeholders. The grid gives interest and influence, the ring the sector,
// and the drafter merges the same actor found in several places by its normalised name.
import type { BoardItem } from '../../board/boardReading.ts'
import type { Sector, Stakeholder } from '../challengeDescription.ts'
import { areaIndex, oneLine, rule, type TemplateMapping } from './mapping.ts'

/** The grid's quadrants in the template's order: top-left, top-right, bottom-left, bottom-right (up = influence, right = interest). */
const quadrants: readonly Pick<Stakeholder, 'influence' | 'interest'>[] = [
  { influence: 'high', interest: 'low' },
  { influence: 'high', interest: 'high' },
  { influence: 'low', interest: 'low' },
  { influence: 'low', interest: 'high' },
]

/** The ring's sectors, clockwise from the top, as the template labels them. */
const sectors: readonly Sector[] = ['municipality', 'business', 'citizens', 'voluntary', 'schools', 'county-state']

function stakeholder(item: BoardItem, fields: Partial<Stakeholder>): Stakeholder {
  return { actor: oneLine(item.text), sector: null, interest: null, influence: null, ...fields }
}

export const stakeholderMappingV1: TemplateMapping = {
  templateId: 'stakeholder-mapping',
  version: 1,
  rules: [
    // A note outside every quadrant is still an actor, with interest and influence unknown.
    rule({
      frame: 'grid',
      field: 'stakeholders',
      read: (items) => {
        const value = items.map((item) => stakeholder(item, quadrants[areaIndex(item, 'grid.cell.') ?? -1] ?? {}))
        return { value, notes: items }
      },
    }),
    // In the ring but outside the six sectors (near the centre) the sector is unknown, not "other":
    // nobody said so.
    rule({
      frame: 'ring',
      field: 'stakeholders',
      read: (items) => {
        const value = items.map((item) => stakeholder(item, { sector: sectors[areaIndex(item, 'ring.sector.') ?? -1] ?? null }))
        return { value, notes: items }
      },
    }),
    // The starting column: the challenge's stakeholder groups the template put there are categories
    // and, left untouched, scaffolding (scaffolding.ts), so they name no actor. A note people wrote
    // there, or a group they renamed ("næringsliv" → "Grue Næringsforening"), is an actor nobody has
    // placed yet.
    rule({ frame: 'groups', field: 'stakeholders', read: (items) => ({ value: items.map((item) => stakeholder(item, {})), notes: items }) }),
  ],
}

/** Version 2 moves the frames for phones and keeps every key: it maps as version 1 does. */
export const stakeholderMappingV2: TemplateMapping = { ...stakeholderMappingV1, version: 2 }
