import { Challenge } from '../../../shared/src/schema/challenge.ts'
import { FollowerLink, Municipality } from '../../../shared/src/schema/municipality.ts'
import type { DomainStore } from './DomainStore.ts'
import {
  challengeListRows,
  readChallenge,
  readFollowerLink,
  readMunicipality,
  type ChallengeList,
} from './domainRecords.ts'
import {
  challengeTextMatches,
  domainRefusals,
  municipalityMatcher,
  namedMunicipalities,
  patchedChallenge,
  patchedMunicipality,
  validateSeed,
} from './domainRules.ts'
import { attachStore, inTransaction, textColumn, type SharedSqliteConnection, type SqliteRow } from './sqliteDatabase.ts'
import { prepareDomainStatements, readById } from './sqliteDomainStatements.ts'
import { sqlitePrivateBoardOperations } from './sqlitePrivateBoards.ts'
import { sqliteWorkshopOperations } from './sqliteWorkshopOperations.ts'
import { sqliteWorkshopRetentionOperations } from './sqliteWorkshopRetention.ts'
import { describeId, validated } from './storeValidation.ts'

/**
 * The DomainStore on the SQLite connection the board store uses (open both with
 * openSqliteStores). Its close() releases the connection.
 */
export function createSqliteDomainStore(
  connection: SharedSqliteConnection,
  options: { now?: () => number } = {},
): DomainStore {
  const now = options.now ?? Date.now
  const db = connection.db
  const { operation, close } = attachStore(connection, 'domain')
  const sql = prepareDomainStatements(db)

  function requireMunicipality(id: string, context: string): void {
    if (sql.municipality.get(id) === undefined) throw domainRefusals.noMunicipality(context, id)
  }

  function insertMunicipality(municipality: Municipality, createdAt: number): void {
    if (sql.municipality.get(municipality.id) !== undefined) {
      throw domainRefusals.municipalityExists(municipality.id)
    }
    if (municipality.municipalityNumber !== null) {
      const holder = sql.municipalityByNumber.get(municipality.municipalityNumber)
      if (holder !== undefined) {
        throw domainRefusals.municipalityNumberTaken(municipality.municipalityNumber, textColumn(holder, 'name'))
      }
    }
    const { id, name, municipalityNumber, county, languageForm } = municipality
    sql.insertMunicipality.run(id, name, municipalityNumber, county, languageForm, createdAt)
  }

  function insertFollower(link: FollowerLink): void {
    requireMunicipality(link.leadMunicipalityId, 'Follower link')
    requireMunicipality(link.followerMunicipalityId, 'Follower link')
    sql.insertFollower.run(link.leadMunicipalityId, link.followerMunicipalityId)
  }

  function requireChallengeMunicipalities(challenge: Challenge): void {
    const { context, ids } = namedMunicipalities(challenge)
    for (const id of ids) requireMunicipality(id, context)
  }

  function insertChallenge(challenge: Challenge, createdAt: number): void {
    if (sql.challengeRow.get(challenge.id) !== undefined) {
      throw domainRefusals.challengeExists(challenge.id)
    }
    requireChallengeMunicipalities(challenge)
    const { id, leadMunicipalityId, name, title, summary, status } = challenge
    sql.insertChallenge.run(id, leadMunicipalityId, name, title, summary, status, createdAt)
    insertChallengeLists(challenge)
  }

  /** The challenge's municipalities and items, as rows with a position. */
  function insertChallengeLists(challenge: Challenge): void {
    const { municipalities, items } = challengeListRows(challenge)
    for (const { municipalityId, relation, position } of municipalities) {
      sql.insertChallengeMunicipality.run(challenge.id, municipalityId, relation, position)
    }
    for (const { kind, position, text } of items) sql.insertChallengeItem.run(challenge.id, kind, position, text)
  }

  function challengeOf(row: SqliteRow): Challenge {
    const id = textColumn(row, 'id')
    return readChallenge(row, (list: ChallengeList) =>
      list === 'co_applicant' || list === 'follower'
        ? sql.challengeMunicipalities.all(id, list).map((link) => textColumn(link, 'municipality_id'))
        : sql.challengeItems.all(id, list).map((item) => textColumn(item, 'item_text')),
    )
  }

  return {
    createMunicipality(input) {
      return operation(`create municipality ${describeId(input)}`, () => {
        const municipality = validated(Municipality, input, 'municipality')
        inTransaction(db, () => insertMunicipality(municipality, now()))
        return municipality
      })
    },

    getMunicipality(id) {
      return operation(`load municipality ${id}`, () => readById(id, sql.municipality, readMunicipality))
    },

    listMunicipalities() {
      return operation('list municipalities', () => sql.municipalities.all().map(readMunicipality))
    },

    searchMunicipalities(search) {
      return operation('search municipalities', () =>
        sql.municipalities.all().map(readMunicipality).filter(municipalityMatcher(search)),
      )
    },

    updateMunicipality(id, patch) {
      return operation(`update municipality ${id}`, () =>
        inTransaction(db, () => {
          const existing = readById(id, sql.municipality, readMunicipality)
          if (existing === null) return null
          const municipality = patchedMunicipality(existing, patch)
          sql.updateMunicipality.run(municipality.languageForm, municipality.county, id)
          return municipality
        }),
      )
    },

    addFollower(input) {
      return operation('add a follower municipality', () => {
        const link = validated(FollowerLink, input, 'follower link')
        inTransaction(db, () => insertFollower(link))
      })
    },

    listFollowerLinks() {
      return operation('list follower municipalities', () =>
        sql.followerLinks.all().map(readFollowerLink),
      )
    },

    createChallenge(input) {
      return operation(`create challenge ${describeId(input)}`, () => {
        const challenge = validated(Challenge, input, 'challenge')
        inTransaction(db, () => insertChallenge(challenge, now()))
        return challenge
      })
    },

    getChallenge(id) {
      return operation(`load challenge ${id}`, () => readById(id, sql.challengeRow, challengeOf))
    },

    listChallenges() {
      return operation('list challenges', () => sql.challenges.all().map(challengeOf))
    },

    searchChallenges({ text, municipalityId, status }) {
      return operation('search challenges', () =>
        sql.challengesMatching
          .all({ status: status ?? null, municipalityId: municipalityId ?? null })
          .map((row) => ({ challenge: challengeOf(row), leadName: textColumn(row, 'lead_municipality_name') }))
          .filter(({ challenge, leadName }) => challengeTextMatches(text, challenge, leadName))
          .map(({ challenge }) => challenge),
      )
    },

    updateChallenge(id, patch) {
      return operation(`update challenge ${id}`, () =>
        inTransaction(db, () => {
          const existing = readById(id, sql.challengeRow, challengeOf)
          if (existing === null) return null
          const challenge = patchedChallenge(existing, patch)
          requireChallengeMunicipalities(challenge)
          const { leadMunicipalityId, name, title, summary, status } = challenge
          sql.updateChallenge.run(leadMunicipalityId, name, title, summary, status, id)
          // The lists are rewritten whole: simpler than diffing, and a challenge's lists are short.
          sql.deleteChallengeMunicipalities.run(id)
          sql.deleteChallengeItems.run(id)
          insertChallengeLists(challenge)
          return challenge
        }),
      )
    },

    ...sqliteWorkshopOperations({ db, sql, now, operation }),
    ...sqlitePrivateBoardOperations({ db, sql, now, operation }),
    ...sqliteWorkshopRetentionOperations({ db, now, operation }),

    seedIfEmpty(input) {
      return operation('seed the domain', () => {
        const seed = validateSeed(input)
        return inTransaction(db, () => {
          if (sql.anyMunicipality.get() !== undefined) return false
          const createdAt = now()
          for (const municipality of seed.municipalities) insertMunicipality(municipality, createdAt)
          for (const link of seed.followerLinks) insertFollower(link)
          for (const challenge of seed.challenges) insertChallenge(challenge, createdAt)
          return true
        })
      })
    },

    close,
  }
}
