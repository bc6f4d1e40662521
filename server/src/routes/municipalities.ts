import { Router } from 'express'
import { MunicipalityQuery, type MunicipalityList } from '../../../shared/src/schema/publicApi.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import { parseRequestPart } from './requestValidation.ts'

/** `GET /api/municipalities?q=&county=`: the programme's municipalities (kommuner), by name. */
export function municipalitiesRouter(domain: DomainStore): Router {
  const router = Router()
  router.get('/municipalities', async (request, response) => {
    const { q, county } = parseRequestPart(MunicipalityQuery, request.query, 'query parameters')
    const body: MunicipalityList = { municipalities: await domain.searchMunicipalities({ text: q, county }) }
    response.set('Cache-Control', 'no-cache').json(body)
  })
  return router
}
