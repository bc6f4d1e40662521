import { Router } from 'express'
import type { z } from 'zod'
import {
  AcceptInvitationBody,
  Facilitator,
  FacilitatorList,
  InvitationBody,
  InvitationCreated,
  InvitationInfo,
  JoinBody,
  JoinInfo,
  LoginBody,
  SessionInfo,
  SetupBody,
} from '../../../shared/src/schema/access.ts'
import {
  DescriptionDiff,
  DescriptionDraft,
  DraftFromWorkshopBody,
  DraftResult,
  PublishedDescription,
  PublishedList,
  UpdateDraftBody,
  VersionList,
} from '../../../shared/src/description/descriptionApi.ts'
import { ApiError, ChallengeDetail, ChallengeList, MunicipalityList } from '../../../shared/src/schema/publicApi.ts'
import {
  AgendaStep,
  AgendaStepList,
  BoardPlacement,
  CreateChallengeBody,
  CreateStepBody,
  CreateWorkshopBody,
  JoinCodeBody,
  PrivateBoardAnswer,
  PrivateBoardList,
  StepOrderBody,
  TemplateList,
  UpdateChallengeBody,
  UpdateMunicipalityBody,
  UpdateStepBody,
  UpdateWorkshopBody,
  WorkshopDetail,
  WorkshopLinks,
  WorkshopSummaryList,
} from '../../../shared/src/schema/workshopApi.ts'
import {
  BoardModeAnswer,
  BoardModeBody,
  BoardMoment,
  BoardTimeline,
  RemoveParticipantAnswer,
  RemoveParticipantBody,
  RestoreAnswer,
  RestoreBody,
  UndoRestoreBody,
} from '../../../shared/src/schema/boardHistoryApi.ts'
import { AuditLogPage } from '../../../shared/src/schema/auditLog.ts'
import { Municipality } from '../../../shared/src/schema/municipality.ts'
import { DeletionDateBody, WorkshopRetention } from '../../../shared/src/schema/retentionApi.ts'
import {
  ChangePasswordBody,
  PasswordResetCreated,
  PasswordResetInfo,
  ResetPasswordBody,
} from '../../../shared/src/schema/facilitatorAccounts.ts'
import { PublicDescription } from '../description/publicDescription.ts'
import { auditPaths } from './openApiAuditPaths.ts'
import { accountPaths } from './openApiAccountPaths.ts'
import { boardPaths } from './openApiBoardPaths.ts'
import { authPaths } from './openApiAuthPaths.ts'
import { descriptionPaths } from './openApiDescriptionPaths.ts'
import { exportPaths } from './openApiExportPaths.ts'
import { publicPaths } from './openApiPublicPaths.ts'
import { jsonSchema, securitySchemes, type JsonSchema, type PathItem } from './openApiSchema.ts'
import { workshopPaths } from './openApiWorkshopPaths.ts'
import { participantDataPaths } from './openApiParticipantDataPaths.ts'
import { EraseParticipantAnswer, EraseParticipantBody, ParticipantDataExport } from '../../../shared/src/schema/participantDataApi.ts'
import { FacilitationAction, FacilitationSnapshot } from '../../../shared/src/schema/facilitation.ts'

/** An OpenAPI 3.1 document; only the parts this API uses. */
export interface OpenApiDocument {
  openapi: string
  info: { title: string; version: string; description: string }
  paths: Record<string, PathItem>
  components: { schemas: Record<string, JsonSchema>; securitySchemes: typeof securitySchemes }
}

/** Request bodies are described as the client sends them (before defaults and trimming). */
const requestSchemas: Record<string, z.ZodType> = {
  CreateChallengeBody,
  UpdateChallengeBody,
  UpdateMunicipalityBody,
  CreateWorkshopBody,
  UpdateWorkshopBody,
  CreateStepBody,
  UpdateStepBody,
  StepOrderBody,
  JoinCodeBody,
  JoinBody,
  LoginBody,
  SetupBody,
  InvitationBody,
  AcceptInvitationBody,
  ResetPasswordBody,
  ChangePasswordBody,
  DraftFromWorkshopBody,
  UpdateDraftBody,
  BoardModeBody,
  RestoreBody,
  UndoRestoreBody,
  RemoveParticipantBody,
  EraseParticipantBody,
  FacilitationAction,
  DeletionDateBody,
}

/** Responses as the server sends them. */
const responseSchemas: Record<string, z.ZodType> = {
  Municipality,
  MunicipalityList,
  ChallengeList,
  ChallengeDetail,
  WorkshopSummaryList,
  WorkshopDetail,
  WorkshopLinks,
  FacilitationSnapshot,
  AgendaStep,
  AgendaStepList,
  BoardPlacement,
  PrivateBoardAnswer,
  PrivateBoardList,
  TemplateList,
  JoinInfo,
  SessionInfo,
  InvitationCreated,
  InvitationInfo,
  Facilitator,
  FacilitatorList,
  PasswordResetCreated,
  PasswordResetInfo,
  DescriptionDraft,
  DraftResult,
  PublishedDescription,
  PublicDescription,
  PublishedList,
  VersionList,
  DescriptionDiff,
  BoardModeAnswer,
  BoardTimeline,
  BoardMoment,
  RestoreAnswer,
  RemoveParticipantAnswer,
  EraseParticipantAnswer,
  ParticipantDataExport,
  AuditLogPage,
  WorkshopRetention,
  ApiError,
}

/** Path tables of separate parts of the API, merged per path (several add methods to one path). */
function mergePaths(...tables: Record<string, PathItem>[]): Record<string, PathItem> {
  const merged: Record<string, PathItem> = {}
  for (const table of tables) {
    for (const [path, item] of Object.entries(table)) merged[path] = { ...merged[path], ...item }
  }
  return merged
}

const schemasOf = (schemas: Record<string, z.ZodType>, io: 'input' | 'output') =>
  Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, jsonSchema(schema, io)]))

/** The API described from the same zod schemas that validate its requests. */
export function openApiDocument(): OpenApiDocument {
  return {
    openapi: '3.1.1',
    info: {
      title: 'Samskap API',
      version: '1',
      description:
        'The programme’s municipalities and challenges (public), workshops and their steps (facilitators write them; ' +
        'participants and observers read their own), joining through workshop links, sessions, the client configuration, ' +
        'board uploads, and boards’ modes, history and restores. Every error is JSON `{ error: { code, message, fields? } }` with a stable code. Changing ' +
        'requests made with a session carry its csrfToken in `X-CSRF-Token`.',
    },
    paths: mergePaths(publicPaths(), workshopPaths(), authPaths(), accountPaths(), descriptionPaths(), exportPaths(), boardPaths(), auditPaths(), participantDataPaths()),
    components: {
      schemas: { ...schemasOf(requestSchemas, 'input'), ...schemasOf(responseSchemas, 'output') },
      securitySchemes,
    },
  }
}

/** `GET /api/openapi.json`. */
export function openApiRouter(): Router {
  const body = openApiDocument()
  const router = Router()
  router.get('/openapi.json', (_request, response) => {
    response.set('Cache-Control', 'no-cache').json(body)
  })
  return router
}
