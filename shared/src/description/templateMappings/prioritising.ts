// prioritising v1 → needs with their priority.
import type { Need } from '../challengeDescription.ts'
import { areaIndex, entryText, rule, type TemplateMapping } from './mapping.ts'

/** The matrix cells in the template's order: top-left, top-right, bottom-left, bottom-right (up = impact, right = effort). */
const priorities: readonly NonNullable<Need['priority']>[] = ['do-first', 'plan', 'quick-win', 'later']

export const prioritisingV1: TemplateMapping = {
  templateId: 'prioritising',
  version: 1,
  rules: [
    // Only notes placed in a cell were ranked; the parking area holds what the group has not
    // weighed yet. A ranked note that repeats a need from the framing board gives that need its
    // priority (the drafter merges needs by their text).
    rule({
      frame: 'matrix',
      field: 'needs',
      read: (items) => {
        const ranked = items.flatMap((item) => {
          const priority = priorities[areaIndex(item, 'matrix.cell.') ?? -1]
          return priority ? [{ item, priority }] : []
        })
        const value = ranked.map(({ item, priority }): Need => ({ need: entryText(item), who: '', evidence: '', priority }))
        return { value, notes: ranked.map(({ item }) => item) }
      },
    }),
  ],
}

/** Version 2 narrows the instructions for phones and keeps every key: it maps as version 1 does. */
export const prioritisingV2: TemplateMapping = { ...prioritisingV1, version: 2 }
