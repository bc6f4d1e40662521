import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter, Route, Routes } from 'react-router'
import { createAppServices } from './app/AppServices.ts'
import { AppServicesProvider } from './app/AppServicesContext.tsx'
import { ToastProvider } from './components/Toasts.tsx'
import { registerServiceWorker } from './offline/registerServiceWorker.ts'
import { BoardPage } from './pages/BoardPage.tsx'
import { ChallengePage } from './pages/ChallengePage.tsx'
import { NotFoundPage } from './pages/NotFoundPage.tsx'
import { StartPage } from './pages/StartPage.tsx'
import './styles/app.css'

const container = document.getElementById('root')
if (container === null) throw new Error('index.html has no #root element')

createRoot(container).render(
  <StrictMode>
    <AppServicesProvider services={createAppServices(window)}>
      <ToastProvider>
        <BrowserRouter>
          <Routes>
            <Route path="/" element={<StartPage />} />
            <Route path="/board/:boardId" element={<BoardPage />} />
            <Route path="/challenge/:challengeId" element={<ChallengePage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </BrowserRouter>
      </ToastProvider>
    </AppServicesProvider>
  </StrictMode>,
)

registerServiceWorker()
