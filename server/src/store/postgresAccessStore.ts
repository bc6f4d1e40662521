import { isBoardId } from '../../../shared/src/protocol/boardId.ts'
import type { GuestRole } from '../../../shared/src/schema/access.ts'
import type { AccessStore, FacilitatorAccount, FacilitatorCredential, StoredSession, WorkshopLink } from './AccessStore.ts'
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
import { accessSql as sql } from './postgresAccessStatements.ts'
import { createPostgresAccountStore } from './postgresAccountStore.ts'
import { attachPostgresStore, inPostgresTransaction, type Queryable, type SharedPostgresPool } from './postgresDatabase.ts'
import { changedRows, queryRow, queryRows } from './postgresQueries.ts'
import { invalidInput, storeConflict } from './storeErrors.ts'
import { integerOf, nullableTextOf } from './storeRows.ts'
import { describeId, validated } from './storeValidation.ts'

type NewCredential = Omit<FacilitatorCredential, 'facilitatorId'>

/**
 * The AccessStore on the Postgres pool the other stores use (open them with openPostgresStores),
 * behaving as the SQLite one (sqliteAccessStore.ts). SQLite runs one transaction at a time on one
 * connection; here several server instances write the same rows at once, so every transaction
 * that reads and then writes holds what it read (a lock, or a condition in the write itself)
 * until it commits. Each such place says what holds it. Its close() lets go of the pool.
 */
