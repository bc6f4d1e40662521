import { Challenge, ChallengeStatus } from '../../../shared/src/schema/challenge.ts'
import { FollowerLink, Municipality } from '../../../shared/src/schema/municipality.ts'
import type { DomainStore } from './DomainStore.ts'
import { readFollowerLink, readMunicipality } from './domainRecords.ts'
import {
  challengeTextMatches,
  domainRefusals,
  isStorableId,
  municipalityMatcher,
  namedMunicipalities,
  patchedChallenge,
  patchedMunicipality,
  validateSeed,
} from './domainRules.ts'
import { attachPostgresStore, inPostgresTransaction, type Queryable, type SharedPostgresPool } from './postgresDatabase.ts'
import { challengeOf, domainSql, insertChallengeLists } from './postgresDomainStatements.ts'
import { queryRow, queryRows } from './postgresQueries.ts'
import { postgresPrivateBoardOperations } from './postgresPrivateBoards.ts'
import { postgresWorkshopOperations } from './postgresWorkshopOperations.ts'
import { postgresWorkshopRetentionOperations } from './postgresWorkshopRetention.ts'
import { textOf } from './storeRows.ts'
import { describeId, validated } from './storeValidation.ts'

/**
 * The DomainStore on the Postgres pool the other stores share (open them all with
 * openPostgresStores). It behaves as the SQLite one does (sqliteDomainStore.ts), with the same
 * checks and refusals (domainRules.ts), while several server instances write the same
 * municipalities and challenges at once: every change of more than one statement is one
 * transaction, and what SQLite got from running one transaction at a time is said where it is
 * done otherwise here. Its close() lets go of the pool.
 */
