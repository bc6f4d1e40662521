import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter, Route, Routes } from 'react-router'
import { createAppServices } from './app/AppServices.ts'
import { AppServicesProvider } from './app/AppServicesContext.tsx'
import { ToastProvider } from './components/Toasts.tsx'
import { registerServiceWorker } from './offline/registerServiceWorker.ts'
import { BoardPage } from './pages/BoardPage.tsx'
import { ChallengeEditPage } from './pages/ChallengeEditPage.tsx'
import { ChallengePage } from './pages/ChallengePage.tsx'
import { DescriptionEditPage } from './pages/DescriptionEditPage.tsx'
import { FacilitatorHomePage } from './pages/FacilitatorHomePage.tsx'
import { InvitePage } from './pages/InvitePage.tsx'
import { JoinPage } from './pages/JoinPage.tsx'
import { LoginPage } from './pages/LoginPage.tsx'
import { NotFoundPage } from './pages/NotFoundPage.tsx'
import { SetupPage } from './pages/SetupPage.tsx'
import { StartPage } from './pages/StartPage.tsx'
import { WorkshopEditPage } from './pages/WorkshopEditPage.tsx'
import { WorkshopPage } from './pages/WorkshopPage.tsx'
import './styles/app.css'
import './styles/pages.css'
import './styles/workshop.css'
import './styles/description.css'
import './styles/descriptionOutput.css'
import './styles/board.css'
import './styles/facilitation.css'
import './styles/privateWriting.css'
import './styles/voting.css'

const container = document.getElementById('root')
if (container === null) throw new Error('index.html has no #root element')

createRoot(container).render(
  <StrictMode>
    <AppServicesProvider services={createAppServices(window)}>
      <ToastProvider>
        <BrowserRouter>
          <Routes>
            <Route path="/" element={<StartPage />} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/setup/:token" element={<SetupPage />} />
            <Route path="/invite/:token" element={<InvitePage />} />
            <Route path="/join/:token" element={<JoinPage />} />
            <Route path="/facilitator" element={<FacilitatorHomePage />} />
            <Route path="/challenge/new" element={<ChallengeEditPage />} />
            <Route path="/challenge/:challengeId/edit" element={<ChallengeEditPage />} />
            <Route path="/challenge/:challengeId/description" element={<DescriptionEditPage />} />
            <Route path="/challenge/:challengeId" element={<ChallengePage />} />
            <Route path="/workshop/:workshopId/edit" element={<WorkshopEditPage />} />
            <Route path="/workshop/:workshopId" element={<WorkshopPage />} />
            <Route path="/board/:boardId" element={<BoardPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </BrowserRouter>
      </ToastProvider>
    </AppServicesProvider>
  </StrictMode>,
)

registerServiceWorker()
