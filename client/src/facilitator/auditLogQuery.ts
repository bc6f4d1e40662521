import { AuditAction, type AuditEntry } from '../../../shared/src/schema/auditLog.ts'
import type { ActionTextKey } from '../i18n/auditTexts.ts'

/** The log's filters as the page keeps them in its address: ids, an action code and local dates ('2027-03-07'), '' for none. */
export interface AuditFilters {
  challengeId: string
  workshopId: string
  action: string
  from: string
  to: string
}

const filterNames = ['challengeId', 'workshopId', 'action', 'from', 'to'] as const

export function filtersOfSearch(search: URLSearchParams): AuditFilters {
  const [challengeId, workshopId, action, from, to] = filterNames.map((name) => search.get(name) ?? '')
  return { challengeId: challengeId ?? '', workshopId: workshopId ?? '', action: action ?? '', from: from ?? '', to: to ?? '' }
}

/** The filters as the page's address carries them (those set only). */
export function searchOfFilters(filters: AuditFilters): URLSearchParams {
  const search = new URLSearchParams()
  for (const name of filterNames) if (filters[name] !== '') search.set(name, filters[name])
  return search
}

/** The `GET /api/audit` path of a page of entries: `from` from the start of its day, `to` to the end of its day, here. */
export function auditPath(filters: AuditFilters, after: string | null, language: string): string {
  const query = new URLSearchParams()
  if (filters.challengeId !== '') query.set('challengeId', filters.challengeId)
  if (filters.workshopId !== '') query.set('workshopId', filters.workshopId)
  if (AuditAction.safeParse(filters.action).success) query.set('action', filters.action)
  const from = startOfLocalDay(filters.from, 0)
  const to = startOfLocalDay(filters.to, 1)
  if (from !== null) query.set('from', from)
  if (to !== null) query.set('to', new Date(Date.parse(to) - 1).toISOString())
  if (after !== null) query.set('after', after)
  query.set('language', language === 'nn' || language === 'en' ? language : 'nb')
  return `/api/audit?${query.toString()}`
}

/** The start of a date input's day (plus `days`) in this browser's time zone, as an ISO instant; null for no date. */
function startOfLocalDay(value: string, days: number): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (match === null) return null
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/** The catalogue key of an action's words (auditTexts.ts). */
export function actionKey(action: AuditAction): `auditActions.${ActionTextKey}` {
  return `auditActions.${action.replace('.', '_') as ActionTextKey}`
}

type AboutKey = 'audit.challengeNamed' | 'audit.workshopNamed' | 'audit.stepNamed' | 'audit.municipalityNamed' | 'audit.facilitatorNamed'

/** One line of the "about" column: a catalogue key and its values. */
export type AuditLine = { key: AboutKey; values: { name: string } } | { key: 'audit.boardNamed'; values: { id: string } }

/** The targets of an entry, by the names they have now ('deleted' where they are gone). */
export function aboutLines(entry: AuditEntry, deleted: string): AuditLine[] {
  const { target, names } = entry
  const lines: AuditLine[] = []
  const named = (id: string | null, name: string | null, key: AboutKey) => {
    if (id !== null) lines.push({ key, values: { name: name ?? deleted } })
  }
  named(target.challengeId, names.challenge, 'audit.challengeNamed')
  named(target.workshopId, names.workshop, 'audit.workshopNamed')
  named(target.stepId, names.step, 'audit.stepNamed')
  if (target.boardId !== null && target.stepId === null) lines.push({ key: 'audit.boardNamed', values: { id: target.boardId } })
  named(target.municipalityId, names.municipality, 'audit.municipalityNamed')
  named(target.facilitatorId, names.facilitator, 'audit.facilitatorNamed')
  return lines
}
