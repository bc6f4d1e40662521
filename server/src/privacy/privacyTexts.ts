import type { UiLanguage } from '../../../shared/src/protocol/uiLanguage.ts'
import type { PrivacyTexts } from './privacyTextTypes.ts'
import { privacyTextsEn } from './privacyTextsEn.ts'
import { privacyTextsNb } from './privacyTextsNb.ts'
import { privacyTextsNn } from './privacyTextsNn.ts'

/** The records of processing in bokmål, nynorsk and English. */
export const privacyTexts: Record<UiLanguage, PrivacyTexts> = { nb: privacyTextsNb, nn: privacyTextsNn, en: privacyTextsEn }
