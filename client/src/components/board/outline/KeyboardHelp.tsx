import { useTranslation } from 'react-i18next'

/** The canvas's keys for notes (canvasNoteKeys.ts) and tldraw's own that go with them. */
const keys = [
  { keys: ['Shift+N', 'N, Enter'], what: 'keyNewNote' },
  { keys: ['Alt+N', 'Alt+Shift+N'], what: 'keyNextNote' },
  { keys: ['Tab', 'Shift+Tab'], what: 'keyTab' },
  { keys: ['Ctrl+Shift+↓', 'Ctrl+Shift+↑'], what: 'keyInto' },
  { keys: ['Enter'], what: 'keyEdit' },
] as const

/** "Tastatur": a disclosure with the keys for working with notes on the canvas. */
export function KeyboardHelp() {
  const { t } = useTranslation()
  return (
    <details className="keyboard-help" data-testid="keyboard-help">
      <summary>{t('outline.keysHeading')}</summary>
      <div className="keyboard-help__panel">
        <p>{t('outline.keysIntro')}</p>
        <dl>
          {keys.map(({ keys: combos, what }) => (
            <div key={what} style={{ display: 'contents' }}>
              <dt>
                {combos.map((combo, index) => (
                  <span key={combo}>
                    {index > 0 && ' / '}
                    <kbd>{combo}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{t(`outline.${what}`)}</dd>
            </div>
          ))}
        </dl>
      </div>
    </details>
  )
}
