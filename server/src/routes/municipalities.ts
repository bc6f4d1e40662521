import { Router } from 'express'
import type { Municipality } from '../../../shared/src/schema/municipality.ts'
import { MunicipalityQuery, type MunicipalityList } from '../../../shared/src/schema/publicApi.ts'
import { MunicipalityParams, UpdateMunicipalityBody } from '../../../shared/src/schema/workshopApi.ts'
import { changedFields, type AuditLog } from '../audit/auditLog.ts'
import { requireFacilitator } from '../auth/requestAccess.ts'
import { municipalityNotFound } from '../errors.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import { parseRequestPart } from './requestValidation.ts'

/**
 * `GET /api/municipalities?q=&county=`: the programme's municipalities (kommuner), by name.
 * `PATCH /api/municipalities/:municipalityId`: facilitators correct a municipality's official
 * language form or county; its workshops speak the new form from the next page they load. The
 * change is recorded in `audit`.
 */
export function municipalitiesRouter(domain: DomainStore, audit: AuditLog): Router {
  const router = Router()
  router.get('/municipalities', async (request, response) => {
    const { q, county } = parseRequestPart(MunicipalityQuery, request.query, 'query parameters')
    const body: MunicipalityList = { municipalities: await domain.searchMunicipalities({ text: q, county }) }
    response.set('Cache-Control', 'no-cache').json(body)
  })
  router.patch('/municipalities/:municipalityId', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const { municipalityId } = parseRequestPart(MunicipalityParams, request.params, 'path parameters')
    const patch = parseRequestPart(UpdateMunicipalityBody, request.body ?? {}, 'request body')
    const before = await domain.getMunicipality(municipalityId)
    const updated = before === null ? null : await domain.updateMunicipality(municipalityId, patch)
    if (before === null || updated === null) throw municipalityNotFound(municipalityId)
    await audit.record(account, 'municipality.update', { municipalityId: updated.id, detail: { fields: changedFields(patch, before) } })
    const body: Municipality = updated
    response.json(body)
  })
  return router
}
