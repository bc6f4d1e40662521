import { useTranslation } from 'react-i18next'

/** Tells an observer that they watch: they cannot change the board and the others do not see them. */
export function ObserverNotice() {
  const { t } = useTranslation()
  return (
    <div className="readonly-notice readonly-notice--observer" role="status" data-testid="readonly-notice" data-reason="observer">
      <p className="readonly-notice__text">
        <strong>{t('observer.title')}</strong> {t('observer.body')}
      </p>
    </div>
  )
}
