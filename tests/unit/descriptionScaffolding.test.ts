// What a template put on a board and nobody moved or edited is scaffolding, not what the workshop
// found: it adds nothing to a drafted description and is never a source. Boards are built as a step
// builds them, in every language form and released version, and read by the real reader.
import { describe, expect, it } from 'vitest'
import { challengeFields, draftFields } from '../../shared/src/description/draftFromBoards.ts'
import { movedDistance, untouchedTemplateNotes } from '../../shared/src/description/templateMappings/scaffolding.ts'
import { methodTemplates, templateLanguages } from '../../shared/src/templates/index.ts'
import { BoardFixture, fjordby, grue } from './description-fixtures.ts'

const templateChallenge = (challenge: typeof grue) => ({
  ...challenge,
  problemStatements: [...challenge.problemStatements],
  stakeholderGroups: [...challenge.stakeholderGroups],
  municipality: challenge.leadMunicipality.name,
})

describe('scaffolding', () => {
  it('an untouched board of every template version, in every language form, drafts what the challenge alone gives', () => {
    for (const [challenge, languageForm] of [[grue, 'nb'], [fjordby, 'nn']] as const) {
      for (const template of methodTemplates.templates) {
        for (const { version } of template.versions) {
          for (const language of templateLanguages) {
            const board = new BoardFixture(template.id, language, challenge, 1, version)
            const label = `${template.id} v${version} ${language}`
            const { fields, sources } = draftFields({ challenge, languageForm, steps: [board.entry()] })
            expect(fields, label).toEqual(challengeFields(challenge, languageForm, [board.step]))
            expect(sources, label).toEqual({})
          }
        }
      }
    }
  })

  it('still knows the template notes when the challenge’s title has grown since the board was built (the frames moved down)', () => {
    const longTitle = `${grue.title.slice(0, -1)} – og for dem som kommer på besøk, pendler eller driver næring her?`
    const board = new BoardFixture('stakeholder-mapping', 'nb', { ...grue, title: longTitle }, 1, 2)
    const reading = board.read()
    const built = methodTemplates.build({ templateId: 'stakeholder-mapping', version: 2, language: 'nb', challenge: templateChallenge(grue) })
    const startY = (built.records.find((record) => record.id === 'shape:stakeholder-mapping.v2.groups') as { y: number }).y
    expect(reading.frames.find((frame) => frame.key === 'groups')?.bounds.y).toBeGreaterThan(startY)
    expect(draftFields({ challenge: grue, languageForm: 'nb', steps: [board.entry()] }).fields.stakeholders).toEqual([])
  })

  it('a nudge is not a move; a move out of place, an edit or a move into another frame makes a template note content', () => {
    const ids = (board: BoardFixture) => [...untouchedTemplateNotes(board.read(), 'stakeholder-mapping', 1, templateChallenge(grue))].sort()
    const note = (i: number) => `shape:stakeholder-mapping.v1.groups.note.${i}`
    expect(ids(new BoardFixture('stakeholder-mapping', 'nb', grue))).toEqual([note(0), note(1), note(2)])

    const nudge = movedDistance * 0.6
    const board = new BoardFixture('stakeholder-mapping', 'nb', grue)
      .move('groups.note.0', nudge, -nudge)
      .move('groups.note.1', 0, movedDistance + 1)
      .reword('groups.note.2', 'Næringsforeningen')
    expect(ids(board)).toEqual([note(0)])
    expect(ids(new BoardFixture('stakeholder-mapping', 'nb', grue).moveInto('groups.note.0', 'ring.sector.0'))).toEqual([note(1), note(2)])
    // A template that cannot be rebuilt leaves every note content.
    expect(untouchedTemplateNotes(board.read(), 'stakeholder-mapping', 99, templateChallenge(grue)).size).toBe(0)
  })
})
