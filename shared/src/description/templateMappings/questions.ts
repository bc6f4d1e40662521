// The "Hvordan kan vi …?" frame: the challenge-framing, ideas and prototyping boards start it with the
// challenge's own questions, and a description states its problems as such questions.
import type { BoardItem } from '../../board/boardReading.ts'
import { bullet, byVotes, normalizeText, oneLine, rule, type AnyFrameRule, type MappingContext } from './mapping.ts'

/** A "Hvordan kan vi …?" card (nynorsk "Korleis", English "How"), as challenge.ts defines a question. */
const questionPattern = /^(hvordan|korleis|how)\s[\s\S]*\?$/iu

export const isQuestion = (item: BoardItem): boolean => questionPattern.test(oneLine(item.text))

/** The group singled the note out: a dot in a kept vote, or a reaction. */
export const singledOut = (item: BoardItem): boolean => (item.keptVotes ?? 0) > 0 || Object.values(item.reactions).some((count) => (count ?? 0) > 0)

/**
 * The chosen questions, most dots first, then the challenge's own still on the board, as a bulleted
 * list with each question once (of two with the same words, the one ordered first gives them).
 */
export function questionList(chosen: readonly BoardItem[], context: MappingContext): string {
  const questions = new Map<string, BoardItem>()
  for (const item of byVotes([...chosen, ...context.untouched('questions').filter(isQuestion)])) {
    const key = normalizeText(item.text)
    if (!questions.has(key)) questions.set(key, item)
  }
  return [...questions.values()].map((item) => bullet(item.markdown)).join('\n')
}

/**
 * Problem statements from the question a later step answers (ideas, prototyping: "Velg spørsmålet dere
 * vil svare på"): what people chose there leads, whether they wrote, reworded or moved a question or
 * gave one of the challenge's own a dot or a reaction; then the challenge's own still on the board.
 * With nothing chosen the rule gives nothing, and the framing board's or the challenge's questions stand.
 */
export const answeredQuestions: AnyFrameRule = rule({
  frame: 'questions',
  field: 'problemStatement',
  read: (items, context) => {
    const chosen = byVotes([...items.filter(isQuestion), ...context.untouched('questions').filter((item) => isQuestion(item) && singledOut(item))])
    if (chosen.length === 0) return null
    return { value: questionList(chosen, context), notes: chosen }
  },
})