export function createPostgresDomainStore(shared: SharedPostgresPool, options: { now?: () => number } = {}): DomainStore {
  const now = options.now ?? Date.now
  const { pool } = shared
  const { operation, close } = attachPostgresStore(shared, 'domain')
  const inTransaction = <T>(work: (db: Queryable) => Promise<T>) => inPostgresTransaction(pool, work)

  /**
   * Refuses, naming the first missing one in the order given, unless every municipality exists.
   * Municipalities are never deleted, so one that exists now still does at commit.
   */
  async function requireMunicipalities(db: Queryable, context: string, ids: readonly string[]): Promise<void> {
    const found = new Set((await queryRows(db, domainSql.existingMunicipalities, [ids])).map((row) => textOf(row, 'id')))
    const missing = ids.find((id) => !found.has(id))
    if (missing !== undefined) throw domainRefusals.noMunicipality(context, missing)
  }

  async function insertMunicipality(db: Queryable, municipality: Municipality, createdAt: number): Promise<void> {
    const { id, name, municipalityNumber, county, languageForm } = municipality
    const inserted = await queryRows(db, domainSql.insertMunicipality, [id, name, municipalityNumber, county, languageForm, createdAt])
    if (inserted.length > 0) return
    // The id or the number is taken (ON CONFLICT waited for an instance inserting either to commit,
    // so the statements below see its row). Named as SQLite checks them: the id first.
    if ((await queryRow(db, domainSql.municipality, [id])) !== undefined || municipalityNumber === null) {
      throw domainRefusals.municipalityExists(id)
    }
    const holder = await queryRow(db, domainSql.municipalityByNumber, [municipalityNumber])
    throw domainRefusals.municipalityNumberTaken(municipalityNumber, holder === undefined ? '(unknown)' : textOf(holder, 'name'))
  }

  async function insertFollower(db: Queryable, link: FollowerLink): Promise<void> {
    await requireMunicipalities(db, 'Follower link', [link.leadMunicipalityId, link.followerMunicipalityId])
    await db.query(domainSql.insertFollower, [link.leadMunicipalityId, link.followerMunicipalityId])
  }

  async function insertChallenge(db: Queryable, challenge: Challenge, createdAt: number): Promise<void> {
    if ((await queryRow(db, domainSql.challengeExists, [challenge.id])) !== undefined) {
      throw domainRefusals.challengeExists(challenge.id)
    }
    const { context, ids } = namedMunicipalities(challenge)
    await requireMunicipalities(db, context, ids)
    const { id, leadMunicipalityId, name, title, summary, status } = challenge
    const inserted = await queryRows(db, domainSql.insertChallenge, [id, leadMunicipalityId, name, title, summary, status, createdAt])
    // Another instance stored a challenge with this id since the check above.
    if (inserted.length === 0) throw domainRefusals.challengeExists(id)
    await insertChallengeLists(db, challenge)
  }

  return {
    createMunicipality(input) {
      return operation(`create municipality ${describeId(input)}`, async () => {
        const municipality = validated(Municipality, input, 'municipality')
        await inTransaction((db) => insertMunicipality(db, municipality, now()))
        return municipality
      })
    },

    getMunicipality(id) {
      return operation(`load municipality ${id}`, async () => {
        if (!isStorableId(id)) return null
        const row = await queryRow(pool, domainSql.municipality, [id])
        return row === undefined ? null : readMunicipality(row)
      })
    },

    listMunicipalities() {
      return operation('list municipalities', async () => (await queryRows(pool, domainSql.municipalities)).map(readMunicipality))
    },

    searchMunicipalities(search) {
      // Folded and matched here, not in SQL, so that æ, ø, å and case compare exactly as on SQLite.
      return operation('search municipalities', async () =>
        (await queryRows(pool, domainSql.municipalities)).map(readMunicipality).filter(municipalityMatcher(search)),
      )
    },

    updateMunicipality(id, patch) {
      return operation(`update municipality ${id}`, async () => {
        if (!isStorableId(id)) return null
        return inTransaction(async (db) => {
          // The row lock makes two instances' patches take turns, so neither loses the other's field.
          const stored = await queryRow(db, domainSql.lockMunicipality, [id])
          if (stored === undefined) return null
          const municipality = patchedMunicipality(readMunicipality(stored), patch)
          await db.query(domainSql.updateMunicipality, [municipality.languageForm, municipality.county, id])
          return municipality
        })
      })
    },

    addFollower(input) {
      return operation('add a follower municipality', async () => {
        const link = validated(FollowerLink, input, 'follower link')
        await inTransaction((db) => insertFollower(db, link))
      })
    },

    listFollowerLinks() {
      return operation('list follower municipalities', async () =>
        (await queryRows(pool, domainSql.followerLinks)).map(readFollowerLink),
      )
    },

    createChallenge(input) {
      return operation(`create challenge ${describeId(input)}`, async () => {
        const challenge = validated(Challenge, input, 'challenge')
        await inTransaction((db) => insertChallenge(db, challenge, now()))
        return challenge
      })
    },

    getChallenge(id) {
      return operation(`load challenge ${id}`, async () => {
        if (!isStorableId(id)) return null
        const row = await queryRow(pool, domainSql.challenge, [id])
        return row === undefined ? null : challengeOf(row)
      })
    },

    listChallenges() {
      return operation('list challenges', async () => (await queryRows(pool, domainSql.challenges)).map(challengeOf))
    },

    searchChallenges({ text, municipalityId, status }) {
      return operation('search challenges', async () => {
        // Criteria no stored challenge can meet match nothing, as on SQLite (and never reach SQL as text it refuses).
        if (municipalityId !== undefined && !isStorableId(municipalityId)) return []
        if (status !== undefined && !ChallengeStatus.safeParse(status).success) return []
        const rows = await queryRows(pool, domainSql.challengesMatching, [status ?? null, municipalityId ?? null])
        return rows
          .map((row) => ({ challenge: challengeOf(row), leadName: textOf(row, 'lead_municipality_name') }))
          .filter(({ challenge, leadName }) => challengeTextMatches(text, challenge, leadName))
          .map(({ challenge }) => challenge)
      })
    },

    updateChallenge(id, patch) {
      return operation(`update challenge ${id}`, async () => {
        if (!isStorableId(id)) return null
        return inTransaction(async (db) => {
          // Held until commit: two instances patching one challenge apply their patches one after
          // the other (neither loses the other's fields) and never rewrite its lists at once.
          if ((await queryRow(db, domainSql.lockChallenge, [id])) === undefined) return null
          // Read after the lock, by a statement of its own, so it sees the last committed patch.
          const stored = await queryRow(db, domainSql.challenge, [id])
          if (stored === undefined) return null
          const challenge = patchedChallenge(challengeOf(stored), patch)
          const { context, ids } = namedMunicipalities(challenge)
          await requireMunicipalities(db, context, ids)
          const { leadMunicipalityId, name, title, summary, status } = challenge
          await db.query(domainSql.updateChallenge, [leadMunicipalityId, name, title, summary, status, id])
          // The lists are rewritten whole: simpler than diffing, and a challenge's lists are short.
          await db.query(domainSql.deleteChallengeLists, [id])
          await insertChallengeLists(db, challenge)
          return challenge
        })
      })
    },

    ...postgresWorkshopOperations({ pool, now, operation }),
    ...postgresPrivateBoardOperations({ pool, now, operation }),
    ...postgresWorkshopRetentionOperations({ pool, now, operation }),

    seedIfEmpty(input) {
      return operation('seed the domain', async () => {
        const seed = validateSeed(input)
        return inTransaction(async (db) => {
          // Two instances starting together both find the domain empty; the table lock makes the
          // second wait for the first's commit, and then it finds the seed and leaves it be.
          await db.query(domainSql.lockMunicipalities)
          if ((await queryRow(db, domainSql.anyMunicipality)) !== undefined) return false
          const createdAt = now()
          for (const municipality of seed.municipalities) await insertMunicipality(db, municipality, createdAt)
          for (const link of seed.followerLinks) await insertFollower(db, link)
          for (const challenge of seed.challenges) await insertChallenge(db, challenge, createdAt)
          return true
        })
      })
    },

    close,
  }
}
