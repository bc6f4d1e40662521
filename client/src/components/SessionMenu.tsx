import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate } from 'react-router'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { noContent } from '../app/apiClient.ts'
import { useSession } from '../hooks/useSession.ts'
import { useToasts } from './Toasts.tsx'

const iconPaths = {
  // four squares: "my workshops"
  home: 'M3 3h6v6H3zM11 3h6v6h-6zM3 11h6v6H3zM11 11h6v6h-6z',
  // an arrow out of a door: sign out, leave
  exit: 'M8 3H4v14h4M13 6l4 4-4 4M17 10H8',
}

/** A small icon next to a label; on narrow screens the label hides and the icon stays (the name does not change). */
function Icon({ name }: { name: keyof typeof iconPaths }) {
  return (
    <svg className="session-menu__icon" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={iconPaths[name]} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  )
}

/**
 * Who is signed in, in the top bar: a facilitator's name, a link to their page and
 * "Logg ut"; a participant's or observer's role with "Forlat verkstedet"; and for
 * everyone else a discreet "Logg inn for fasilitatorer".
 */
export function SessionMenu() {
  const { t } = useTranslation()
  const { api, session } = useAppServices()
  const state = useSession()
  const navigate = useNavigate()
  const location = useLocation()
  const toasts = useToasts()
  if (state.status !== 'loaded') return null
  const { facilitator, guest } = state.session

  const end = async (path: string, as: 'facilitator' | 'guest') => {
    try {
      await api.send({ method: 'POST', path, as, response: noContent })
    } catch {
      toasts.show(t('session.endFailed'))
      return
    }
    // Away from the page first: a page that needs the session would otherwise ask again and be refused.
    await navigate('/')
    await session.refresh()
  }

  if (facilitator !== null) {
    return (
      <nav className="session-menu" aria-label={t('session.menuLabel')} data-testid="session-menu">
        <span className="session-menu__name" data-testid="session-name">
          <span className="name-button__swatch" aria-hidden="true" style={{ background: facilitator.color }} />
          <span className="session-menu__text">{facilitator.displayName}</span>
        </span>
        <Link to="/facilitator" className="top-bar__link" data-testid="facilitator-home-link">
          <Icon name="home" />
          <span className="session-menu__label">{t('session.facilitatorHome')}</span>
        </Link>
        <button type="button" className="top-bar__button" data-testid="sign-out" onClick={() => void end('/api/auth/logout', 'facilitator')}>
          <Icon name="exit" />
          <span className="session-menu__label">{t('session.signOut')}</span>
        </button>
      </nav>
    )
  }
  if (guest !== null) {
    const who = guest.role === 'observer' ? t('session.observer') : t('session.participant', { name: guest.displayName ?? '' })
    return (
      <nav className="session-menu" aria-label={t('session.menuLabel')} data-testid="session-menu">
        <Link to={`/workshop/${guest.workshopId}`} className="top-bar__link" data-testid="session-name">
          {guest.color !== null && <span className="name-button__swatch" aria-hidden="true" style={{ background: guest.color }} />}
          <span className="session-menu__label session-menu__text">{who}</span>
        </Link>
        <button type="button" className="top-bar__button" data-testid="leave-workshop" onClick={() => void end('/api/session/leave', 'guest')}>
          <Icon name="exit" />
          <span className="session-menu__label">{t('session.leave')}</span>
        </button>
      </nav>
    )
  }
  if (location.pathname === '/login') return null
  const next = `${location.pathname}${location.search}`
  return (
    <Link
      to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`}
      className="top-bar__link top-bar__link--quiet"
      data-testid="sign-in-link"
    >
      <span className="session-menu__long">{t('session.signIn')}</span>
      <span className="session-menu__short">{t('gate.signIn')}</span>
    </Link>
  )
}
