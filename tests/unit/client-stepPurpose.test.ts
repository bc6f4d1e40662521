// The step bar over a board without instructions says what the step's method is for.
import { describe, expect, it } from 'vitest'
import { templatePurpose } from '../../client/src/workshop/templatePurpose.ts'
import { methodTemplates } from '../../shared/src/templates/index.ts'

describe('templatePurpose', () => {
  it("is the template's own line, in the reader's language", () => {
    const framing = methodTemplates.get('challenge-framing')
    expect(templatePurpose('challenge-framing', 'nb')).toBe(framing.purpose.nb)
    expect(templatePurpose('challenge-framing', 'nn')).toBe(framing.purpose.nn)
    expect(templatePurpose('challenge-framing', 'en')).toBe(framing.purpose.en)
    for (const template of methodTemplates.templates) expect(templatePurpose(template.id, 'nb')).not.toBe('')
  })

  it('falls back to bokmål for another language, and says nothing for an unknown template', () => {
    expect(templatePurpose('ideas', 'de')).toBe(methodTemplates.get('ideas').purpose.nb)
    expect(templatePurpose('retired-template', 'nb')).toBeNull()
  })
})
