import { Router } from 'express'
import { AuditQuery, type AuditEntry, type AuditLogPage, type AuditTargetNames } from '../../../shared/src/schema/auditLog.ts'
import type { BoardLanguage } from '../../../shared/src/schema/workshopApi.ts'
import { isTemplateId, methodTemplates } from '../../../shared/src/templates/index.ts'
import { requireFacilitator } from '../auth/requestAccess.ts'
import type { AccessStore } from '../store/AccessStore.ts'
import type { AuditStore, StoredAuditEntry } from '../store/AuditStore.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import { parseRequestPart } from './requestValidation.ts'

export interface AuditRouteDeps {
  audit: Pick<AuditStore, 'list'>
  domain: DomainStore
  access: AccessStore
  /** AUDIT_RETENTION_DAYS, which the page tells its readers. */
  retentionDays: number
}

/**
 * `GET /api/audit` (facilitators): the audit log, newest first, filtered by workshop, challenge,
 * action and time, a page at a time. Each entry names its targets as they are called now (null
 * once deleted); the log itself keeps only their ids.
 */
export function auditRouter(deps: AuditRouteDeps): Router {
  const router = Router()
  router.get('/audit', async (request, response) => {
    requireFacilitator(request, response)
    const query = parseRequestPart(AuditQuery, request.query, 'query parameters')
    const after = query.after === undefined ? undefined : cursorPosition(query.after)
    // One more than asked tells whether there is a next page.
    const stored = await deps.audit.list({
      workshopId: query.workshopId,
      challengeId: query.challengeId,
      action: query.action,
      since: query.from === undefined ? undefined : Date.parse(query.from),
      until: query.to === undefined ? undefined : Date.parse(query.to),
      after,
      limit: query.limit + 1,
    })
    const page = stored.slice(0, query.limit)
    const last = page.at(-1)
    const names = targetNames(deps, query.language ?? 'nb')
    const body: AuditLogPage = {
      entries: await Promise.all(page.map(async (entry) => entryView(entry, await names(entry)))),
      nextCursor: stored.length > query.limit && last !== undefined ? `${last.at}.${last.id}` : null,
      retentionDays: deps.retentionDays,
    }
    response.set('Cache-Control', 'no-store').json(body)
  })
  return router
}

function cursorPosition(cursor: string): { at: number; id: string } {
  const dot = cursor.indexOf('.')
  return { at: Number(cursor.slice(0, dot)), id: cursor.slice(dot + 1) }
}

function entryView(entry: StoredAuditEntry, names: AuditTargetNames): AuditEntry {
  return {
    id: entry.id,
    at: new Date(entry.at).toISOString(),
    lastAt: new Date(entry.lastAt).toISOString(),
    times: entry.times,
    actor: entry.actor,
    action: entry.action,
    target: entry.target,
    names,
    detail: entry.detail,
  }
}

/** Looks up the targets' names once per page (a page names few workshops, many times). */
function targetNames(deps: AuditRouteDeps, language: BoardLanguage): (entry: StoredAuditEntry) => Promise<AuditTargetNames> {
  const cache = new Map<string, Promise<string | null>>()
  const once = (key: string, load: () => Promise<string | null>) => {
    let name = cache.get(key)
    if (name === undefined) {
      name = load()
      cache.set(key, name)
    }
    return name
  }
  const named = (kind: string, id: string | null, load: (id: string) => Promise<string | null>) =>
    id === null ? Promise.resolve(null) : once(`${kind}:${id}`, () => load(id))
  return async ({ target }) => {
    const [workshop, challenge, step, municipality, facilitator] = await Promise.all([
      named('workshop', target.workshopId, async (id) => (await deps.domain.getWorkshop(id))?.title ?? null),
      named('challenge', target.challengeId, async (id) => (await deps.domain.getChallenge(id))?.name ?? null),
      named('step', target.stepId, async (id) => {
        const step = await deps.domain.getStep(id)
        if (step === null) return null
        return isTemplateId(step.templateId) ? methodTemplates.get(step.templateId).name[language] : step.templateId
      }),
      named('municipality', target.municipalityId, async (id) => (await deps.domain.getMunicipality(id))?.name ?? null),
      named('facilitator', target.facilitatorId, async (id) => (await deps.access.getFacilitator(id))?.displayName ?? null),
    ])
    return { workshop, challenge, step, municipality, facilitator }
  }
}
