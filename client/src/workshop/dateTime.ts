// Workshop times: the server keeps ISO 8601 instants; people see and type local time.

const pad = (value: number) => String(value).padStart(2, '0')

/** An instant as the value of an `<input type="datetime-local">` in this browser's time zone ('2026-11-24T09:00'). */
export function toDateTimeLocal(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/**
 * A datetime-local value as an ISO instant ('2026-11-24T08:00:00.000Z' in Oslo in winter).
 * Anything that is not a local date and time comes back unchanged, for the schema to refuse by name.
 */
export function fromDateTimeLocal(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return value
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? value : date.toISOString()
}

/** Tomorrow 09:00–12:00 local time, as datetime-local values: a plausible first guess for a new workshop. */
export function defaultWorkshopTimes(now: Date): { startsAt: string; endsAt: string } {
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1)
  const date = `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`
  return { startsAt: `${date}T09:00`, endsAt: `${date}T12:00` }
}

/** A date and time for a person ("24. november 2026 kl. 09:00"). */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(date)
}

/** A workshop's time span ("tirsdag 24. november 2026 09:00–12:00"), one date shown once when it is one day. */
export function formatWorkshopTime(startsAt: string, endsAt: string, language: string): string {
  const start = new Date(startsAt)
  const end = new Date(endsAt)
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${startsAt} – ${endsAt}`
  const format = new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short' })
  return end > start ? format.formatRange(start, end) : format.format(start)
}

/** A date for a person, without the time ("7. mars 2027"). */
export function formatDate(iso: string, language: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(date)
}

/** An instant's day in this browser's time zone, as the value of an `<input type="date">` ('2027-03-07'). */
export function toLocalDate(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/**
 * The start of a date input's day in this browser's time zone, as an ISO instant; anything that
 * is not a date comes back unchanged, for the schema to refuse by name.
 */
export function fromLocalDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (match === null) return value
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return Number.isNaN(date.getTime()) ? value : date.toISOString()
}
