import type { SafeStorage } from '../app/storage.ts'
import { Observable } from '../app/Observable.ts'
import { colorForUser } from '../../../shared/src/people/personColors.ts'

const storageKey = 'samskap.user'
/** Longest display name we keep; longer names are cut. */
export const maxNameLength = 40

/** What is remembered about the person using this device. */
export interface UserProfile {
  /** Stable and random; names this person's cursor and edits on every board. */
  id: string
  /** The display name, or null before the person has chosen one. */
  name: string | null
  color: string
  /** tldraw's UI preferences (dark mode, snapping …), as tldraw set them; checked where used. */
  tldrawPreferences: Record<string, unknown>
}

function randomId(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Trims a display name and cuts it to {@link maxNameLength}; empty means "no name". */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').slice(0, maxNameLength)
}

/** The stored profile if it is present and well-formed; a new identity otherwise. */
export function parseUserProfile(json: string | null): UserProfile | null {
  try {
    const value: unknown = JSON.parse(json ?? 'null')
    if (!isPlainObject(value)) return null
    const { id, name, color, tldrawPreferences } = value
    if (typeof id !== 'string' || !/^[0-9a-f]{8,64}$/.test(id)) return null
    const normalized = typeof name === 'string' ? normalizeName(name) : ''
    return {
      id,
      name: normalized.length > 0 ? normalized : null,
      color: typeof color === 'string' && /^#[0-9a-fA-F]{6}$/.test(color) ? color : colorForUser(id),
      tldrawPreferences: isPlainObject(tldrawPreferences) ? tldrawPreferences : {},
    }
  } catch {
    return null
  }
}

/**
 * The person using this device: a stable id and colour, the display name they chose,
 * and tldraw's UI preferences, all remembered in localStorage.
 */
export class LocalUser {
  readonly profile: Observable<UserProfile>
  private readonly storage: SafeStorage

  constructor(storage: SafeStorage) {
    this.storage = storage
    const stored = parseUserProfile(storage.get(storageKey))
    const id = stored?.id ?? randomId()
    this.profile = new Observable(stored ?? { id, name: null, color: colorForUser(id), tldrawPreferences: {} })
    if (stored === null) this.save(this.profile.get())
  }

  /** The chosen display name, or null before the person has chosen one. */
  get name(): string | null {
    return this.profile.get().name
  }

  /** Remembers a new display name; blank names are ignored. */
  setName(name: string): void {
    const normalized = normalizeName(name)
    if (normalized.length === 0 || normalized === this.name) return
    this.save({ ...this.profile.get(), name: normalized })
  }

  setTldrawPreferences(tldrawPreferences: Record<string, unknown>): void {
    this.save({ ...this.profile.get(), tldrawPreferences })
  }

  private save(profile: UserProfile): void {
    this.storage.set(storageKey, JSON.stringify(profile))
    this.profile.set(profile)
  }
}
