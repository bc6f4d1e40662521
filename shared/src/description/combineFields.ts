// How the boards' contributions to one field add up, and how a drafted description is kept within the
// schema's limits (a board can hold a note of any length; the stored description cannot).
import { OutcomeKind, type DescriptionFields, type EditableFieldKey, type Need, type Stakeholder } from './challengeDescription.ts'
import { bulletEntries, normalizeText } from './templateMappings/mapping.ts'

type Combiner<K extends EditableFieldKey> = (start: DescriptionFields[K], values: readonly DescriptionFields[K][]) => DescriptionFields[K]

const last = <T>(start: T, values: readonly T[]): T => values.at(-1) ?? start
const joinText = (texts: readonly string[]): string => texts.filter((text) => text.trim() !== '').join('\n\n')
const extendText = (start: string, values: readonly string[]): string => joinText([start, ...values])
const extendList = (start: readonly string[], values: readonly (readonly string[])[]): string[] =>
  uniqueBy([...start, ...values.flat()], normalizeText)

/**
 * Per field, what the boards do to the challenge's starting value: replace it (the board started from
 * it, so what people left on the board is the newer word) or extend it (the challenge said something
 * the boards do not repeat).
 */
const combiners: { [K in EditableFieldKey]: Combiner<K> } = {
  // The challenge's name; no board writes it today, and a later one would be the newer word.
  title: last,
  summary: last,
  themes: extendList,
  // The challenge's full summary opens the background, ahead of the boards' knowledge.
  background: extendText,
  // The framing board starts with the challenge's questions and lists those still on it after people's own;
  // the ideas and prototyping boards start with them too, so each question is listed once, where it first
  // came (agenda order).
  problemStatement: (start, values) => (values.length > 0 ? uniqueBy(values.flatMap(bulletEntries), normalizeText).join('\n') : start),
  needs: (start, values) => mergeNeeds([...start, ...values.flat()]),
  targetGroups: extendList,
  // The challenge names groups, not actors, so only the boards fill this (draftFromBoards.ts).
  stakeholders: (start, values) => (values.length > 0 ? mergeStakeholders(values.flat()) : start),
  goals: extendList,
  ideas: extendList,
  constraints: extendList,
  risks: extendList,
  existingInitiatives: extendList,
  localAdvantages: extendList,
  desiredOutcome: (start, values) => ({
    kinds: OutcomeKind.options.filter((kind) => [start, ...values].some((value) => value.kinds.includes(kind))),
    description: joinText([start.description, ...values.map((value) => value.description)]),
  }),
  anchoring: extendText,
  transferability: extendText,
  offer: extendText,
  howToAnswer: extendText,
  answerDeadline: last,
  contactPoint: last,
}

/** The field's value once the boards' values (in agenda order) are added to the starting value. */
export function combineField<K extends EditableFieldKey>(field: K, start: DescriptionFields[K], values: readonly DescriptionFields[K][]): DescriptionFields[K] {
  return (combiners[field] as Combiner<K>)(start, values)
}

/** One entry per need text; what one mention leaves open another may fill, and a later ranking wins. */
function mergeNeeds(needs: readonly Need[]): Need[] {
  return mergeBy(needs, (need) => normalizeText(need.need), (a, b) => ({
    need: a.need,
    who: a.who || b.who,
    evidence: a.evidence || b.evidence,
    priority: b.priority ?? a.priority,
  }))
}

/** One entry per actor: the grid says interest and influence, the ring the sector, of the same note text. */
function mergeStakeholders(stakeholders: readonly Stakeholder[]): Stakeholder[] {
  return mergeBy(stakeholders, (entry) => normalizeText(entry.actor), (a, b) => ({
    actor: a.actor,
    sector: a.sector ?? b.sector,
    interest: a.interest ?? b.interest,
    influence: a.influence ?? b.influence,
  }))
}

function mergeBy<T>(items: readonly T[], key: (item: T) => string, merge: (a: T, b: T) => T): T[] {
  const merged = new Map<string, T>()
  for (const item of items) {
    const k = key(item)
    const existing = merged.get(k)
    merged.set(k, existing === undefined ? item : merge(existing, item))
  }
  return [...merged.values()]
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return mergeBy(items, key, (a) => a)
}

/**
 * Text cut to at most `max` characters at a word boundary, with "…" where it was cut.
 * @example truncateAtWord('Grue kommune vil utvikle Kirkenær', 20) // 'Grue kommune vil…'
 */
export function truncateAtWord(text: string, max: number): string {
  const trimmed = text.trim()
  if (trimmed.length <= max) return trimmed
  const room = trimmed.slice(0, max - 1)
  const wordEnds = /\s/.test(trimmed.charAt(max - 1))
  const space = room.search(/\s\S*$/)
  // A single word longer than half the room is cut inside the word rather than dropped.
  const cut = wordEnds || space < max / 2 ? room : room.slice(0, space)
  return `${cut.replace(/[\s.,;:!?–-]+$/u, '')}…`
}

const cap = <T>(list: readonly T[], max: number): T[] => list.slice(0, max)
const texts = (list: readonly string[], count: number, max: number): string[] =>
  cap(list, count).map((text) => truncateAtWord(text, max))

/** The description within the limits of `DescriptionFields` (challengeDescription.ts): long notes are cut, long lists shortened. */
export function fitFields(fields: DescriptionFields): DescriptionFields {
  const t = truncateAtWord
  return {
    ...fields,
    title: t(fields.title, 400),
    summary: t(fields.summary, 500),
    themes: texts(fields.themes, 100, 200),
    background: t(fields.background, 10_000),
    problemStatement: t(fields.problemStatement, 10_000),
    needs: cap(fields.needs, 200).map((need) => ({ ...need, need: t(need.need, 1000), who: t(need.who, 300), evidence: t(need.evidence, 2000) })),
    targetGroups: texts(fields.targetGroups, 100, 300),
    stakeholders: cap(fields.stakeholders, 300).map((entry) => ({ ...entry, actor: t(entry.actor, 300) })),
    goals: texts(fields.goals, 100, 1000),
    ideas: texts(fields.ideas, 100, 1000),
    constraints: texts(fields.constraints, 100, 1000),
    risks: texts(fields.risks, 100, 1000),
    existingInitiatives: texts(fields.existingInitiatives, 100, 1000),
    localAdvantages: texts(fields.localAdvantages, 100, 1000),
    desiredOutcome: { kinds: fields.desiredOutcome.kinds, description: t(fields.desiredOutcome.description, 4000) },
    anchoring: t(fields.anchoring, 4000),
    transferability: t(fields.transferability, 4000),
    offer: t(fields.offer, 4000),
    howToAnswer: t(fields.howToAnswer, 4000),
    contactPoint: t(fields.contactPoint, 254),
    sourceBoards: cap(fields.sourceBoards, 100).map((board) => ({ ...board, title: t(board.title, 200) })),
  }
}
