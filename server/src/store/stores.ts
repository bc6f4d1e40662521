import type { AccessStore } from './AccessStore.ts'
import type { AuditStore } from './AuditStore.ts'
import type { BoardStore } from './BoardStore.ts'
import type { DescriptionStore } from './DescriptionStore.ts'
import type { DomainStore } from './DomainStore.ts'
import type { FacilitationStore } from './FacilitationStore.ts'
import type { StoreMaintenance } from './StoreMaintenance.ts'

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
  /** The audit log of facilitators' actions, kept apart from what it names. */
  audit: AuditStore
  /** Makes deleted personal data unreadable in the database's files (after a workshop's or a person's deletion). */
  maintenance: StoreMaintenance
}

/** Closes all the stores (the connection or pool closes with the last). */
export async function closeStores(stores: Stores): Promise<void> {
  await Promise.all([
    stores.boards.close(),
    stores.domain.close(),
    stores.access.close(),
    stores.descriptions.close(),
    stores.facilitation.close(),
    stores.audit.close(),
    stores.maintenance.close(),
  ])
}
