import { lazy } from 'react'

// The facilitators' pages, the challenge pages and the description editor, each loaded when
// it is opened: a participant's join page and board do not download or run their code (nor
// tldraw, which the workshop page's facilitation controls use).

export const AuditLogPage = lazy(() => import('./AuditLogPage.tsx').then((page) => ({ default: page.AuditLogPage })))
export const ChallengeEditPage = lazy(() => import('./ChallengeEditPage.tsx').then((page) => ({ default: page.ChallengeEditPage })))
export const ChangePasswordPage = lazy(() => import('./ChangePasswordPage.tsx').then((page) => ({ default: page.ChangePasswordPage })))
export const ChallengePage = lazy(() => import('./ChallengePage.tsx').then((page) => ({ default: page.ChallengePage })))
export const DescriptionEditPage = lazy(() => import('./DescriptionEditPage.tsx').then((page) => ({ default: page.DescriptionEditPage })))
export const FacilitatorAccountsPage = lazy(() => import('./FacilitatorAccountsPage.tsx').then((page) => ({ default: page.FacilitatorAccountsPage })))
export const FacilitatorHomePage = lazy(() => import('./FacilitatorHomePage.tsx').then((page) => ({ default: page.FacilitatorHomePage })))
export const InvitePage = lazy(() => import('./InvitePage.tsx').then((page) => ({ default: page.InvitePage })))
export const LoginPage = lazy(() => import('./LoginPage.tsx').then((page) => ({ default: page.LoginPage })))
export const ResetPasswordPage = lazy(() => import('./ResetPasswordPage.tsx').then((page) => ({ default: page.ResetPasswordPage })))
export const SetupPage = lazy(() => import('./SetupPage.tsx').then((page) => ({ default: page.SetupPage })))
export const WorkshopEditPage = lazy(() => import('./WorkshopEditPage.tsx').then((page) => ({ default: page.WorkshopEditPage })))
export const WorkshopPage = lazy(() => import('./WorkshopPage.tsx').then((page) => ({ default: page.WorkshopPage })))
