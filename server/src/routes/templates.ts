import { Router } from 'express'
import { z } from 'zod'
import { BoardLanguage, type TemplateList } from '../../../shared/src/schema/workshopApi.ts'
import { methodTemplates } from '../../../shared/src/templates/index.ts'
import { parseRequestPart } from './requestValidation.ts'

/** `?language=`: which language to name templates in (default bokmål, or the workshop's language form). */
export const LanguageQuery = z.strictObject({
  language: BoardLanguage.meta({ description: 'nb (bokmål), nn (nynorsk) or en.' }).optional(),
})

/**
 * `GET /api/templates?language=`: the method templates a step can be made
 * from. Public: they are the programme's method, not anyone's data.
 */
export function templatesRouter(): Router {
  const router = Router()
  router.get('/templates', (request, response) => {
    const { language = 'nb' } = parseRequestPart(LanguageQuery, request.query, 'query parameters')
    const body: TemplateList = {
      templates: methodTemplates.templates.map((template) => ({
        id: template.id,
        name: template.name[language],
        purpose: template.purpose[language],
        latestVersion: methodTemplates.latestVersion(template.id),
      })),
    }
    response.set('Cache-Control', 'no-cache').json(body)
  })
  return router
}
