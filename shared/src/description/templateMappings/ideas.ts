// ideas v1 → goals.
import { entryText, rule, type TemplateMapping } from './mapping.ts'

export const ideasV1: TemplateMapping = {
  templateId: 'ideas',
  version: 1,
  rules: [
    // Goals: the clusters are the ideas the group kept and named together, and a named pile ("more
    // places to meet") says what should get better, which is a goal. They are not existing
    // initiatives: nothing on this board exists yet. The brainwriting areas are left out on purpose:
    // they hold every idea unfiltered, and a description says what is wanted, not how to do it.
    rule({ frame: 'clusters', field: 'goals', read: (items) => ({ value: items.map(entryText), notes: items }) }),
  ],
}

/** Version 2 moves the frames for phones and keeps every key: it maps as version 1 does. */
export const ideasV2: TemplateMapping = { ...ideasV1, version: 2 }
