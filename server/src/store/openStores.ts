import path from 'node:path'
import { mkdirSync } from 'node:fs'
import { snapshotRetentionOf, type Config } from '../config.ts'
import { openPostgresStores } from './postgresStores.ts'
import { openSqliteStores } from './sqliteStores.ts'
import type { Stores } from './stores.ts'

/** The name of the SQLite file inside DATA_DIR. */
export const databaseFileName = 'samskap.sqlite'

/** The stores the configuration names: Postgres at DATABASE_URL, or the SQLite file in DATA_DIR (the default). */
export async function openConfiguredStores(
  config: Pick<Config, 'databaseUrl' | 'databasePoolSize' | 'dataDir' | 'snapshotKeepLast' | 'snapshotKeepDaily' | 'historyMs'>,
): Promise<Stores> {
  const retention = snapshotRetentionOf(config)
  if (config.databaseUrl !== null) {
    return openPostgresStores({ url: config.databaseUrl, retention, poolSize: config.databasePoolSize })
  }
  mkdirSync(config.dataDir, { recursive: true })
  return openSqliteStores({ file: path.join(config.dataDir, databaseFileName), retention })
}
