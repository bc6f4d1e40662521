import type { SourceRef } from '../../../shared/src/description/challengeDescription.ts'
import { sourceLines, type LabelLanguage } from '../../../shared/src/description/labels.ts'

/** The notes one step's board gave a field, frame by frame. */
export interface SourceGroup {
  stepTitle: string
  /** "fra: Kartlegge aktører, 7 lapper", as exports and the public page say it. */
  line: string
  /** Each note once, under the frame it was in. */
  frames: { frameName: string; notes: { id: string; text: string }[] }[]
  noteCount: number
}

/**
 * A field's sources grouped by step (a step's board may give a field notes from
 * several frames), each note counted and listed once.
 * @example sourceGroups(provenance.stakeholders.sources, 'nb')[0].line // 'fra: Kartlegge aktører, 7 lapper'
 */
export function sourceGroups(refs: readonly SourceRef[], language: LabelLanguage): SourceGroup[] {
  const byStep = new Map<string, SourceRef[]>()
  for (const ref of refs) byStep.set(ref.stepTitle, [...(byStep.get(ref.stepTitle) ?? []), ref])
  return [...byStep].map(([stepTitle, stepRefs]) => {
    const seen = new Set<string>()
    const frames = new Map<string, { id: string; text: string }[]>()
    for (const ref of stepRefs) {
      const notes = frames.get(ref.frameName) ?? []
      for (const note of ref.notes) {
        if (seen.has(note.id)) continue
        seen.add(note.id)
        notes.push(note)
      }
      frames.set(ref.frameName, notes)
    }
    return {
      stepTitle,
      line: sourceLines(stepRefs, language)[0] ?? stepTitle,
      frames: [...frames].filter(([, notes]) => notes.length > 0).map(([frameName, notes]) => ({ frameName, notes })),
      noteCount: seen.size,
    }
  })
}
