import { z } from 'zod'
import { DescriptionDraft } from '../../../shared/src/description/challengeDescription.ts'
import { DraftResult, type ExportFormat } from '../../../shared/src/description/descriptionApi.ts'
import type { ApiClient } from '../app/apiClient.ts'
import { fetchApi } from '../app/publicApi.ts'
import type { DraftRequests } from './DraftEditor.ts'

/** What the editor reads of a publish answer (the whole version comes back; the number is what it shows). */
const PublishAnswer = z.looseObject({ version: z.int().min(1) })

/** The description routes of one challenge, for {@link DraftEditor}. */
export function descriptionRequests(api: ApiClient, challengeId: string): DraftRequests {
  const path = descriptionPath(challengeId)
  return {
    load: () => fetchApi(path, DescriptionDraft),
    save: (body) => api.send({ method: 'PUT', path, body, as: 'facilitator', response: DescriptionDraft }),
    draftFrom: (workshopId) =>
      api.send({ method: 'POST', path: `${path}/draft`, body: { workshopId }, as: 'facilitator', response: DraftResult }),
    publish: () => api.send({ method: 'POST', path: `${path}/publish`, body: {}, as: 'facilitator', response: PublishAnswer }),
  }
}

export const descriptionPath = (challengeId: string) => `/api/challenges/${encodeURIComponent(challengeId)}/description`

/** The formats a description is exported in, in the order the page offers them. */
export const exportFormats = ['docx', 'html', 'md', 'json', 'csv'] as const satisfies readonly ExportFormat[]
/** The formats whose draft export can carry the notes' authors (the others never do). */
export const formatsWithNames: ReadonlySet<ExportFormat> = new Set(['docx', 'html', 'md'])

/** The download of the draft; with `names`, the notes' authors in an appendix (formats that have one). */
export function draftExportUrl(challengeId: string, format: ExportFormat, names: boolean): string {
  const url = `${descriptionPath(challengeId)}/export/${format}`
  return names && formatsWithNames.has(format) ? `${url}?names=include` : url
}

/** The download of a published version (never with names). */
export function versionExportUrl(challengeId: string, version: number, format: ExportFormat): string {
  return `${descriptionPath(challengeId)}/versions/${version}/export/${format}`
}

/** The public page of the newest version, or of one version. */
export function publicPageUrl(challengeId: string, version?: number): string {
  const base = `/utfordring/${encodeURIComponent(challengeId)}`
  return version === undefined ? base : `${base}/v/${version}`
}
