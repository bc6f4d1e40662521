import { useTranslation } from 'react-i18next'
import type { ExportFormat } from '../../../shared/src/description/descriptionApi.ts'

const formatKeys = {
  docx: 'description.formatDocx',
  html: 'description.formatHtml',
  md: 'description.formatMd',
  json: 'description.formatJson',
  csv: 'description.formatCsv',
} as const satisfies Record<ExportFormat, string>

/** A download format as people know it: "Word (DOCX)", "Regneark (CSV)". */
export function ExportFormatName({ format }: { format: ExportFormat }) {
  const { t } = useTranslation()
  return <>{t(formatKeys[format])}</>
}
