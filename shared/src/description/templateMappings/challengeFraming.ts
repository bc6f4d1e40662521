// challenge-framing v1 → problemStatement, needs, background, risks.
import type { BoardItem } from '../../board/boardReading.ts'
import type { Need } from '../challengeDescription.ts'
import { draftingTexts } from '../labels.ts'
import { areaIndex, entryText, headed, normalizeText, oneLine, rule, type MappingContext, type TemplateMapping } from './mapping.ts'
import { prose } from './prose.ts'
import { isQuestion, questionList } from './questions.ts'

/** The needs area's label when the challenge names no stakeholder groups: it names no one. */
const unnamedGroupLabels = new Set(['behov', 'needs'])

export const challengeFramingV1: TemplateMapping = {
  templateId: 'challenge-framing',
  version: 1,
  rules: [
    // Problem statements: the programme states its problems as "Hvordan kan vi …?" questions, and the
    // board starts with the challenge's own. The instruction asks people to rewrite one or write a new
    // one, so the questions they wrote, reworded or moved lead, then the challenge's own still on the
    // board (a deleted card is dropped); a kept dot vote orders them all. The title is the challenge's
    // name, not a question, so no card becomes the title.
    rule({ frame: 'questions', field: 'problemStatement', read: (items, context) => problemStatements(items, context) }),
    // Needs: one per note; "who" is the group whose area the note lies in (the instruction asks for
    // one need per note in the group's area), so nobody has to type "who: need".
    rule({ frame: 'needs', field: 'needs', read: (items, context) => ({ value: items.map((item) => need(item, context)), notes: items }) }),
    // Background: what we know and do not know is the context a business needs to answer the
    // challenge. It follows the challenge's summary (draftFromBoards.ts); the unknowns and the
    // questions people wrote while reading the challenge are one list of open questions, rather than
    // risks, which is for what could go wrong.
    rule({ frame: 'knowledge', field: 'background', read: (items, context) => knowledge(items, context) }),
    // Risks: an assumption nobody has checked is what could make a solution miss, so each goes to
    // barriers and risks (constraints is for limits a solution must keep within).
    rule({ frame: 'assumptions', field: 'risks', read: (items) => ({ value: items.map(entryText), notes: items }) }),
  ],
}

function problemStatements(items: readonly BoardItem[], context: MappingContext) {
  const chosen = items.filter(isQuestion)
  // Without a question of people's own the challenge's questions stand as they are.
  if (chosen.length === 0) return null
  return { value: questionList(chosen, context), notes: chosen }
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
  const open = [...items.filter((item) => !isKnown(item)), ...context.frameItems('context')]
  const parts = [
    known.length > 0 ? headed(draftingTexts.known[context.language], prose(known)) : '',
    open.length > 0 ? headed(draftingTexts.openQuestions[context.language], prose(open)) : '',
  ]
  return { value: parts.filter(Boolean).join('\n\n'), notes: [...known, ...open] }
}

/** Version 2 narrows the instructions for phones and keeps every key: it maps as version 1 does. */
export const challengeFramingV2: TemplateMapping = { ...challengeFramingV1, version: 2 }
