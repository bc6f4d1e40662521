import { useTranslation } from 'react-i18next'
import type { LabelLanguage } from '../../../shared/src/description/labels.ts'
import { defaultLanguage, isLanguage } from '../i18n/index.ts'

/** The page's language as the description's label catalogue names it (nb, nn or en). */
export function useLabelLanguage(): LabelLanguage {
  const { i18n } = useTranslation()
  return isLanguage(i18n.language) ? i18n.language : defaultLanguage
}
