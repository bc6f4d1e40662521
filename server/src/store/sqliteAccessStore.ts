import { isBoardId } from '../../../shared/src/protocol/boardId.ts'
import type { GuestRole } from '../../../shared/src/schema/access.ts'
import type { AccessStore, FacilitatorAccount, FacilitatorCredential, WorkshopLink } from './AccessStore.ts'
import {
  refuseEndedGuest,
  AccountRecord,
  CredentialRecord,
  digest,
  LinkRecord,
  ParticipantRecord,
  readAccountToken,
  readCredential,
  readFacilitator,
  readLink,
  readParticipant,
  readSession,
} from './accessRecords.ts'
import { prepareAccessStatements } from './sqliteAccessStatements.ts'
import { createSqliteAccountStore } from './sqliteAccountStore.ts'
import { attachStore, inTransaction, integerColumn, type SharedSqliteConnection } from './sqliteDatabase.ts'
import { invalidInput, storeConflict } from './storeErrors.ts'
import { nullableTextOf } from './storeRows.ts'
import { describeId, validated } from './storeValidation.ts'

/**
 * The AccessStore on the SQLite connection the board and domain stores use
 * (open all three with openSqliteStores). Its close() releases the connection.
 */
export function createSqliteAccessStore(connection: SharedSqliteConnection): AccessStore {
  const db = connection.db
  const { operation, close } = attachStore(connection, 'access')
  const sql = prepareAccessStatements(db)

  /** Inserts an account and its credential; call inside a transaction. */
  function insertAccount(
    input: FacilitatorAccount,
    credentialInput: Omit<FacilitatorCredential, 'facilitatorId'>,
  ): FacilitatorAccount {
    const account = validated(AccountRecord, input, 'facilitator account')
    const credential = validated(CredentialRecord, credentialInput, 'credential')
    if (sql.facilitator.get(account.id) !== undefined) throw storeConflict(`A facilitator with id ${account.id} already exists.`)
    if (sql.facilitatorByEmail.get(account.email) !== undefined) {
      throw storeConflict(`A facilitator with the email ${account.email} already exists.`)
    }
    if (sql.credential.get(credential.provider, credential.subject) !== undefined) {
      throw storeConflict(`The ${credential.provider} credential ${credential.subject} already belongs to a facilitator.`)
    }
    const { id, email, displayName, color, createdAt, invitedBy } = account
    sql.insertFacilitator.run(id, email, displayName, color, createdAt, invitedBy)
    sql.insertCredential.run(credential.provider, credential.subject, id, credential.secret, createdAt)
    return account
  }

  function insertLink(input: WorkshopLink, workshopId: string, role: GuestRole): WorkshopLink {
    const link = validated(LinkRecord, input, 'workshop link')
    if (link.workshopId !== workshopId || link.role !== role) {
      throw invalidInput(`The new link must be the ${role} link of workshop ${workshopId}.`)
    }
    sql.insertLink.run(link.id, link.workshopId, link.role, link.token, link.createdAt)
    return link
  }

  function requireWorkshop(workshopId: string): void {
    if (!isBoardId(workshopId) || sql.workshopExists.get(workshopId) === undefined) {
      throw invalidInput(`There is no workshop ${workshopId}.`)
    }
  }

  return {
    ...createSqliteAccountStore(db, operation),

    countFacilitators() {
      return operation('count facilitators', () => integerColumn(sql.countFacilitators.get(), 'count'))
    },

    createFacilitator(account, credential) {
      return operation(`create facilitator ${describeId(account)}`, () =>
        inTransaction(db, () => insertAccount(account, credential)),
      )
    },

    getFacilitator(id) {
      return operation(`load facilitator ${id}`, () => {
        const row = isBoardId(id) ? sql.facilitator.get(id) : undefined
        return row === undefined ? null : readFacilitator(row)
      })
    },

    listFacilitators() {
      return operation('list facilitators', () => sql.facilitators.all().map(readFacilitator))
    },

    findCredential(provider, subject) {
      return operation(`find a ${provider} credential`, () => {
        const row = sql.credential.get(provider, subject)
        return row === undefined ? null : readCredential(row)
      })
    },

    createAccountToken(token) {
      return operation(`create a ${token.purpose} token`, () => {
        if (!digest.test(token.tokenHash)) throw invalidInput('An account token is stored as a SHA-256 hex digest.')
        const { tokenHash, purpose, email, createdBy, createdAt, expiresAt, usedAt } = token
        sql.insertAccountToken.run(tokenHash, purpose, email, createdBy, createdAt, expiresAt, usedAt)
      })
    },

    getAccountToken(tokenHash) {
      return operation('load an account token', () => {
        const row = digest.test(tokenHash) ? sql.accountToken.get(tokenHash) : undefined
        return row === undefined ? null : readAccountToken(row)
      })
    },

    redeemAccountToken(tokenHash, now, account, credential) {
      return operation('redeem an account token', () => {
        if (!digest.test(tokenHash)) return null
        return inTransaction(db, () => {
          const row = sql.accountToken.get(tokenHash)
          if (row === undefined) return null
          const token = readAccountToken(row)
          // The setup link only makes the first facilitator: once anyone exists, every setup link is dead.
          if (token.purpose === 'setup' && integerColumn(sql.countFacilitators.get(), 'count') > 0) return null
          if (token.purpose === 'invitation' && token.email !== account.email) {
            throw invalidInput('An invitation makes an account for the email it was sent to.')
          }
          if (sql.useAccountToken.run(now, tokenHash, now).changes === 0) return null
          return insertAccount(account, credential)
        })
      })
    },

    deleteSpentAccountTokens(now) {
      return operation('delete spent account tokens', () => Number(sql.deleteSpentAccountTokens.run(now).changes))
    },

    createSession(session) {
      return operation(`create a ${session.role} session`, () => {
        if (!digest.test(session.idHash)) throw invalidInput('A session id is stored as a SHA-256 hex digest.')
        const { idHash, role, facilitatorId, workshopId, linkId, participantId, csrfToken, createdAt, expiresAt } = session
        inTransaction(db, () => {
          const link = linkId === null ? undefined : sql.linkOfNewSession.get(linkId)
          const participant = participantId === null ? undefined : sql.participantOfNewSession.get(participantId)
          refuseEndedGuest(session, link, participant)
          sql.insertSession.run(idHash, role, facilitatorId, workshopId, linkId, participantId, csrfToken, createdAt, expiresAt)
        })
      })
    },

    getSession(idHash, now) {
      return operation('load a session', () => {
        const row = digest.test(idHash) ? sql.session.get(idHash, now) : undefined
        return row === undefined ? null : readSession(row)
      })
    },

    deleteSession(idHash) {
      return operation('delete a session', () => {
        sql.deleteSession.run(idHash)
      })
    },

    deleteExpiredSessions(now) {
      return operation('delete expired sessions', () => Number(sql.deleteExpiredSessions.run(now).changes))
    },

    activeLink(workshopId, role, newLink) {
      return operation(`find the ${role} link of workshop ${workshopId}`, () =>
        inTransaction(db, () => {
          requireWorkshop(workshopId)
          const row = sql.activeLink.get(workshopId, role)
          return row === undefined ? insertLink(newLink(), workshopId, role) : readLink(row)
        }),
      )
    },

    findActiveLink(token) {
      return operation('find a workshop link', () => {
        const row = sql.activeLinkByToken.get(token)
        return row === undefined ? null : readLink(row)
      })
    },

    rotateLink(workshopId, role, replacement, now) {
      return operation(`rotate the ${role} link of workshop ${workshopId}`, () =>
        inTransaction(db, () => {
          requireWorkshop(workshopId)
          const row = sql.activeLink.get(workshopId, role)
          const revoked = row === undefined ? null : readLink(row)
          if (revoked !== null) {
            sql.revokeLink.run(now, revoked.id)
            sql.deleteSessionsOfLink.run(revoked.id)
          }
          insertLink(replacement, workshopId, role)
          return revoked === null ? null : { ...revoked, revokedAt: now }
        }),
      )
    },

    getJoinCode(workshopId) {
      return operation(`load the join code of workshop ${workshopId}`, () => {
        const row = isBoardId(workshopId) ? sql.joinCode.get(workshopId) : undefined
        return row === undefined ? null : nullableTextOf(row, 'join_code')
      })
    },

    setJoinCode(workshopId, joinCode) {
      return operation(`set the join code of workshop ${workshopId}`, () => {
        requireWorkshop(workshopId)
        sql.setJoinCode.run(joinCode, workshopId)
      })
    },

    createParticipant(input) {
      return operation(`create participant ${describeId(input)}`, () => {
        const participant = validated(ParticipantRecord, input, 'participant')
        return inTransaction(db, () => {
          requireWorkshop(participant.workshopId)
          if (participant.linkId !== null) {
            const link = sql.link.get(participant.linkId)
            if (link === undefined || readLink(link).workshopId !== participant.workshopId) {
              throw invalidInput(`Participant ${participant.id}: link ${participant.linkId} is not a link of its workshop.`)
            }
          }
          if (sql.participant.get(participant.id) !== undefined) {
            throw storeConflict(`A participant with id ${participant.id} already exists.`)
          }
          const { id, workshopId, displayName, affiliation, color, linkId, createdAt } = participant
          sql.insertParticipant.run(id, workshopId, displayName, affiliation, color, linkId, createdAt)
          return participant
        })
      })
    },

    getParticipant(id) {
      return operation(`load participant ${id}`, () => {
        const row = isBoardId(id) ? sql.participant.get(id) : undefined
        return row === undefined ? null : readParticipant(row)
      })
    },

    removeParticipant(workshopId, participantId, now) {
      return operation(`remove participant ${participantId}`, () => {
        if (!isBoardId(participantId) || !isBoardId(workshopId)) return null
        return inTransaction(db, () => {
          if (Number(sql.markParticipantRemoved.run(now, participantId, workshopId).changes) === 0) return null
          sql.deleteSessionsOfParticipant.run(participantId)
          const row = sql.participant.get(participantId)
          return row === undefined ? null : readParticipant(row)
        })
      })
    },

    listParticipants(workshopId) {
      return operation(`list the participants of workshop ${workshopId}`, () =>
        sql.participantsOfWorkshop.all(workshopId).map(readParticipant),
      )
    },

    eraseParticipant(workshopId, participantId, anonymousId) {
      return operation(`erase participant ${participantId}`, () => {
        if (!isBoardId(participantId) || !isBoardId(workshopId) || !isBoardId(anonymousId)) return null
        return inTransaction(db, () => {
          const row = sql.participant.get(participantId)
          if (row === undefined || row['workshop_id'] !== workshopId) return null
          sql.deleteSessionsOfParticipant.run(participantId)
          db.prepare('UPDATE private_boards SET person_id = ? WHERE person_id = ?').run(anonymousId, participantId)
          db.prepare('DELETE FROM participants WHERE id = ?').run(participantId)
          return readParticipant(row)
        })
      })
    },

    listParticipantSessions(participantId) {
      return operation(`list the sessions of participant ${participantId}`, () =>
        isBoardId(participantId)
          ? db.prepare('SELECT * FROM sessions WHERE participant_id = ? ORDER BY created_at, id_hash').all(participantId).map(readSession)
          : [],
      )
    },

    close,
  }
}
