// ideas v1 → problemStatement, ideas.
import { byVotes, entryText, rule, type TemplateMapping } from './mapping.ts'
import { answeredQuestions, singledOut } from './questions.ts'

export const ideasV1: TemplateMapping = {
  templateId: 'ideas',
  version: 1,
  rules: [
    // Problem statements: the question the group chose to answer with its ideas (questions.ts).
    answeredQuestions,
    // Ideas: the clusters hold the ideas the group kept and the names it gave each pile; both show
    // what a solution might look like, which is an idea or a direction, not a goal (what should get
    // better is for people to state) and not an existing initiative (nothing here exists yet). Of the
    // unfiltered brainwriting only the ideas the group singled out with a dot or a reaction belong
    // here. The drafter orders ideas by kept votes and merges the same idea found twice.
    rule({
      frame: 'clusters',
      field: 'ideas',
      read: (items, context) => {
        // Most dots first, so that of two notes with the same idea the one people voted for gives its words.
        const notes = byVotes([...items, ...context.frameItems('writing').filter(singledOut)])
        return { value: notes.map(entryText), notes }
      },
    }),
  ],
}

/** Version 2 moves the frames for phones and keeps every key: it maps as version 1 does. */
export const ideasV2: TemplateMapping = { ...ideasV1, version: 2 }
