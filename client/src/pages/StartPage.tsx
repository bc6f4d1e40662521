import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { newBoardId } from '../../../shared/src/protocol/boardId.ts'
import { PageShell } from '../components/PageShell.tsx'
import { ChallengeList } from '../components/programme/ChallengeList.tsx'
import { MunicipalityDirectory } from '../components/programme/MunicipalityDirectory.tsx'
import { PublishedDescriptions } from '../description/PublishedDescriptions.tsx'
import { useClientConfig } from '../hooks/useClientConfig.ts'
import { useDebouncedValue } from '../hooks/useDebouncedValue.ts'
import { useProgramme } from '../hooks/useProgramme.ts'
import { useSessionInfo } from '../hooks/useSession.ts'

/** Wait this long after the last keystroke before searching, so typing a word sends one request. */
const searchDelayMs = 250

/** The Gnist programme's municipalities and challenges, searchable; then what Samskap is and a new board. */
export function StartPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [searchText, setSearchText] = useState('')
  const programme = useProgramme(useDebouncedValue(searchText, searchDelayMs))
  const session = useSessionInfo()
  const config = useClientConfig()
  // Free boards are for facilitators unless the server opens them to anyone (SCRATCH_BOARDS=anyone).
  const mayMakeBoards = session?.facilitator != null || config?.scratchBoards === 'anyone'
  const view = programme.status === 'loaded' ? programme.view : programme.status === 'loading' ? programme.previous : null
  const resultCount =
    programme.status === 'failed'
      ? ''
      : view === null
        ? t('start.loading')
        : t('start.resultCount', {
            challenges: t('start.challengeCount', { count: view.challenges.length }),
            municipalities: t('start.municipalityCount', { count: view.municipalities.length }),
          })
  return (
    <PageShell title={t('app.name')}>
      <div className="start">
        <h1>{t('start.heading')}</h1>
        <p className="start__lead">{t('start.programmeLead')}</p>
        <search className="search-field">
          <label htmlFor="programme-search">{t('start.searchLabel')}</label>
          <input
            id="programme-search"
            type="search"
            autoComplete="off"
            aria-describedby="programme-search-hint"
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
          />
          <p id="programme-search-hint" className="hint">
            {t('start.searchHint')}
          </p>
        </search>
        <p className="search-result-count" role="status" aria-live="polite" data-testid="result-count">
          {resultCount}
        </p>
        {programme.status === 'failed' && (
          <p className="error-message" role="alert">
            {t('start.failed')}
          </p>
        )}
        {view !== null && (
          <div aria-busy={programme.status === 'loading'}>
            <section aria-labelledby="challenges-heading">
              <h2 id="challenges-heading">{t('start.challengesHeading')}</h2>
              <ChallengeList challenges={view.challenges} municipalityNames={view.municipalityNames} />
            </section>
            <section aria-labelledby="municipalities-heading">
              <h2 id="municipalities-heading">{t('start.municipalitiesHeading')}</h2>
              <MunicipalityDirectory
                municipalities={view.municipalities}
                challengeOfMunicipality={view.challengeOfMunicipality}
              />
            </section>
          </div>
        )}
        <PublishedDescriptions />
        <section className="start__boards" aria-labelledby="boards-heading">
          <h2 id="boards-heading">{t('start.title')}</h2>
          <p>{t('start.lead')}</p>
          <p>{t('start.durability')}</p>
          {mayMakeBoards ? (
            <>
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
            </>
          ) : (
            <p className="hint" data-testid="new-board-facilitators-only">
              {t('start.newBoardFacilitatorsOnly')}
            </p>
          )}
        </section>
      </div>
    </PageShell>
  )
}
