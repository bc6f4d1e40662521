/**
 * The addresses of the app's own pages (client/src/main.tsx routes each of them), in Express's
 * pattern syntax. The server answers them with the app and status 200; any other address a
 * browser opens gets the app's not-found page with status 404. A unit test
 * (tests/unit/appPages.test.ts) keeps this list and the client's routes the same.
 */
export const appPagePaths = [
  '/',
  '/login',
  '/setup/:token',
  '/invite/:token',
  '/join/:token',
  '/facilitator',
  '/facilitator/municipalities',
  '/facilitator/log',
  '/facilitator/accounts',
  '/facilitator/password',
  '/reset-password/:token',
  '/challenge/new',
  '/challenge/:challengeId/edit',
  '/challenge/:challengeId/description',
  '/challenge/:challengeId',
  '/workshop/:workshopId/edit',
  '/workshop/:workshopId',
  '/board/:boardId',
  '/tilgjengelighet',
] as const

/** The records of processing: a page the server renders itself (no script), so not one of the app's pages. */
export const processingRecordsPath = '/behandlingsprotokoll'
