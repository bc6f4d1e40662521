import type { AccessStore } from './AccessStore.ts'
import type { BoardStore } from './BoardStore.ts'
import type { DescriptionStore } from './DescriptionStore.ts'
import type { DomainStore } from './DomainStore.ts'
import type { FacilitationStore } from './FacilitationStore.ts'

/**
 * Every store of one database: boards, the domain, access, descriptions and facilitation. They
 * share a connection (SQLite) or a pool (Postgres), so a domain transaction (deleting a workshop)
 * also covers the boards' rows, the workshop's sessions and links and its facilitation state.
 */
export interface Stores {
  boards: BoardStore
  domain: DomainStore
  access: AccessStore
  descriptions: DescriptionStore
  facilitation: FacilitationStore
}

/** Closes all the stores (the connection or pool closes with the last). */
export async function closeStores(stores: Stores): Promise<void> {
  await Promise.all([
    stores.boards.close(),
    stores.domain.close(),
    stores.access.close(),
    stores.descriptions.close(),
    stores.facilitation.close(),
  ])
}
