import type { MunicipalityLanguageForm } from '../../../shared/src/schema/municipality.ts'

/** The catalogue key of each official language form's name ("Nøytral"). */
export const languageFormKey = {
  nb: 'municipalities.formNb',
  nn: 'municipalities.formNn',
  neutral: 'municipalities.formNeutral',
} as const satisfies Record<MunicipalityLanguageForm, string>

/** The challenge editor's hint under the lead municipality: which written form its workshops get. */
export const leadHintKey = {
  nb: 'municipalities.leadHintNb',
  nn: 'municipalities.leadHintNn',
  neutral: 'municipalities.leadHintNeutral',
} as const satisfies Record<MunicipalityLanguageForm, string>
