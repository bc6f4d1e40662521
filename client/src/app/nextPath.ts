/**
 * The page to go to after signing in, from a `?next=` parameter: only a path on
 * this site ("/workshop/abc"), never another host ("//evil.example", "https://…"),
 * so a crafted login link cannot send a facilitator elsewhere.
 */
export function safeNextPath(value: string | null, fallback = '/facilitator'): string {
  if (value === null || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback
  if (/\p{Cc}/u.test(value)) return fallback
  return value
}
