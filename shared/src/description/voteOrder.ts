// A dot vote the facilitator kept on a board ranks what it was about: the needs and ideas people gave
// the most dots lead their lists in the description, whichever board they came from. Among needs with
// as many dots, the prioritising board's cell decides (do first, plan, quick win, not now, unranked);
// otherwise the boards' order stays.
import type { BoardItem } from '../board/boardReading.ts'
import type { DescriptionFields, Need } from './challengeDescription.ts'
import { entryText, normalizeText } from './templateMappings/mapping.ts'

/** The list fields a kept vote orders, and the text of an entry that a note's text is compared with. */
const votedFields = {
  needs: (entry: DescriptionFields['needs'][number]) => entry.need,
  ideas: (entry: string) => entry,
} as const

/** The impact × effort cells from most to least urgent; an unranked need comes after them all. */
const priorityRank: Readonly<Record<NonNullable<Need['priority']>, number>> = { 'do-first': 0, plan: 1, 'quick-win': 2, later: 3 }
const rankOf = (entry: unknown): number => {
  const priority = typeof entry === 'object' && entry !== null && 'priority' in entry ? (entry as Need).priority : null
  return priority === null ? 4 : priorityRank[priority]
}

export type VotedField = keyof typeof votedFields

export function isVotedField(field: string): field is VotedField {
  return Object.hasOwn(votedFields, field)
}

/**
 * The entries with the most dots first: an entry has the most dots any note of the same text got
 * (the same need on two boards, or an idea both clustered and in the brainwriting); then needs by
 * priority. Stable.
 * @example orderedByVotes('ideas', ['Kafé', 'Torgdag'], notes) // ['Torgdag', 'Kafé'] when Torgdag's note got more dots
 */
export function orderedByVotes<K extends VotedField>(field: K, entries: DescriptionFields[K], notes: readonly BoardItem[]): DescriptionFields[K] {
  const votes = new Map<string, number>()
  for (const note of notes) {
    const key = normalizeText(entryText(note))
    votes.set(key, Math.max(votes.get(key) ?? 0, note.keptVotes ?? 0))
  }
  const text = votedFields[field] as (entry: DescriptionFields[K][number]) => string
  const votesOf = (entry: DescriptionFields[K][number]): number => votes.get(normalizeText(text(entry))) ?? 0
  return [...entries].sort((a, b) => votesOf(b) - votesOf(a) || rankOf(a) - rankOf(b)) as DescriptionFields[K]
}
