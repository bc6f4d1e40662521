import type { TFunction } from 'i18next'

/**
 * How long the audit log keeps its entries, as its page says it: in whole years when the days make
 * some (AUDIT_RETENTION_DAYS=1826: "5 år"), else in days.
 * @example retentionText(t, 1826) // 'Oppføringene blir tatt vare på i 5 år, også etter at verkstedet er slettet.'
 */
export function retentionText(t: TFunction, days: number): string {
  const years = Math.round(days / 365.25)
  return years >= 1 && Math.abs(days - years * 365.25) < 1 ? t('audit.retentionYears', { count: years }) : t('audit.retention', { days })
}
