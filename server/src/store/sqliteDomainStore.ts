import type { z } from 'zod'
import { isBoardId } from '../../../shared/src/protocol/boardId.ts'
import { Challenge, ChallengeStatus } from '../../../shared/src/schema/challenge.ts'
import { FollowerLink, Municipality } from '../../../shared/src/schema/municipality.ts'
import { Step } from '../../../shared/src/schema/step.ts'
import { formatIssues } from '../../../shared/src/schema/validation.ts'
import { Workshop, WorkshopStatus } from '../../../shared/src/schema/workshop.ts'
import type { DomainSeed, DomainStore } from './DomainStore.ts'
import {
  inTransaction,
  integerColumn,
  textColumn,
  type SharedSqliteConnection,
  type SqliteRow,
} from './sqliteDatabase.ts'
import { prepareDomainStatements, readMunicipality, readStep } from './sqliteDomainStatements.ts'
import { foldForSearch, matchesSearch } from './searchText.ts'
import { invalidInput, storageFailed, storeConflict, storeOperation } from './storeErrors.ts'

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
  const release = connection.acquire()
  const sql = prepareDomainStatements(db)
  let open = true

  const operation = <T>(action: string, work: () => T): Promise<T> => storeOperation(open, 'domain store', action, work)

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

  function insertChallenge(challenge: Challenge, createdAt: number): void {
    if (sql.challengeRow.get(challenge.id) !== undefined) {
      throw storeConflict(`A challenge with id ${challenge.id} already exists.`)
    }
    const context = `Challenge ${challenge.id}`
    requireMunicipality(challenge.leadMunicipalityId, context)
    for (const id of [...challenge.coApplicantIds, ...challenge.followerMunicipalityIds]) {
      requireMunicipality(id, context)
    }
    const { id, leadMunicipalityId, name, title, summary, status } = challenge
    sql.insertChallenge.run(id, leadMunicipalityId, name, title, summary, status, createdAt)
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

  function readWorkshop(row: SqliteRow): Workshop {
    const id = textColumn(row, 'id')
    return {
      id,
      challengeId: textColumn(row, 'challenge_id'),
      title: textColumn(row, 'title'),
      startsAt: new Date(integerColumn(row, 'starts_at')).toISOString(),
      endsAt: new Date(integerColumn(row, 'ends_at')).toISOString(),
      facilitatorIds: sql.workshopFacilitators.all(id).map((link) => textColumn(link, 'facilitator_id')),
      status: WorkshopStatus.parse(textColumn(row, 'status')),
    }
  }

  /** Reads a single row by id, or null for an id that could never have been stored. */
  function byId<T>(
    id: unknown,
    statement: { get(id: string): SqliteRow | undefined },
    read: (row: SqliteRow) => T,
  ): T | null {
    if (typeof id !== 'string' || !isBoardId(id)) return null
    const row = statement.get(id)
    return row === undefined ? null : read(row)
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
      return operation(`load municipality ${id}`, () => byId(id, sql.municipality, readMunicipality))
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
      return operation(`load challenge ${id}`, () => byId(id, sql.challengeRow, readChallenge))
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

    createWorkshop(input) {
      return operation(`create workshop ${describeId(input)}`, () => {
        const workshop = validated(Workshop, input, 'workshop')
        inTransaction(db, () => {
          if (sql.workshop.get(workshop.id) !== undefined) {
            throw storeConflict(`A workshop with id ${workshop.id} already exists.`)
          }
          if (sql.challengeRow.get(workshop.challengeId) === undefined) {
            throw invalidInput(`Workshop ${workshop.id}: there is no challenge ${workshop.challengeId}.`)
          }
          const { id, challengeId, title, startsAt, endsAt, status } = workshop
          sql.insertWorkshop.run(id, challengeId, title, Date.parse(startsAt), Date.parse(endsAt), status, now())
          workshop.facilitatorIds.forEach((facilitatorId, position) =>
            sql.insertWorkshopFacilitator.run(id, facilitatorId, position),
          )
        })
        const stored = byId(workshop.id, sql.workshop, readWorkshop)
        if (stored === null) throw new Error(`Workshop ${workshop.id} is missing right after it was stored.`)
        return stored
      })
    },

    getWorkshop(id) {
      return operation(`load workshop ${id}`, () => byId(id, sql.workshop, readWorkshop))
    },

    listWorkshops(challengeId) {
      return operation(`list the workshops of challenge ${challengeId}`, () =>
        sql.workshopsOfChallenge.all(String(challengeId)).map(readWorkshop),
      )
    },

    deleteWorkshop(id) {
      return operation(`delete workshop ${id}`, () => {
        if (typeof id !== 'string' || !isBoardId(id)) return false
        return inTransaction(db, () => {
          const boardIds = sql.stepsOfWorkshop.all(id).map((row) => textColumn(row, 'board_id'))
          // Steps, facilitator links and participants go by ON DELETE CASCADE;
          // the boards are referenced by the steps, so they go after them.
          if (sql.deleteWorkshop.run(id).changes === 0) return false
          for (const boardId of boardIds) {
            sql.deleteBoardUpdates.run(boardId)
            sql.deleteBoardSnapshots.run(boardId)
            sql.deleteBoardAssets.run(boardId)
            sql.deleteBoard.run(boardId)
          }
          return true
        })
      })
    },

    createStep(input) {
      return operation(`create step ${describeId(input)}`, () => {
        const step = validated(Step, input, 'step')
        inTransaction(db, () => {
          if (sql.step.get(step.id) !== undefined) throw storeConflict(`A step with id ${step.id} already exists.`)
          if (sql.workshop.get(step.workshopId) === undefined) {
            throw invalidInput(`Step ${step.id}: there is no workshop ${step.workshopId}.`)
          }
          const owner = sql.stepByBoard.get(step.boardId)
          if (owner !== undefined) {
            throw storeConflict(`Board ${step.boardId} already belongs to step ${textColumn(owner, 'id')}.`)
          }
          const createdAt = now()
          sql.ensureBoard.run(step.boardId, createdAt)
          const { id, workshopId, position, templateId, templateVersion, boardId, instructions } = step
          sql.insertStep.run(
            id, workshopId, position, templateId, templateVersion, boardId, instructions, step.plannedMinutes, createdAt,
          )
        })
        return step
      })
    },

    getStep(id) {
      return operation(`load step ${id}`, () => byId(id, sql.step, readStep))
    },

    getStepByBoardId(boardId) {
      return operation(`find the step of board ${boardId}`, () => byId(boardId, sql.stepByBoard, readStep))
    },

    listSteps(workshopId) {
      return operation(`list the steps of workshop ${workshopId}`, () =>
        sql.stepsOfWorkshop.all(String(workshopId)).map(readStep),
      )
    },

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

    close() {
      if (!open) return Promise.resolve()
      open = false
      try {
        release()
        return Promise.resolve()
      } catch (error) {
        return Promise.reject(storageFailed('close the domain database', error))
      }
    },
  }
}

function validated<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value)
  if (!result.success) throw invalidInput(`Invalid ${what}: ${formatIssues(result.error)}`)
  return result.data
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

function describeId(input: unknown): string {
  const id = typeof input === 'object' && input !== null && 'id' in input ? input.id : undefined
  return typeof id === 'string' ? id : '(without a valid id)'
}
