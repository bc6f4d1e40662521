import type { ExportFormat } from '../../../shared/src/description/descriptionApi.ts'
import { renderCsv } from './csv.ts'
import { renderDocx } from './docx.ts'
import type { DescriptionExport } from './exportInput.ts'
import { exportFileName } from './fileName.ts'
import { renderHtml } from './html.ts'
import { renderJson } from './json.ts'
import { renderMarkdown } from './markdown.ts'

/** A rendered export, ready to be sent as a download. */
export interface RenderedExport {
  body: string | Buffer
  contentType: string
  fileName: string
}

const contentTypes: Record<ExportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
}

/**
 * Renders one format. Names of note authors reach only Markdown, HTML and DOCX
 * (and only when `description.authors` is set); JSON and CSV never carry them.
 */
export async function renderExport(format: ExportFormat, description: DescriptionExport, publicUrl: string): Promise<RenderedExport> {
  const body = await renderBody(format, description, publicUrl)
  return { body, contentType: contentTypes[format], fileName: exportFileName(description, format) }
}

function renderBody(format: ExportFormat, description: DescriptionExport, publicUrl: string): string | Promise<Buffer> {
  switch (format) {
    case 'md':
      return renderMarkdown(description)
    case 'html':
      return renderHtml(description)
    case 'docx':
      return renderDocx(description)
    case 'json':
      return renderJson(description, publicUrl)
    case 'csv':
      return renderCsv(description)
  }
}
