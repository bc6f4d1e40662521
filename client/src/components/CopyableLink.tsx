import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export interface CopyableLinkProps {
  label: string
  url: string
  /** A help text under the label. */
  hint?: string
  /** `data-testid` of the read-only field and of the copy button. */
  testId?: string
  copyTestId?: string
  /** Names the copy button for screen readers, e.g. "Kopier deltakerlenken". */
  copyLabel: string
  /** More ways to hand the link out, under the field (e.g. a QR code button). */
  extra?: ReactNode
}

/** How long "Kopiert" stays next to the button. */
const copiedMessageMs = 4000

/**
 * A link to hand out: shown in a read-only field (select it to copy by hand) with a
 * copy button. The result is announced in a live region; where the clipboard is not
 * available the field's text is selected instead, with a hint to copy it.
 */
export function CopyableLink({ label, url, hint, testId, copyTestId, copyLabel, extra }: CopyableLinkProps) {
  const { t } = useTranslation()
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [result, setResult] = useState<'copied' | 'select' | null>(null)

  useEffect(() => {
    if (result === null) return
    const timer = setTimeout(() => setResult(null), copiedMessageMs)
    return () => clearTimeout(timer)
  }, [result])
  // A new link (rotated) is not the one that was copied.
  useEffect(() => {
    setResult(null)
  }, [url])

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url)
      setResult('copied')
    } catch {
      input.current?.focus()
      input.current?.select()
      setResult('select')
    }
  }

  return (
    <div className="copyable-link">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {hint !== undefined && (
        <p id={`${id}-hint`} className="hint field__hint">
          {hint}
        </p>
      )}
      <div className="copyable-link__row">
        <input
          ref={input}
          id={id}
          type="text"
          readOnly
          value={url}
          data-testid={testId}
          aria-describedby={hint === undefined ? undefined : `${id}-hint`}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button" data-testid={copyTestId} aria-label={copyLabel} onClick={() => void copy()}>
          {t('copy.button')}
        </button>
      </div>
      {extra !== undefined && <div className="copyable-link__extra">{extra}</div>}
      <p className="copyable-link__status hint" role="status">
        {result === 'copied' ? t('copy.copied') : result === 'select' ? t('copy.selectToCopy') : ''}
      </p>
    </div>
  )
}
