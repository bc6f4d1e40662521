/** A Storage that never throws: private modes and blocked storage fall back to memory. */
export interface SafeStorage {
  get(key: string): string | null
  set(key: string, value: string): void
}

/** Wraps `storage` (usually localStorage, which may be missing or throw) in a {@link SafeStorage}. */
export function safeStorage(getStorage: () => Storage | null | undefined): SafeStorage {
  const memory = new Map<string, string>()
  const storage = (() => {
    try {
      return getStorage() ?? null
    } catch {
      return null
    }
  })()
  return {
    get(key) {
      try {
        return storage?.getItem(key) ?? memory.get(key) ?? null
      } catch {
        return memory.get(key) ?? null
      }
    },
    set(key, value) {
      memory.set(key, value)
      try {
        storage?.setItem(key, value)
      } catch {
        // Kept in memory for this page; nothing else to do.
      }
    },
  }
}
