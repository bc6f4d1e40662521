import type { z } from 'zod'
import { Challenge, ChallengeStatus } from '../../../shared/src/schema/challenge.ts'
import { FollowerLink, Municipality } from '../../../shared/src/schema/municipality.ts'
import type { DomainSeed, DomainStore } from './DomainStore.ts'
import { attachStore, inTransaction, textColumn, type SharedSqliteConnection, type SqliteRow } from './sqliteDatabase.ts'
import { prepareDomainStatements, readById, readMunicipality } from './sqliteDomainStatements.ts'
import { sqliteWorkshopOperations } from './sqliteWorkshopOperations.ts'
import { foldForSearch, matchesSearch } from './searchText.ts'
import { invalidInput, storeConflict } from './storeErrors.ts'
import { describeId, validated } from './storeValidation.ts'

type ChallengeItemKind = 'problem_statement' | 'theme' | 'stakeholder_group'

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
    if (sql.municipality.get(id) === undefined) throw invalidInput(`${context}: there is no municipality ${id}.`)
  }

  function insertMunicipality(municipality: Municipality, createdAt: number): void {
    if (sql.municipality.get(municipality.id) !== undefined) {
      throw storeConflict(`A municipality with id ${municipality.id} already exists.`)
    }
    if (municipality.municipalityNumber !== null) {
      const holder = sql.municipalityByNumber.get(municipality.municipalityNumber)
      if (holder !== undefined) {
        throw storeConflict(
          `Municipality number ${municipality.municipalityNumber} already belongs to ${textColumn(holder, 'name')}.`,
        )
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
    const context = `Challenge ${challenge.id}`
    requireMunicipality(challenge.leadMunicipalityId, context)
    for (const id of [...challenge.coApplicantIds, ...challenge.followerMunicipalityIds]) {
      requireMunicipality(id, context)
    }
  }

  function insertChallenge(challenge: Challenge, createdAt: number): void {
    if (sql.challengeRow.get(challenge.id) !== undefined) {
      throw storeConflict(`A challenge with id ${challenge.id} already exists.`)
    }
    requireChallengeMunicipalities(challenge)
    const { id, leadMunicipalityId, name, title, summary, status } = challenge
    sql.insertChallenge.run(id, leadMunicipalityId, name, title, summary, status, createdAt)
    insertChallengeLists(challenge)
  }

  /** The challenge's municipalities and items, as rows with a position. */
  function insertChallengeLists(challenge: Challenge): void {
    const { id } = challenge
    challenge.coApplicantIds.forEach((municipalityId, position) =>
      sql.insertChallengeMunicipality.run(id, municipalityId, 'co_applicant', position),
    )
    challenge.followerMunicipalityIds.forEach((municipalityId, position) =>
      sql.insertChallengeMunicipality.run(id, municipalityId, 'follower', position),
    )
    const items: [ChallengeItemKind, string[]][] = [
      ['problem_statement', challenge.problemStatements],
      ['theme', challenge.themes],
      ['stakeholder_group', challenge.stakeholderGroups],
    ]
    for (const [kind, texts] of items) {
      texts.forEach((text, position) => sql.insertChallengeItem.run(id, kind, position, text))
    }
  }

  function readChallenge(row: SqliteRow): Challenge {
    const id = textColumn(row, 'id')
    const related = (relation: string) =>
      sql.challengeMunicipalities.all(id, relation).map((link) => textColumn(link, 'municipality_id'))
    const items = (kind: ChallengeItemKind) =>
      sql.challengeItems.all(id, kind).map((item) => textColumn(item, 'item_text'))
    return {
      id,
      leadMunicipalityId: textColumn(row, 'lead_municipality_id'),
      coApplicantIds: related('co_applicant'),
      followerMunicipalityIds: related('follower'),
      name: textColumn(row, 'name'),
      title: textColumn(row, 'title'),
      summary: textColumn(row, 'summary'),
      problemStatements: items('problem_statement'),
      themes: items('theme'),
      stakeholderGroups: items('stakeholder_group'),
      status: ChallengeStatus.parse(textColumn(row, 'status')),
    }
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

    searchMunicipalities({ text, county }) {
      return operation('search municipalities', () => {
        const foldedCounty = county === undefined ? undefined : foldForSearch(county.trim())
        return sql.municipalities
          .all()
          .map(readMunicipality)
          .filter(
            (municipality) =>
              (foldedCounty === undefined ||
                (municipality.county !== null && foldForSearch(municipality.county) === foldedCounty)) &&
              matchesSearch(text, [municipality.name]),
          )
      })
    },

    addFollower(input) {
      return operation('add a follower municipality', () => {
        const link = validated(FollowerLink, input, 'follower link')
        inTransaction(db, () => insertFollower(link))
      })
    },

    listFollowerLinks() {
      return operation('list follower municipalities', () =>
        sql.followerLinks.all().map((row) => ({
          leadMunicipalityId: textColumn(row, 'lead_municipality_id'),
          followerMunicipalityId: textColumn(row, 'follower_municipality_id'),
        })),
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
      return operation(`load challenge ${id}`, () => readById(id, sql.challengeRow, readChallenge))
    },

    listChallenges() {
      return operation('list challenges', () => sql.challenges.all().map(readChallenge))
    },

    searchChallenges({ text, municipalityId, status }) {
      return operation('search challenges', () =>
        sql.challengesMatching
          .all({ status: status ?? null, municipalityId: municipalityId ?? null })
          .map((row) => ({ challenge: readChallenge(row), leadName: textColumn(row, 'lead_municipality_name') }))
          .filter(({ challenge, leadName }) => {
            const { name, title, summary, problemStatements, themes } = challenge
            return matchesSearch(text, [name, title, summary, leadName, ...problemStatements, ...themes])
          })
          .map(({ challenge }) => challenge),
      )
    },

    updateChallenge(id, patch) {
      return operation(`update challenge ${id}`, () =>
        inTransaction(db, () => {
          const existing = readById(id, sql.challengeRow, readChallenge)
          if (existing === null) return null
          const challenge = validated(Challenge, { ...existing, ...patch, id: existing.id }, `challenge ${id}`)
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

function validateSeed(seed: DomainSeed): DomainSeed {
  if (typeof seed !== 'object' || seed === null) {
    throw invalidInput('A seed is an object of municipalities, follower links and challenges.')
  }
  const list = <T>(schema: z.ZodType<T>, values: unknown, what: string): T[] => {
    if (!Array.isArray(values)) throw invalidInput(`The seed's ${what}s must be an array.`)
    return values.map((value, index) => validated(schema, value, `${what} ${index} of the seed`))
  }
  return {
    municipalities: list(Municipality, seed.municipalities, 'municipality'),
    followerLinks: list(FollowerLink, seed.followerLinks, 'follower link'),
    challenges: list(Challenge, seed.challenges, 'challenge'),
  }
}
