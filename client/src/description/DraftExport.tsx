import { useId, useState, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ExportFormat } from '../../../shared/src/description/descriptionApi.ts'
import { draftExportUrl, exportFormats, formatsWithNames } from './descriptionRequests.ts'
import type { DraftEditor, DraftEditorState } from './DraftEditor.ts'
import { ExportFormatName } from './ExportFormatName.tsx'

/**
 * Downloads of the draft as it is saved (typed text is saved first). Names of the
 * notes' authors are left out unless the facilitator ticks the box, which says
 * plainly that the file then holds personal data.
 */
export function DraftExport({ challengeId, editor, state }: { challengeId: string; editor: DraftEditor; state: DraftEditorState }) {
  const { t } = useTranslation()
  const id = useId()
  const [names, setNames] = useState(false)
  const download = async (event: MouseEvent<HTMLAnchorElement>, url: string) => {
    if (state.save.kind === 'saved') return
    // The server exports what it has: save what was typed first, then download.
    event.preventDefault()
    await editor.flush()
    window.location.assign(url)
  }
  return (
    <section className="draft-export" aria-labelledby="draft-export-heading">
      <h2 id="draft-export-heading">{t('description.exportHeading')}</h2>
      <p className="hint">{t('description.exportHint')}</p>
      <div className={names ? 'names-option names-option--on' : 'names-option'}>
        <label className="radio-group__option">
          <input
            type="checkbox"
            checked={names}
            data-testid="export-names-include"
            aria-describedby={`${id}-warning`}
            onChange={(event) => setNames(event.target.checked)}
          />
          {t('description.namesInclude')}
        </label>
        <p id={`${id}-warning`} className="names-option__warning" data-testid="export-names-warning">
          <strong>{t('description.namesWarningLead')}</strong> {t('description.namesWarning')}
        </p>
      </div>
      <ul className="download-list">
        {exportFormats.map((format: ExportFormat) => {
          const url = draftExportUrl(challengeId, format, names)
          return (
            <li key={format}>
              <a href={url} download className="download-link" data-testid={`export-${format}`} onClick={(event) => void download(event, url)}>
                <ExportFormatName format={format} />
              </a>
              {names && (
                <span className="hint">
                  {' '}
                  {formatsWithNames.has(format) ? t('description.withNames') : t('description.neverNames')}
                </span>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
