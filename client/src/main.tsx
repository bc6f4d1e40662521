import { StrictMode, Suspense } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter, Route, Routes } from 'react-router'
import { createAppServices } from './app/AppServices.ts'
import { AppServicesProvider } from './app/AppServicesContext.tsx'
import { boardIdOfPath, preloadFirstRenderFiles } from './app/BoardOpening.ts'
import { loadBoardView } from './components/board/loadBoardView.ts'
import { tldrawLocaleFor } from './i18n/index.ts'
import { ToastProvider } from './components/Toasts.tsx'
import { registerServiceWorker } from './offline/registerServiceWorker.ts'
import { BoardPage } from './pages/BoardPage.tsx'
import {
  AuditLogPage,
  ChallengeEditPage,
  ChallengePage,
  ChangePasswordPage,
  DescriptionEditPage,
  FacilitatorAccountsPage,
  FacilitatorHomePage,
  InvitePage,
  LoginPage,
  ResetPasswordPage,
  SetupPage,
  WorkshopEditPage,
  WorkshopPage,
} from './pages/lazyPages.ts'
import { JoinPage } from './pages/JoinPage.tsx'
import { MunicipalitiesPage } from './pages/MunicipalitiesPage.tsx'
import { NotFoundPage } from './pages/NotFoundPage.tsx'
import { AccessibilityStatementPage } from './pages/AccessibilityStatementPage.tsx'
import { StartPage } from './pages/StartPage.tsx'
import './styles/app.css'
import './styles/pages.css'
import './styles/workshop.css'
import './styles/description.css'
import './styles/descriptionOutput.css'
import './styles/board.css'
import './styles/facilitation.css'
import './styles/privateWriting.css'
import './styles/voting.css'

// The session, the configuration and (on a board's address) the board's context are asked
// now, together; the board's code and tldraw's first files start loading beside them.
const services = createAppServices(window)
if (boardIdOfPath(window.location.pathname) !== null) {
  loadBoardView().catch(() => {
    // The board page loads it again when it renders, and shows the failure there.
  })
  preloadFirstRenderFiles(document, tldrawLocaleFor(services.language.language.get()))
}

const container = document.getElementById('root')
if (container === null) throw new Error('index.html has no #root element')

createRoot(container).render(
  <StrictMode>
    <AppServicesProvider services={services}>
      <ToastProvider>
        <BrowserRouter>
          {/* Nothing to show for the moment a page's own code takes to arrive. */}
          <Suspense fallback={null}>
            <Routes>
              <Route path="/" element={<StartPage />} />
              <Route path="/login" element={<LoginPage />} />
              <Route path="/setup/:token" element={<SetupPage />} />
              <Route path="/invite/:token" element={<InvitePage />} />
              <Route path="/join/:token" element={<JoinPage />} />
              <Route path="/facilitator" element={<FacilitatorHomePage />} />
              <Route path="/facilitator/municipalities" element={<MunicipalitiesPage />} />
              <Route path="/facilitator/log" element={<AuditLogPage />} />
              <Route path="/facilitator/accounts" element={<FacilitatorAccountsPage />} />
              <Route path="/facilitator/password" element={<ChangePasswordPage />} />
              <Route path="/reset-password/:token" element={<ResetPasswordPage />} />
              <Route path="/challenge/new" element={<ChallengeEditPage />} />
              <Route path="/challenge/:challengeId/edit" element={<ChallengeEditPage />} />
              <Route path="/challenge/:challengeId/description" element={<DescriptionEditPage />} />
              <Route path="/challenge/:challengeId" element={<ChallengePage />} />
              <Route path="/workshop/:workshopId/edit" element={<WorkshopEditPage />} />
              <Route path="/workshop/:workshopId" element={<WorkshopPage />} />
              <Route path="/board/:boardId" element={<BoardPage />} />
              <Route path="/tilgjengelighet" element={<AccessibilityStatementPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </ToastProvider>
    </AppServicesProvider>
  </StrictMode>,
)

registerServiceWorker()
