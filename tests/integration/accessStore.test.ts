import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import { hashSecret, newSecret } from '../../server/src/auth/secrets.ts'
import type { AccountToken, FacilitatorAccount, StoredSession, WorkshopLink } from '../../server/src/store/AccessStore.ts'
import { closeSqliteStores, openSqliteStores, type SqliteStores } from '../../server/src/store/sqliteStores.ts'
import { aChallenge, aMunicipality, aStep, aWorkshop } from '../helpers/domainFixtures.ts'

// The SQLite AccessStore on the connection it shares with the board and domain
// stores: accounts and credentials, one-time tokens, sessions, workshop links,
// participants, and that a workshop's deletion takes its people with it.

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function openStores(): Promise<SqliteStores> {
  const dir = await mkdtemp(join(tmpdir(), 'samskap-access-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  const stores = openSqliteStores({ file: join(dir, 'samskap.sqlite'), retention: { keepLast: 2, keepDaily: 1 } })
  cleanups.push(() => closeSqliteStores(stores))
  return stores
}

function anAccount(overrides: Partial<FacilitatorAccount> = {}): FacilitatorAccount {
  return {
    id: newEntityId(),
    email: 'kari@grue.kommune.no',
    displayName: 'Kari',
    color: '#175CD3',
    createdAt: 1000,
    invitedBy: null,
    ...overrides,
  }
}

function aToken(overrides: Partial<AccountToken> = {}): AccountToken {
  return {
    tokenHash: hashSecret(newSecret()),
    purpose: 'setup',
    email: null,
    createdBy: null,
    createdAt: 1000,
    expiresAt: 2000,
    usedAt: null,
    ...overrides,
  }
}

function aLink(workshopId: string, role: 'participant' | 'observer' = 'participant'): WorkshopLink {
  return { id: newEntityId(), workshopId, role, token: newSecret(), createdAt: 1000, revokedAt: null }
}

function aGuestSession(workshopId: string, linkId: string, participantId: string | null): StoredSession {
  return {
    idHash: hashSecret(newSecret()),
    role: participantId === null ? 'observer' : 'participant',
    facilitatorId: null,
    workshopId,
    linkId,
    participantId,
    csrfToken: newSecret(),
    createdAt: 1000,
    expiresAt: 5000,
  }
}

const passwordCredential = (email: string) => ({ provider: 'password', subject: email, secret: 'scrypt$hash' })

async function aWorkshopIn(stores: SqliteStores) {
  const municipality = await stores.domain.createMunicipality(aMunicipality())
  const challenge = await stores.domain.createChallenge(aChallenge(municipality.id))
  return stores.domain.createWorkshop(aWorkshop(challenge.id, { status: 'open' }))
}

describe('SQLite access store', () => {
  it('creates facilitators with their credential; email and credential are unique', async () => {
    const { access } = await openStores()
    expect(await access.countFacilitators()).toBe(0)
    const kari = await access.createFacilitator(anAccount(), passwordCredential('kari@grue.kommune.no'))
    expect(await access.getFacilitator(kari.id)).toEqual(kari)
    expect(await access.getFacilitator('not an id')).toBeNull()
    expect(await access.findCredential('password', 'kari@grue.kommune.no')).toEqual({
      facilitatorId: kari.id,
      ...passwordCredential('kari@grue.kommune.no'),
    })
    // An OIDC provider's credential sits next to the password one, without a secret.
    const ola = await access.createFacilitator(
      anAccount({ email: 'ola@grue.kommune.no', displayName: 'Ola', invitedBy: kari.id }),
      { provider: 'https://idporten.no', subject: 'abc-123', secret: null },
    )
    expect(await access.findCredential('https://idporten.no', 'abc-123')).toMatchObject({ facilitatorId: ola.id, secret: null })
    expect((await access.listFacilitators()).map((account) => account.displayName)).toEqual(['Kari', 'Ola'])

    await expect(access.createFacilitator(anAccount(), passwordCredential('other'))).rejects.toMatchObject({ code: 'conflict' })
    await expect(
      access.createFacilitator(anAccount({ email: 'new@grue.kommune.no' }), passwordCredential('kari@grue.kommune.no')),
    ).rejects.toMatchObject({ code: 'conflict' })
    await expect(access.createFacilitator(anAccount({ email: 'Upper@Case.no' }), passwordCredential('x'))).rejects.toMatchObject({
      code: 'invalid_input',
    })
    expect(await access.countFacilitators()).toBe(2)
  })

  it('redeems a one-time token once, before it expires, making the account in the same transaction', async () => {
    const { access } = await openStores()
    const token = aToken()
    await access.createAccountToken(token)
    expect(await access.getAccountToken(token.tokenHash)).toEqual(token)
    expect(await access.redeemAccountToken(token.tokenHash, 2000, anAccount(), passwordCredential('kari'))).toBeNull()
    const kari = await access.redeemAccountToken(token.tokenHash, 1999, anAccount(), passwordCredential('kari'))
    expect(kari?.displayName).toBe('Kari')
    expect(await access.getAccountToken(token.tokenHash)).toMatchObject({ usedAt: 1999 })
    expect(
      await access.redeemAccountToken(token.tokenHash, 1999, anAccount({ email: 'b@c.no' }), passwordCredential('b')),
    ).toBeNull()
    expect(await access.countFacilitators()).toBe(1)
  })

  it('refuses every setup token once a facilitator exists', async () => {
    const { access } = await openStores()
    const first = aToken()
    const second = aToken()
    await access.createAccountToken(first)
    await access.createAccountToken(second)
    await access.redeemAccountToken(first.tokenHash, 1500, anAccount(), passwordCredential('kari'))
    expect(
      await access.redeemAccountToken(second.tokenHash, 1500, anAccount({ email: 'b@c.no' }), passwordCredential('b')),
    ).toBeNull()
    expect(await access.getAccountToken(second.tokenHash)).toMatchObject({ usedAt: null })
  })

  it('keeps an invitation unused when its account cannot be made', async () => {
    const { access } = await openStores()
    const kari = await access.createFacilitator(anAccount(), passwordCredential('kari@grue.kommune.no'))
    const invitation = aToken({ purpose: 'invitation', email: 'kari@grue.kommune.no', createdBy: kari.id })
    await access.createAccountToken(invitation)
    await expect(
      access.redeemAccountToken(invitation.tokenHash, 1500, anAccount(), passwordCredential('kari@grue.kommune.no')),
    ).rejects.toMatchObject({ code: 'conflict' })
    expect(await access.getAccountToken(invitation.tokenHash)).toMatchObject({ usedAt: null })
    await expect(
      access.redeemAccountToken(invitation.tokenHash, 1500, anAccount({ email: 'other@x.no' }), passwordCredential('o')),
    ).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('finds sessions until they expire', async () => {
    const { access } = await openStores()
    const kari = await access.createFacilitator(anAccount(), passwordCredential('kari'))
    const session: StoredSession = {
      idHash: hashSecret(newSecret()),
      role: 'facilitator',
      facilitatorId: kari.id,
      workshopId: null,
      linkId: null,
      participantId: null,
      csrfToken: newSecret(),
      createdAt: 1000,
      expiresAt: 2000,
    }
    await access.createSession(session)
    expect(await access.getSession(session.idHash, 1999)).toEqual(session)
    expect(await access.getSession(session.idHash, 2000)).toBeNull()
    expect(await access.deleteExpiredSessions(1999)).toBe(0)
    expect(await access.deleteExpiredSessions(2000)).toBe(1)
    expect(await access.getSession(session.idHash, 0)).toBeNull()
    await expect(access.createSession({ ...session, idHash: 'not a digest' })).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('keeps one active link per workshop and role; rotating revokes it and ends its sessions', async () => {
    const stores = await openStores()
    const { access } = stores
    const workshop = await aWorkshopIn(stores)
    const link = await access.activeLink(workshop.id, 'participant', () => aLink(workshop.id))
    expect(await access.activeLink(workshop.id, 'participant', () => aLink(workshop.id))).toEqual(link)
    const observerLink = await access.activeLink(workshop.id, 'observer', () => aLink(workshop.id, 'observer'))
    expect(observerLink.id).not.toBe(link.id)
    expect(await access.findActiveLink(link.token)).toEqual(link)

    const participant = await access.createParticipant({
      id: newEntityId(),
      workshopId: workshop.id,
      displayName: 'Per',
      affiliation: 'citizen',
      color: '#067647',
      linkId: link.id,
      createdAt: 1000,
    })
    const session = aGuestSession(workshop.id, link.id, participant.id)
    const observer = aGuestSession(workshop.id, observerLink.id, null)
    await access.createSession(session)
    await access.createSession(observer)

    const replacement = aLink(workshop.id)
    expect(await access.rotateLink(workshop.id, 'participant', replacement, 3000)).toEqual({ ...link, revokedAt: 3000 })
    expect(await access.findActiveLink(link.token)).toBeNull()
    expect(await access.findActiveLink(replacement.token)).toEqual(replacement)
    expect(await access.getSession(session.idHash, 1000)).toBeNull()
    expect(await access.getSession(observer.idHash, 1000)).toEqual(observer)
    // The participant's name stays with the workshop; only the session ended.
    expect(await access.getParticipant(participant.id)).toEqual(participant)
    await expect(access.activeLink(newEntityId(), 'participant', () => aLink(workshop.id))).rejects.toMatchObject({
      code: 'invalid_input',
    })
  })

  it('stores join codes and participants of a workshop', async () => {
    const stores = await openStores()
    const { access } = stores
    const workshop = await aWorkshopIn(stores)
    expect(await access.getJoinCode(workshop.id)).toBeNull()
    await access.setJoinCode(workshop.id, 'KIRK42')
    expect(await access.getJoinCode(workshop.id)).toBe('KIRK42')
    await access.setJoinCode(workshop.id, null)
    expect(await access.getJoinCode(workshop.id)).toBeNull()
    await expect(access.setJoinCode(newEntityId(), 'ABCD')).rejects.toMatchObject({ code: 'invalid_input' })

    const base = { workshopId: workshop.id, affiliation: 'business' as const, color: '#067647', linkId: null }
    const anne = await access.createParticipant({ ...base, id: newEntityId(), displayName: 'Anne', createdAt: 2 })
    const bo = await access.createParticipant({ ...base, id: newEntityId(), displayName: 'Bo', createdAt: 1 })
    expect(await access.listParticipants(workshop.id)).toEqual([bo, anne])
    await expect(access.createParticipant({ ...base, id: newEntityId(), displayName: '', createdAt: 1 })).rejects.toMatchObject({
      code: 'invalid_input',
    })
    const otherWorkshop = await stores.domain.createWorkshop(aWorkshop(workshop.challengeId))
    const otherLink = await access.activeLink(otherWorkshop.id, 'participant', () => aLink(otherWorkshop.id))
    await expect(
      access.createParticipant({ ...base, id: newEntityId(), displayName: 'Eve', linkId: otherLink.id, createdAt: 1 }),
    ).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('lets a workshop’s deletion take its links, sessions and participants', async () => {
    const stores = await openStores()
    const { access, domain } = stores
    const workshop = await aWorkshopIn(stores)
    await domain.createStep(aStep(workshop.id))
    await access.setJoinCode(workshop.id, 'KIRK42')
    const link = await access.activeLink(workshop.id, 'participant', () => aLink(workshop.id))
    const participant = await access.createParticipant({
      id: newEntityId(),
      workshopId: workshop.id,
      displayName: 'Per',
      affiliation: 'citizen',
      color: '#067647',
      linkId: link.id,
      createdAt: 1000,
    })
    const session = aGuestSession(workshop.id, link.id, participant.id)
    await access.createSession(session)

    expect(await domain.deleteWorkshop(workshop.id)).toBe(true)
    expect(await access.getSession(session.idHash, 1000)).toBeNull()
    expect(await access.getParticipant(participant.id)).toBeNull()
    expect(await access.findActiveLink(link.token)).toBeNull()
    expect(await access.listParticipants(workshop.id)).toEqual([])
  })

  it('refuses calls after close', async () => {
    const { access } = await openStores()
    await access.close()
    await expect(access.countFacilitators()).rejects.toMatchObject({ code: 'store_closed' })
  })
})
