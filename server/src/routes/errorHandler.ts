import type { ErrorRequestHandler, RequestHandler } from 'express'
import type { ApiError } from '../../../shared/src/schema/publicApi.ts'
import { documentContentSecurityPolicy } from '../export/printCss.ts'
import { AppError, badRequestBody, internalError, invalidJson, notFound, payloadTooLarge } from '../errors.ts'
import type { Logger } from '../logger.ts'
import { renderErrorPage, wantsPage } from './errorPage.ts'
import { pageLanguageOf } from './pageLanguage.ts'

/** The body of every error response (the ApiError schema). */
export type ErrorBody = ApiError

/** Anything no route answered: 404 (JSON, or the error page for a browser). */
export const notFoundHandler: RequestHandler = (request, _response, next) => {
  next(notFound(request.originalUrl.startsWith('/api/') ? 'This API endpoint' : 'This page'))
}

/**
 * Turns every error into `{ error: { code, message, fields? } }` with its status, or for a
 * browser asking for a page outside /api/, into the error page in the person's language; only
 * unexpected ones are logged.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    if (response.headersSent) {
      next(error)
      return
    }
    const appError = toAppError(error)
    if (appError.status >= 500 && appError.code !== 'storage_unavailable' && appError.code !== 'client_not_built') {
      logger.error({ err: error, method: request.method, path: pathForLog(request.path) }, 'request failed')
    }
    const { code, message, fields } = appError
    if (wantsPage(request)) {
      const html = renderErrorPage(pageLanguageOf(request), appError.status, code)
      response.status(appError.status).set({ 'Cache-Control': 'no-store', 'Content-Security-Policy': documentContentSecurityPolicy }).type('html').send(html)
      return
    }
    const body: ErrorBody = { error: fields === undefined ? { code, message } : { code, message, fields: [...fields] } }
    response.status(appError.status).set('Cache-Control', 'no-store').json(body)
  }
}

/**
 * The path without the secrets some paths carry (the tokens of join, setup and
 * invitation links: 43 URL-safe characters), so that a log line never lets its
 * reader join a workshop or create an account. Entity ids (21 characters) stay.
 */
function pathForLog(path: string): string {
  return path.replace(/[A-Za-z0-9_-]{32,}/g, ':token')
}

/** body-parser reports its errors with `type` and `status`; map them to our codes. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  if (typeof error === 'object' && error !== null) {
    const { type, status, limit } = error as { type?: unknown; status?: unknown; limit?: unknown }
    if (type === 'entity.too.large') return payloadTooLarge(typeof limit === 'number' ? limit : null)
    if (type === 'entity.parse.failed') return invalidJson()
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return badRequestBody(error instanceof Error ? error.message : 'The request could not be read.')
    }
  }
  return internalError(error)
}
