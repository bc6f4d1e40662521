/** Deep equality of JSON values (key order does not matter; a property set to undefined is as one left out). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]))
  const left = Object.entries(a as Record<string, unknown>).filter(([, value]) => value !== undefined)
  const right = b as Record<string, unknown>
  const rightCount = Object.values(right).filter((value) => value !== undefined).length
  return left.length === rightCount && left.every(([key, value]) => sameValue(value, right[key]))
}
