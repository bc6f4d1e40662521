import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { newBoardId } from '../../../shared/src/protocol/boardId.ts'
import { PageShell } from '../components/PageShell.tsx'

/** What Samskap is, and a button that creates a new board. */
export function StartPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <PageShell title={t('app.name')}>
      <section className="start">
        <h1>{t('start.title')}</h1>
        <p className="start__lead">{t('start.lead')}</p>
        <p>{t('start.durability')}</p>
        <button
          type="button"
          className="button button--primary button--large"
          data-testid="new-board"
          aria-describedby="new-board-hint"
          onClick={() => navigate(`/board/${newBoardId()}`)}
        >
          {t('start.newBoard')}
        </button>
        <p id="new-board-hint" className="hint">
          {t('start.newBoardHint')}
        </p>
      </section>
    </PageShell>
  )
}