export function createPostgresAccessStore(shared: SharedPostgresPool): AccessStore {
  const { pool } = shared
  const { operation, close } = attachPostgresStore(shared, 'access')
  const transaction = <T>(work: (client: Queryable) => Promise<T>) => inPostgresTransaction(pool, work)

  function checkedAccount(input: FacilitatorAccount, credentialInput: NewCredential) {
    return {
      account: validated(AccountRecord, input, 'facilitator account'),
      credential: validated(CredentialRecord, credentialInput, 'credential'),
    }
  }

  /**
   * Inserts an account and its credential; call inside a transaction that took lockAccounts
   * first, so that what the checks read stays true until commit and a taken email or
   * credential reads as `conflict`, not as a broken unique index.
   */
  async function insertAccount(
    client: Queryable,
    { account, credential }: ReturnType<typeof checkedAccount>,
  ): Promise<FacilitatorAccount> {
    if ((await queryRow(client, sql.facilitator, [account.id])) !== undefined) {
      throw storeConflict(`A facilitator with id ${account.id} already exists.`)
    }
    if ((await queryRow(client, sql.facilitatorByEmail, [account.email])) !== undefined) {
      throw storeConflict(`A facilitator with the email ${account.email} already exists.`)
    }
    if ((await queryRow(client, sql.credential, [credential.provider, credential.subject])) !== undefined) {
      throw storeConflict(`The ${credential.provider} credential ${credential.subject} already belongs to a facilitator.`)
    }
    const { id, email, displayName, color, createdAt, invitedBy } = account
    await client.query(sql.insertFacilitator, [id, email, displayName, color, createdAt, invitedBy])
    await client.query(sql.insertCredential, [credential.provider, credential.subject, id, credential.secret, createdAt])
    return account
  }

  async function insertLink(client: Queryable, input: WorkshopLink, workshopId: string, role: GuestRole): Promise<WorkshopLink> {
    const link = validated(LinkRecord, input, 'workshop link')
    if (link.workshopId !== workshopId || link.role !== role) {
      throw invalidInput(`The new link must be the ${role} link of workshop ${workshopId}.`)
    }
    await client.query(sql.insertLink, [link.id, link.workshopId, link.role, link.token, link.createdAt])
    return link
  }

  /** `invalid_input` unless the workshop exists; it is then held in `lock`'s mode until commit. */
  async function requireWorkshop(client: Queryable, workshopId: string, lock: string): Promise<void> {
    if (!isBoardId(workshopId) || (await queryRow(client, lock, [workshopId])) === undefined) {
      throw invalidInput(`There is no workshop ${workshopId}.`)
    }
  }

  /**
   * A guest session must not outlive the link it came through, nor a participant's removal.
   * Rotating and removing update the link's or participant's row before deleting its sessions;
   * holding that row FOR SHARE while inserting puts this transaction wholly before (its session
   * is then among those deleted) or wholly after (it reads the revocation or removal and refuses).
   */
  /** The session's link and participant as its transaction holds them (FOR SHARE: a rotation or removal waits, or went first). */
  async function refuseEndedGuestIn(client: Queryable, session: StoredSession): Promise<void> {
    const link = session.linkId === null ? undefined : await queryRow(client, sql.linkOfNewSession, [session.linkId])
    const participant =
      session.participantId === null ? undefined : await queryRow(client, sql.participantOfNewSession, [session.participantId])
    refuseEndedGuest(session, link, participant)
  }

  return {
    ...createPostgresAccountStore(pool, operation),

    countFacilitators() {
      return operation('count facilitators', async () => integerOf(await queryRow(pool, sql.countFacilitators), 'count'))
    },

    createFacilitator(input, credentialInput) {
      return operation(`create facilitator ${describeId(input)}`, async () => {
        const checked = checkedAccount(input, credentialInput)
        return transaction(async (client) => {
          await client.query(sql.lockAccounts)
          return insertAccount(client, checked)
        })
      })
    },

    getFacilitator(id) {
      return operation(`load facilitator ${id}`, async () => {
        const row = isBoardId(id) ? await queryRow(pool, sql.facilitator, [id]) : undefined
        return row === undefined ? null : readFacilitator(row)
      })
    },

    listFacilitators() {
      return operation('list facilitators', async () => (await queryRows(pool, sql.facilitators)).map(readFacilitator))
    },

    findCredential(provider, subject) {
      return operation(`find a ${provider} credential`, async () => {
        const row = await queryRow(pool, sql.credential, [provider, subject])
        return row === undefined ? null : readCredential(row)
      })
    },

    createAccountToken(token) {
      return operation(`create a ${token.purpose} token`, async () => {
        if (!digest.test(token.tokenHash)) throw invalidInput('An account token is stored as a SHA-256 hex digest.')
        const { tokenHash, purpose, email, createdBy, createdAt, expiresAt, usedAt } = token
        await pool.query(sql.insertAccountToken, [tokenHash, purpose, email, createdBy, createdAt, expiresAt, usedAt])
      })
    },

    getAccountToken(tokenHash) {
      return operation('load an account token', async () => {
        const row = digest.test(tokenHash) ? await queryRow(pool, sql.accountToken, [tokenHash]) : undefined
        return row === undefined ? null : readAccountToken(row)
      })
    },

    redeemAccountToken(tokenHash, now, account, credential) {
      return operation('redeem an account token', async () => {
        if (!digest.test(tokenHash)) return null
        return transaction(async (client) => {
          // With account creation held, "no facilitator yet" stays true until this commits: of two
          // setup links redeemed at once, the second reads the first's account and makes none.
          await client.query(sql.lockAccounts)
          const row = await queryRow(client, sql.accountToken, [tokenHash])
          if (row === undefined) return null
          const token = readAccountToken(row)
          // The setup link only makes the first facilitator: once anyone exists, every setup link is dead.
          if (token.purpose === 'setup' && integerOf(await queryRow(client, sql.countFacilitators), 'count') > 0) return null
          if (token.purpose === 'invitation' && token.email !== account.email) {
            throw invalidInput('An invitation makes an account for the email it was sent to.')
          }
          // The token is used exactly once even without the lock above: the UPDATE marks it only while unused.
          if ((await changedRows(client, sql.useAccountToken, [now, tokenHash])) === 0) return null
          return insertAccount(client, checkedAccount(account, credential))
        })
      })
    },

    deleteSpentAccountTokens(now) {
      return operation('delete spent account tokens', () => changedRows(pool, sql.deleteSpentAccountTokens, [now]))
    },

    createSession(session) {
      return operation(`create a ${session.role} session`, async () => {
        if (!digest.test(session.idHash)) throw invalidInput('A session id is stored as a SHA-256 hex digest.')
        const { idHash, role, facilitatorId, workshopId, linkId, participantId, csrfToken, createdAt, expiresAt } = session
        const values = [idHash, role, facilitatorId, workshopId, linkId, participantId, csrfToken, createdAt, expiresAt]
        if (linkId === null && participantId === null) {
          await pool.query(sql.insertSession, values)
          return
        }
        await transaction(async (client) => {
          await refuseEndedGuestIn(client, session)
          await client.query(sql.insertSession, values)
        })
      })
    },

    getSession(idHash, now) {
      return operation('load a session', async () => {
        const row = digest.test(idHash) ? await queryRow(pool, sql.session, [idHash, now]) : undefined
        return row === undefined ? null : readSession(row)
      })
    },

    deleteSession(idHash) {
      return operation('delete a session', async () => {
        await pool.query(sql.deleteSession, [idHash])
      })
    },

    deleteExpiredSessions(now) {
      return operation('delete expired sessions', () => changedRows(pool, sql.deleteExpiredSessions, [now]))
    },

    activeLink(workshopId, role, newLink) {
      return operation(`find the ${role} link of workshop ${workshopId}`, () =>
        transaction(async (client) => {
          // With the workshop row held, two instances asking at once make one link: the second reads the first's.
          await requireWorkshop(client, workshopId, sql.lockWorkshop)
          const row = await queryRow(client, sql.activeLink, [workshopId, role])
          return row === undefined ? insertLink(client, newLink(), workshopId, role) : readLink(row)
        }),
      )
    },

    findActiveLink(token) {
      return operation('find a workshop link', async () => {
        const row = await queryRow(pool, sql.activeLinkByToken, [token])
        return row === undefined ? null : readLink(row)
      })
    },

    rotateLink(workshopId, role, replacement, now) {
      return operation(`rotate the ${role} link of workshop ${workshopId}`, () =>
        transaction(async (client) => {
          // With the workshop row held, rotations and first links of one workshop go one at a time,
          // so the link read here is still the active one when it is revoked and replaced.
          await requireWorkshop(client, workshopId, sql.lockWorkshop)
          const row = await queryRow(client, sql.activeLink, [workshopId, role])
          const revoked = row === undefined ? null : readLink(row)
          if (revoked !== null) {
            // Revoking first: a session starting through the link meanwhile either committed
            // before (and is deleted next) or waits for this commit and refuses (createSession).
            await client.query(sql.revokeLink, [now, revoked.id])
            await client.query(sql.deleteSessionsOfLink, [revoked.id])
          }
          await insertLink(client, replacement, workshopId, role)
          return revoked === null ? null : { ...revoked, revokedAt: now }
        }),
      )
    },

    getJoinCode(workshopId) {
      return operation(`load the join code of workshop ${workshopId}`, async () => {
        const row = isBoardId(workshopId) ? await queryRow(pool, sql.joinCode, [workshopId]) : undefined
        return row === undefined ? null : nullableTextOf(row, 'join_code')
      })
    },

    setJoinCode(workshopId, joinCode) {
      return operation(`set the join code of workshop ${workshopId}`, async () => {
        // One statement: the workshop it finds is the one it changes.
        if (!isBoardId(workshopId) || (await changedRows(pool, sql.setJoinCode, [joinCode, workshopId])) === 0) {
          throw invalidInput(`There is no workshop ${workshopId}.`)
        }
      })
    },

    createParticipant(input) {
      return operation(`create participant ${describeId(input)}`, async () => {
        const participant = validated(ParticipantRecord, input, 'participant')
        return transaction(async (client) => {
          // The workshop and link are held until commit, so a workshop deleted meanwhile reads as
          // missing here rather than failing the insert's reference.
          await requireWorkshop(client, participant.workshopId, sql.keepWorkshop)
          if (participant.linkId !== null) {
            const link = await queryRow(client, sql.keepLink, [participant.linkId])
            if (link === undefined || readLink(link).workshopId !== participant.workshopId) {
              throw invalidInput(`Participant ${participant.id}: link ${participant.linkId} is not a link of its workshop.`)
            }
          }
          const { id, workshopId, displayName, affiliation, color, linkId, createdAt } = participant
          const inserted = await changedRows(client, sql.insertParticipant, [id, workshopId, displayName, affiliation, color, linkId, createdAt])
          if (inserted === 0) throw storeConflict(`A participant with id ${participant.id} already exists.`)
          return participant
        })
      })
    },

    getParticipant(id) {
      return operation(`load participant ${id}`, async () => {
        const row = isBoardId(id) ? await queryRow(pool, sql.participant, [id]) : undefined
        return row === undefined ? null : readParticipant(row)
      })
    },

    removeParticipant(workshopId, participantId, now) {
      return operation(`remove participant ${participantId}`, async () => {
        if (!isBoardId(participantId) || !isBoardId(workshopId)) return null
        return transaction(async (client) => {
          // Marked first, so a session starting for them meanwhile either committed before (and
          // is deleted next) or waits for this commit and refuses (createSession).
          const row = await queryRow(client, sql.markParticipantRemoved, [now, participantId, workshopId])
          if (row === undefined) return null
          await client.query(sql.deleteSessionsOfParticipant, [participantId])
          return readParticipant(row)
        })
      })
    },

    listParticipants(workshopId) {
      return operation(`list the participants of workshop ${workshopId}`, async () =>
        (await queryRows(pool, sql.participantsOfWorkshop, [workshopId])).map(readParticipant),
      )
    },

    eraseParticipant(workshopId, participantId, anonymousId) {
      return operation(`erase participant ${participantId}`, async () => {
        if (!isBoardId(participantId) || !isBoardId(workshopId) || !isBoardId(anonymousId)) return null
        return transaction(async (client) => {
          // The row is locked first, so a session starting for them meanwhile either committed
          // before (and is deleted with the row) or waits and finds no participant.
          const row = await queryRow(client, 'SELECT * FROM participants WHERE id = $1 AND workshop_id = $2 FOR UPDATE', [participantId, workshopId])
          if (row === undefined) return null
          await client.query(sql.deleteSessionsOfParticipant, [participantId])
          await client.query('UPDATE private_boards SET person_id = $1 WHERE person_id = $2', [anonymousId, participantId])
          await client.query('DELETE FROM participants WHERE id = $1', [participantId])
          return readParticipant(row)
        })
      })
    },

    listParticipantSessions(participantId) {
      return operation(`list the sessions of participant ${participantId}`, async () =>
        isBoardId(participantId)
          ? (await queryRows(pool, 'SELECT * FROM sessions WHERE participant_id = $1 ORDER BY created_at, id_hash', [participantId])).map(readSession)
          : [],
      )
    },

    close,
  }
}
