// challenge-framing v1 → title, problemStatement, needs, background, risks.
import type { BoardItem } from '../../board/boardReading.ts'
import type { Need } from '../challengeDescription.ts'
import { draftingTexts } from '../labels.ts'
import { areaIndex, entryText, headed, markdownList, normalizeText, oneLine, rule, type MappingContext, type TemplateMapping } from './mapping.ts'

/** A "Hvordan kan vi …?" card (nynorsk "Korleis", English "How"), as challenge.ts defines a question. */
const questionPattern = /^(hvordan|korleis|how)\s[\s\S]*\?$/iu
/** The needs area's label when the challenge names no stakeholder groups: it names no one. */
const unnamedGroupLabels = new Set(['behov', 'needs'])

export const challengeFramingV1: TemplateMapping = {
  templateId: 'challenge-framing',
  version: 1,
  rules: [
    // Title: the question people chose. The instruction asks them to rewrite a question or write a new
    // one, so the first question card (in reading order) that is not one of the challenge's own is the
    // choice; without one, the challenge's title stands.
    rule({
      frame: 'questions',
      field: 'title',
      read: (items, context) => {
        const own = new Set(context.challengeQuestions.map(normalizeText))
        const chosen = items.find((item) => questionPattern.test(oneLine(item.text)) && !own.has(normalizeText(item.text)))
        return chosen ? { value: oneLine(chosen.text), notes: [chosen] } : null
      },
    }),
    // Problem statement: every question card left on the board. The programme states its problems as
    // "Hvordan kan vi …?" questions, and the board starts with the challenge's own, so deleting a card
    // drops it and rewording one rewords it.
    rule({ frame: 'questions', field: 'problemStatement', read: (items) => ({ value: markdownList(items), notes: items }) }),
    // Needs: one per note; "who" is the group whose area the note lies in (the instruction asks for
    // one need per note in the group's area), so nobody has to type "who: need".
    rule({ frame: 'needs', field: 'needs', read: (items, context) => ({ value: items.map((item) => need(item, context)), notes: items }) }),
    // Background: what we know and do not know is the context a business needs to answer the
    // challenge; the unknowns stay here as open questions rather than in risks, which is for what
    // could go wrong.
    rule({ frame: 'knowledge', field: 'background', read: (items, context) => knowledge(items, context) }),
    // Questions people wrote while reading the challenge are unknowns too.
    rule({
      frame: 'context',
      field: 'background',
      read: (items, context) => ({ value: headed(draftingTexts.openQuestions[context.language], markdownList(items)), notes: items }),
    }),
    // Risks: an assumption nobody has checked is what could make a solution miss, so each goes to
    // barriers and risks (constraints is for limits a solution must keep within).
    rule({ frame: 'assumptions', field: 'risks', read: (items) => ({ value: items.map(entryText), notes: items }) }),
  ],
}

function need(item: BoardItem, context: MappingContext): Need {
  const index = areaIndex(item, 'needs.group.')
  const label = context.reading.areas.find((area) => area.key === `needs.group.${index}`)?.label ?? ''
  const who = unnamedGroupLabels.has(normalizeText(label)) ? '' : oneLine(label)
  return { need: entryText(item), who, evidence: '', priority: null }
}

function knowledge(items: readonly BoardItem[], context: MappingContext) {
  const knownArea = context.reading.areas.find((area) => area.key === 'knowledge.area.0')
  // A note that slipped out of both areas belongs to the side of the frame it lies on.
  const isKnown = (item: BoardItem): boolean =>
    item.areaKeys.includes('knowledge.area.0') ||
    (!item.areaKeys.includes('knowledge.area.1') && knownArea !== undefined && item.bounds.x + item.bounds.w / 2 <= knownArea.bounds.x + knownArea.bounds.w)
  const known = items.filter(isKnown)
  const unknown = items.filter((item) => !isKnown(item))
  const parts = [
    known.length > 0 ? headed(draftingTexts.known[context.language], markdownList(known)) : '',
    unknown.length > 0 ? headed(draftingTexts.unknown[context.language], markdownList(unknown)) : '',
  ]
  return { value: parts.filter(Boolean).join('\n\n'), notes: [...known, ...unknown] }
}

/** Version 2 narrows the instructions for phones and keeps every key: it maps as version 1 does. */
export const challengeFramingV2: TemplateMapping = { ...challengeFramingV1, version: 2 }
