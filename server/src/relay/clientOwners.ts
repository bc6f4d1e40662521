import type { BoardGrant } from './boardAccess.ts'

// Who a board's Yjs client ids belong to. Yjs trusts a client id completely: two writers under
// one id overwrite each other's history, so a hostile participant writing under someone else's
// id (everyone sees ids in presence) could make that person's offline notes vanish on arrival.
// So an id belongs to whoever first wrote with it or announced it in their presence, and that
// is stored with the board (board_clients): nobody else may write under it, ever.

/** The owner of the server's own changes (templates, settings, migrations, restores). */
export const serverOwner = 'server'
/** The owner of everyone on a free board opened without a session: they are not told apart. */
export const anonymousOwner = 'anonymous'

/** The owner a socket's grant writes as: its person, or anonymous. */
export function ownerOfGrant(grant: Pick<BoardGrant, 'person'>): string {
  return grant.person === null ? anonymousOwner : personOwner(grant.person.id)
}

/** The owner key of a person (a facilitator's account id or a participant's id). */
export function personOwner(personId: string): string {
  return `person:${personId}`
}

/** The person id in an owner key, or null for the server and anonymous owners. */
export function personOfOwner(owner: string | null): string | null {
  return owner !== null && owner.startsWith('person:') ? owner.slice('person:'.length) : null
}

export type OwnershipCheck =
  /** Every id is the writer's; `claims` are the ones new to the board, to be stored with the update. */
  | { kind: 'own'; claims: number[] }
  /** This id belongs to someone else (or to content from before owners were kept). */
  | { kind: 'foreign'; clientId: number }

/** A board's client ids and their owners: as stored when it loaded, plus what was claimed since. */
export class ClientOwners {
  readonly #owners: Map<number, string>

  constructor(stored: ReadonlyMap<number, string>) {
    this.#owners = new Map(stored)
  }

  get size(): number {
    return this.#owners.size
  }

  ownerOf(clientId: number): string | undefined {
    return this.#owners.get(clientId)
  }

  /**
   * Whether `owner` may write under every id in `clientIds`: ids it owns, and ids the board has
   * never seen (`known` says whether the document has content under an id). An unowned id the
   * board already has content under is nobody's to take.
   */
  check(clientIds: Iterable<number>, owner: string, known: (clientId: number) => boolean): OwnershipCheck {
    const claims: number[] = []
    for (const clientId of clientIds) {
      const current = this.#owners.get(clientId)
      if (current === owner) continue
      if (current !== undefined || known(clientId)) return { kind: 'foreign', clientId }
      claims.push(clientId)
    }
    return { kind: 'own', claims }
  }

  /** True when `owner` has claimed any client id on the board. */
  hasClaims(owner: string): boolean {
    for (const current of this.#owners.values()) if (current === owner) return true
    return false
  }

  /**
   * Forgets `owner`'s claims (the person was erased). Their ids stay nobody's to take: the board
   * has content under each id anyone wrote with (see check).
   */
  forget(owner: string): void {
    for (const [clientId, current] of this.#owners) if (current === owner) this.#owners.delete(clientId)
  }

  /** Records that `clientId` is `owner`'s; false when it already belongs to someone else. */
  claim(clientId: number, owner: string): boolean {
    const current = this.#owners.get(clientId)
    if (current !== undefined) return current === owner
    this.#owners.set(clientId, owner)
    return true
  }
}
