import { afterEach, describe, expect, it } from 'vitest'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import { hashSecret, newSecret } from '../../server/src/auth/secrets.ts'
import type { AccountToken, FacilitatorAccount, Participant, StoredSession, WorkshopLink } from '../../server/src/store/AccessStore.ts'
import { closeStores, type Stores } from '../../server/src/store/stores.ts'
import { aChallenge, aMunicipality, aStep, aWorkshop } from '../helpers/domainFixtures.ts'
import { postgresBackend, storeBackends, type OpenedStores } from '../helpers/storeBackends.ts'
import { anotherInstance, holdLock, queryStorage } from '../helpers/storeRaces.ts'

// The AccessStore on the database it shares with the other stores, on SQLite and on Postgres:
// accounts and credentials, one-time tokens, sessions, workshop links, participants, and that a
// workshop's deletion takes its people with it. Then Postgres with two server instances on one
// database, each race started behind a lock so that both sides are under way at once.
//
// Ids are the access rules (server/src/auth/SPEC.md, B15 in server/src/relay/SPEC.md) whose
// stored part this store keeps:
//   A1   the setup link is redeemed once, before it expires, with its account; dead once anyone has an account
//   A2   an invitation makes one account, for its own email, once; an email and a credential are one account's
//   A5   sessions are stored as SHA-256 digests, found until they expire, then swept
//   A7   one active link per workshop and role; join codes; participants join through a link of their workshop
//   A8   rotating a link revokes it and ends its sessions at once; no session lives on a revoked link
//   A15  deleting a workshop takes its links, sessions and participants
//   B15  removing a participant ends their sessions and marks them removed
// Refusing calls after close is every store's (storeErrors.ts), without a rule of its own.

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

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

function aParticipant(workshopId: string, linkId: string | null, overrides: Partial<Participant> = {}): Participant {
  return {
    id: newEntityId(),
    workshopId,
    displayName: 'Per',
    affiliation: 'citizen',
    color: '#067647',
    linkId,
    createdAt: 1000,
    ...overrides,
  }
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

async function aWorkshopIn(stores: Stores) {
  const municipality = await stores.domain.createMunicipality(aMunicipality())
  const challenge = await stores.domain.createChallenge(aChallenge(municipality.id))
  return stores.domain.createWorkshop(aWorkshop(challenge.id, { status: 'open' }))
}

describe.each(storeBackends)('access store ($name)', (backend) => {
  async function openStores(): Promise<OpenedStores & { stores: Stores }> {
    const opened = await backend.open()
    cleanups.push(() => opened.cleanup())
    return opened
  }

  it('[A2] creates facilitators with their credential; an id, an email and a credential are one account’s', async () => {
    const { access } = (await openStores()).stores
    expect(await access.countFacilitators()).toBe(0)
    const kari = await access.createFacilitator(anAccount(), passwordCredential('kari@grue.kommune.no'))
    expect(await access.getFacilitator(kari.id)).toEqual(kari)
    expect(await access.getFacilitator('not an id')).toBeNull()
    expect(await access.getFacilitator(newEntityId())).toBeNull()
    expect(await access.findCredential('password', 'kari@grue.kommune.no')).toEqual({
      facilitatorId: kari.id,
      ...passwordCredential('kari@grue.kommune.no'),
    })
    expect(await access.findCredential('password', 'nobody@grue.kommune.no')).toBeNull()
    // An OIDC provider's credential sits next to the password one, without a secret.
    const ola = await access.createFacilitator(
      anAccount({ email: 'ola@grue.kommune.no', displayName: 'Ola', invitedBy: kari.id }),
      { provider: 'https://idporten.no', subject: 'abc-123', secret: null },
    )
    expect(await access.findCredential('https://idporten.no', 'abc-123')).toMatchObject({ facilitatorId: ola.id, secret: null })
    // By display name as the bytes order it, capitals first, whatever the database's locale.
    await access.createFacilitator(anAccount({ email: 'ada@grue.kommune.no', displayName: 'ada' }), passwordCredential('ada'))
    expect((await access.listFacilitators()).map((account) => account.displayName)).toEqual(['Kari', 'Ola', 'ada'])

    await expect(access.createFacilitator(anAccount(), passwordCredential('other'))).rejects.toMatchObject({
      code: 'conflict',
      message: 'A facilitator with the email kari@grue.kommune.no already exists.',
    })
    await expect(
      access.createFacilitator(anAccount({ id: kari.id, email: 'new@grue.kommune.no' }), passwordCredential('new')),
    ).rejects.toMatchObject({ code: 'conflict', message: `A facilitator with id ${kari.id} already exists.` })
    await expect(
      access.createFacilitator(anAccount({ email: 'new@grue.kommune.no' }), passwordCredential('kari@grue.kommune.no')),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: 'The password credential kari@grue.kommune.no already belongs to a facilitator.',
    })
    await expect(access.createFacilitator(anAccount({ email: 'Upper@Case.no' }), passwordCredential('x'))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('email'),
    })
    await expect(
      access.createFacilitator(anAccount({ email: 'new@grue.kommune.no' }), { provider: '', subject: 'x', secret: null }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('provider') })
    expect(await access.countFacilitators()).toBe(3)
  })

  it('[A1] redeems a setup token once, before it expires, making the account in the same transaction', async () => {
    const { access } = (await openStores()).stores
    const token = aToken()
    await access.createAccountToken(token)
    expect(await access.getAccountToken(token.tokenHash)).toEqual(token)
    expect(await access.getAccountToken('not a digest')).toBeNull()
    expect(await access.redeemAccountToken(token.tokenHash, 2000, anAccount(), passwordCredential('kari'))).toBeNull()
    // An account that cannot be made leaves the token as it was.
    await expect(
      access.redeemAccountToken(token.tokenHash, 1999, anAccount({ displayName: '' }), passwordCredential('kari')),
    ).rejects.toMatchObject({ code: 'invalid_input' })
    expect(await access.getAccountToken(token.tokenHash)).toMatchObject({ usedAt: null })
    const kari = await access.redeemAccountToken(token.tokenHash, 1999, anAccount(), passwordCredential('kari'))
    expect(kari?.displayName).toBe('Kari')
    expect(await access.getAccountToken(token.tokenHash)).toMatchObject({ usedAt: 1999 })
    expect(
      await access.redeemAccountToken(token.tokenHash, 1999, anAccount({ email: 'b@c.no' }), passwordCredential('b')),
    ).toBeNull()
    expect(await access.redeemAccountToken(hashSecret(newSecret()), 1500, anAccount(), passwordCredential('k'))).toBeNull()
    expect(await access.redeemAccountToken('not a digest', 1500, anAccount(), passwordCredential('k'))).toBeNull()
    expect(await access.countFacilitators()).toBe(1)
    await expect(access.createAccountToken(aToken({ tokenHash: 'not a digest' }))).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('[A1] refuses every setup token once a facilitator exists', async () => {
    const { access } = (await openStores()).stores
    const first = aToken()
    const second = aToken()
    await access.createAccountToken(first)
    await access.createAccountToken(second)
    await access.redeemAccountToken(first.tokenHash, 1500, anAccount(), passwordCredential('kari'))
    expect(
      await access.redeemAccountToken(second.tokenHash, 1500, anAccount({ email: 'b@c.no' }), passwordCredential('b')),
    ).toBeNull()
    expect(await access.getAccountToken(second.tokenHash)).toMatchObject({ usedAt: null })
    expect(await access.countFacilitators()).toBe(1)
  })

  it('[A2] makes an invitation’s account for its own email only, and keeps it unused when that account cannot be made', async () => {
    const { access } = (await openStores()).stores
    const kari = await access.createFacilitator(anAccount(), passwordCredential('kari@grue.kommune.no'))
    const taken = aToken({ purpose: 'invitation', email: 'kari@grue.kommune.no', createdBy: kari.id })
    await access.createAccountToken(taken)
    await expect(
      access.redeemAccountToken(taken.tokenHash, 1500, anAccount(), passwordCredential('kari@grue.kommune.no')),
    ).rejects.toMatchObject({ code: 'conflict' })
    expect(await access.getAccountToken(taken.tokenHash)).toMatchObject({ usedAt: null })

    const invitation = aToken({ purpose: 'invitation', email: 'ola@grue.kommune.no', createdBy: kari.id })
    await access.createAccountToken(invitation)
    expect(await access.getAccountToken(invitation.tokenHash)).toEqual(invitation)
    await expect(
      access.redeemAccountToken(invitation.tokenHash, 1500, anAccount({ email: 'other@x.no' }), passwordCredential('o')),
    ).rejects.toMatchObject({ code: 'invalid_input', message: 'An invitation makes an account for the email it was sent to.' })
    const ola = anAccount({ email: 'ola@grue.kommune.no', displayName: 'Ola', invitedBy: kari.id })
    expect(await access.redeemAccountToken(invitation.tokenHash, 1500, ola, passwordCredential('ola@grue.kommune.no'))).toEqual(ola)
    expect(await access.getFacilitator(ola.id)).toEqual(ola)
    expect(
      await access.redeemAccountToken(invitation.tokenHash, 1600, anAccount({ email: 'ola@grue.kommune.no' }), passwordCredential('x')),
    ).toBeNull()
  })

  it('[A2] forgets the account tokens that can no longer be redeemed', async () => {
    const { access } = (await openStores()).stores
    const used = aToken({ usedAt: 1100 })
    const expired = aToken({ expiresAt: 1500 })
    const live = aToken({ expiresAt: 3000 })
    for (const token of [used, expired, live]) await access.createAccountToken(token)
    expect(await access.deleteSpentAccountTokens(1499)).toBe(1)
    expect(await access.deleteSpentAccountTokens(1500)).toBe(1)
    expect(await access.getAccountToken(used.tokenHash)).toBeNull()
    expect(await access.getAccountToken(expired.tokenHash)).toBeNull()
    expect(await access.getAccountToken(live.tokenHash)).toEqual(live)
  })

  it('[A5] keeps sessions by the digest of their id and finds them until they expire', async () => {
    const { access } = (await openStores()).stores
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
    expect(await access.getSession('not a digest', 0)).toBeNull()
    expect(await access.deleteExpiredSessions(1999)).toBe(0)
    expect(await access.deleteExpiredSessions(2000)).toBe(1)
    expect(await access.getSession(session.idHash, 0)).toBeNull()
    await expect(access.createSession({ ...session, idHash: 'not a digest' })).rejects.toMatchObject({ code: 'invalid_input' })

    const again = { ...session, idHash: hashSecret(newSecret()) }
    await access.createSession(again)
    await access.deleteSession(again.idHash)
    expect(await access.getSession(again.idHash, 0)).toBeNull()
  })

  it('[A7] keeps one active link per workshop and role, found by its token', async () => {
    const { stores } = await openStores()
    const { access } = stores
    const workshop = await aWorkshopIn(stores)
    const link = await access.activeLink(workshop.id, 'participant', () => aLink(workshop.id))
    expect(await access.activeLink(workshop.id, 'participant', () => aLink(workshop.id))).toEqual(link)
    const observerLink = await access.activeLink(workshop.id, 'observer', () => aLink(workshop.id, 'observer'))
    expect(observerLink.id).not.toBe(link.id)
    expect(await access.findActiveLink(link.token)).toEqual(link)
    expect(await access.findActiveLink(newSecret())).toBeNull()

    await expect(access.activeLink(newEntityId(), 'participant', () => aLink(workshop.id))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^There is no workshop /),
    })
    const other = await stores.domain.createWorkshop(aWorkshop(workshop.challengeId))
    await expect(access.activeLink(other.id, 'observer', () => aLink(workshop.id, 'observer'))).rejects.toMatchObject({
      code: 'invalid_input',
      message: `The new link must be the observer link of workshop ${other.id}.`,
    })
    await expect(access.activeLink(other.id, 'observer', () => ({ ...aLink(other.id, 'observer'), token: 'short' }))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('token'),
    })
  })

  it('[A8] rotating a link revokes it and ends its sessions; its participants stay', async () => {
    const { stores } = await openStores()
    const { access } = stores
    const workshop = await aWorkshopIn(stores)
    const link = await access.activeLink(workshop.id, 'participant', () => aLink(workshop.id))
    const observerLink = await access.activeLink(workshop.id, 'observer', () => aLink(workshop.id, 'observer'))
    const participant = await access.createParticipant(aParticipant(workshop.id, link.id))
    const session = aGuestSession(workshop.id, link.id, participant.id)
    const observer = aGuestSession(workshop.id, observerLink.id, null)
    await access.createSession(session)
    await access.createSession(observer)

    const replacement = aLink(workshop.id)
    expect(await access.rotateLink(workshop.id, 'participant', replacement, 3000)).toEqual({ ...link, revokedAt: 3000 })
    expect(await access.findActiveLink(link.token)).toBeNull()
    expect(await access.findActiveLink(replacement.token)).toEqual(replacement)
    expect(await access.activeLink(workshop.id, 'participant', () => aLink(workshop.id))).toEqual(replacement)
    expect(await access.getSession(session.idHash, 1000)).toBeNull()
    expect(await access.getSession(observer.idHash, 1000)).toEqual(observer)
    // The participant's name stays with the workshop; only the session ended.
    expect(await access.getParticipant(participant.id)).toEqual(participant)

    // A workshop without a link of the role gets its first one.
    const other = await stores.domain.createWorkshop(aWorkshop(workshop.challengeId))
    const first = aLink(other.id, 'observer')
    expect(await access.rotateLink(other.id, 'observer', first, 3000)).toBeNull()
    expect(await access.findActiveLink(first.token)).toEqual(first)
    // A replacement that is not the workshop's link of the role changes nothing.
    await expect(access.rotateLink(other.id, 'observer', aLink(workshop.id, 'observer'), 4000)).rejects.toMatchObject({
      code: 'invalid_input',
    })
    expect(await access.findActiveLink(first.token)).toEqual(first)
    await expect(access.rotateLink(newEntityId(), 'observer', aLink(other.id, 'observer'), 4000)).rejects.toMatchObject({
      code: 'invalid_input',
    })
  })

  it('[A7] stores a workshop’s join code', async () => {
    const { stores } = await openStores()
    const { access } = stores
    const workshop = await aWorkshopIn(stores)
    expect(await access.getJoinCode(workshop.id)).toBeNull()
    await access.setJoinCode(workshop.id, 'KIRK42')
    expect(await access.getJoinCode(workshop.id)).toBe('KIRK42')
    await access.setJoinCode(workshop.id, null)
    expect(await access.getJoinCode(workshop.id)).toBeNull()
    expect(await access.getJoinCode(newEntityId())).toBeNull()
    expect(await access.getJoinCode('no')).toBeNull()
    await expect(access.setJoinCode(newEntityId(), 'ABCD')).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(access.setJoinCode('no', 'ABCD')).rejects.toMatchObject({ code: 'invalid_input', message: 'There is no workshop no.' })
  })

  it('[A7] stores participants who joined through a link of their own workshop, listed by when they joined', async () => {
    const { stores } = await openStores()
    const { access } = stores
    const workshop = await aWorkshopIn(stores)
    const link = await access.activeLink(workshop.id, 'participant', () => aLink(workshop.id))
    const anne = await access.createParticipant(aParticipant(workshop.id, null, { displayName: 'Anne', affiliation: 'business', createdAt: 2 }))
    const bo = await access.createParticipant(aParticipant(workshop.id, link.id, { displayName: 'Bo', createdAt: 1 }))
    // Joined in the same millisecond: by id as the bytes order it, capitals first.
    const late = 'zzzzzzzz-joined-late'
    const early = 'ZZZZZZZZ-joined-late'
    await access.createParticipant(aParticipant(workshop.id, null, { id: late, createdAt: 3 }))
    await access.createParticipant(aParticipant(workshop.id, null, { id: early, createdAt: 3 }))
    expect((await access.listParticipants(workshop.id)).map((participant) => participant.id)).toEqual([bo.id, anne.id, early, late])
    expect(await access.getParticipant(bo.id)).toEqual(bo)
    expect(await access.getParticipant('no')).toBeNull()
    expect(await access.listParticipants(newEntityId())).toEqual([])

    await expect(access.createParticipant(aParticipant(workshop.id, null, { displayName: '' }))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('displayName'),
    })
    await expect(access.createParticipant({ ...bo, displayName: 'Bo igjen' })).rejects.toMatchObject({
      code: 'conflict',
      message: `A participant with id ${bo.id} already exists.`,
    })
    await expect(access.createParticipant(aParticipant(newEntityId(), null))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^There is no workshop /),
    })
    const other = await stores.domain.createWorkshop(aWorkshop(workshop.challengeId))
    const otherLink = await access.activeLink(other.id, 'participant', () => aLink(other.id))
    for (const linkId of [otherLink.id, newEntityId()]) {
      await expect(access.createParticipant(aParticipant(workshop.id, linkId))).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining(`link ${linkId} is not a link of its workshop`),
      })
    }
    expect(await access.listParticipants(workshop.id)).toHaveLength(4)
  })

  it('[B15] removing a participant ends their sessions and marks them removed, once', async () => {
    const { stores } = await openStores()
    const { access } = stores
    const workshop = await aWorkshopIn(stores)
    const link = await access.activeLink(workshop.id, 'participant', () => aLink(workshop.id))
    const per = await access.createParticipant(aParticipant(workshop.id, link.id))
    const kim = await access.createParticipant(aParticipant(workshop.id, link.id, { displayName: 'Kim', createdAt: 1001 }))
    const perSession = aGuestSession(workshop.id, link.id, per.id)
    const kimSession = aGuestSession(workshop.id, link.id, kim.id)
    await access.createSession(perSession)
    await access.createSession(kimSession)

    const other = await stores.domain.createWorkshop(aWorkshop(workshop.challengeId))
    expect(await access.removeParticipant(other.id, per.id, 4000)).toBeNull()
    expect(await access.removeParticipant(workshop.id, newEntityId(), 4000)).toBeNull()
    expect(await access.removeParticipant(workshop.id, 'no', 4000)).toBeNull()
    expect(await access.getSession(perSession.idHash, 1000)).toEqual(perSession)

    expect(await access.removeParticipant(workshop.id, per.id, 4000)).toEqual({ ...per, removedAt: 4000 })
    expect(await access.getSession(perSession.idHash, 1000)).toBeNull()
    expect(await access.getSession(kimSession.idHash, 1000)).toEqual(kimSession)
    // Removed once: a second removal keeps the first time.
    expect(await access.removeParticipant(workshop.id, per.id, 5000)).toEqual({ ...per, removedAt: 4000 })
    expect(await access.listParticipants(workshop.id)).toEqual([{ ...per, removedAt: 4000 }, kim])
  })

  it('[A15] a workshop’s deletion takes its links, sessions and participants', async () => {
    const { stores } = await openStores()
    const { access, domain } = stores
    const workshop = await aWorkshopIn(stores)
    await domain.createStep(aStep(workshop.id))
    await access.setJoinCode(workshop.id, 'KIRK42')
    const link = await access.activeLink(workshop.id, 'participant', () => aLink(workshop.id))
    const participant = await access.createParticipant(aParticipant(workshop.id, link.id))
    const session = aGuestSession(workshop.id, link.id, participant.id)
    await access.createSession(session)

    expect(await domain.deleteWorkshop(workshop.id)).toBe(true)
    expect(await access.getSession(session.idHash, 1000)).toBeNull()
    expect(await access.getParticipant(participant.id)).toBeNull()
    expect(await access.findActiveLink(link.token)).toBeNull()
    expect(await access.listParticipants(workshop.id)).toEqual([])
    expect(await access.getJoinCode(workshop.id)).toBeNull()
  })

  it('keeps what it stored across a reopen, and refuses calls after close', async () => {
    const opened = await openStores()
    const kari = await opened.stores.access.createFacilitator(anAccount(), passwordCredential('kari'))
    const { access } = await opened.reopen()
    expect(await access.getFacilitator(kari.id)).toEqual(kari)
    await access.close()
    await expect(access.countFacilitators()).rejects.toMatchObject({ code: 'store_closed', message: expect.stringContaining('access store') })
  })
})

describe('access store on Postgres, two server instances on one database', () => {
  /** A fresh database with the stores of two instances on it, each with its own pool. */
  async function twoInstances() {
    const opened = await postgresBackend.open()
    cleanups.push(() => opened.cleanup())
    if (!('url' in opened.storage)) throw new Error('The Postgres backend names its database by URL.')
    const url = opened.storage.url
    const [first, second] = [await anotherInstance(url), await anotherInstance(url)]
    cleanups.push(() => closeStores(first), () => closeStores(second))
    return { opened, url, first, second }
  }

  /** Holds `statement`'s lock while `start` sets the racing calls going; lets go once `count` of them wait for it. */
  async function raceBehind<T>(url: string, statement: string, values: string[], count: number, start: () => Promise<T>[]) {
    const lock = await holdLock(url, statement, values)
    cleanups.push(() => lock.release())
    const racing = start()
    await lock.waiters(count)
    await lock.release()
    return Promise.allSettled(racing)
  }

  const fulfilled = <T>(results: PromiseSettledResult<T>[]) =>
    results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
  const rejectionCodes = (results: PromiseSettledResult<unknown>[]) =>
    results.flatMap((result) => (result.status === 'rejected' ? [(result.reason as { code?: unknown }).code] : []))

  it('[A1] makes one account of a setup link redeemed on both at once, and of two setup links', async () => {
    const { url, first, second } = await twoInstances()
    const token = aToken()
    await first.access.createAccountToken(token)
    const sameToken = await raceBehind(url, 'LOCK TABLE facilitators IN SHARE ROW EXCLUSIVE MODE', [], 2, () => [
      first.access.redeemAccountToken(token.tokenHash, 1500, anAccount(), passwordCredential('kari@grue.kommune.no')),
      second.access.redeemAccountToken(token.tokenHash, 1500, anAccount({ email: 'ola@grue.kommune.no' }), passwordCredential('ola')),
    ])
    expect(fulfilled(sameToken).filter((account) => account !== null)).toHaveLength(1)
    expect(fulfilled(sameToken)).toContain(null)
    expect(await second.access.countFacilitators()).toBe(1)

    const { url: otherUrl, first: a, second: b } = await twoInstances()
    const [one, two] = [aToken(), aToken()]
    await a.access.createAccountToken(one)
    await a.access.createAccountToken(two)
    const twoTokens = await raceBehind(otherUrl, 'LOCK TABLE facilitators IN SHARE ROW EXCLUSIVE MODE', [], 2, () => [
      a.access.redeemAccountToken(one.tokenHash, 1500, anAccount(), passwordCredential('kari@grue.kommune.no')),
      b.access.redeemAccountToken(two.tokenHash, 1500, anAccount({ email: 'ola@grue.kommune.no' }), passwordCredential('ola')),
    ])
    expect(fulfilled(twoTokens).filter((account) => account !== null)).toHaveLength(1)
    expect(await b.access.countFacilitators()).toBe(1)
    const usedAt = [await a.access.getAccountToken(one.tokenHash), await a.access.getAccountToken(two.tokenHash)].map((t) => t?.usedAt)
    expect(usedAt.filter((time) => time === null)).toHaveLength(1)
  })

  it('[A2] uses an invitation redeemed on both at once once', async () => {
    const { url, first, second } = await twoInstances()
    const kari = await first.access.createFacilitator(anAccount(), passwordCredential('kari@grue.kommune.no'))
    const invitation = aToken({ purpose: 'invitation', email: 'ola@grue.kommune.no', createdBy: kari.id })
    await first.access.createAccountToken(invitation)
    const ola = () => anAccount({ email: 'ola@grue.kommune.no', displayName: 'Ola', invitedBy: kari.id })
    const results = await raceBehind(url, 'LOCK TABLE facilitators IN SHARE ROW EXCLUSIVE MODE', [], 2, () => [
      first.access.redeemAccountToken(invitation.tokenHash, 1500, ola(), passwordCredential('ola@grue.kommune.no')),
      second.access.redeemAccountToken(invitation.tokenHash, 1500, ola(), passwordCredential('ola@grue.kommune.no')),
    ])
    expect(rejectionCodes(results)).toEqual([])
    expect(fulfilled(results).filter((account) => account !== null)).toHaveLength(1)
    expect(await second.access.countFacilitators()).toBe(2)
    expect(await second.access.getAccountToken(invitation.tokenHash)).toMatchObject({ usedAt: 1500 })
  })

  it('[A7] gives both instances asking at once for a workshop’s first link the same link', async () => {
    const { opened, url, first, second } = await twoInstances()
    const workshop = await aWorkshopIn(opened.stores)
    const results = await raceBehind(url, 'SELECT id FROM workshops WHERE id = $1 FOR UPDATE', [workshop.id], 2, () => [
      first.access.activeLink(workshop.id, 'participant', () => aLink(workshop.id)),
      second.access.activeLink(workshop.id, 'participant', () => aLink(workshop.id)),
    ])
    const links = fulfilled(results)
    expect(rejectionCodes(results)).toEqual([])
    expect(links[1]).toEqual(links[0])
  })

  it('[A7] creates a participant created on both at once once; the other call is a conflict', async () => {
    const { opened, url, first, second } = await twoInstances()
    const workshop = await aWorkshopIn(opened.stores)
    const link = await first.access.activeLink(workshop.id, 'participant', () => aLink(workshop.id))
    const participant = aParticipant(workshop.id, link.id)
    const results = await raceBehind(url, 'SELECT id FROM workshops WHERE id = $1 FOR UPDATE', [workshop.id], 2, () => [
      first.access.createParticipant(participant),
      second.access.createParticipant({ ...participant, displayName: 'Pål' }),
    ])
    expect(fulfilled(results)).toHaveLength(1)
    expect(rejectionCodes(results)).toEqual(['conflict'])
    expect(await second.access.listParticipants(workshop.id)).toHaveLength(1)
  })

  it('[A8] leaves one active link after two rotations at once, the second revoking the first’s replacement', async () => {
    const { opened, url, first, second } = await twoInstances()
    const workshop = await aWorkshopIn(opened.stores)
    const link = await first.access.activeLink(workshop.id, 'observer', () => aLink(workshop.id, 'observer'))
    const replacements = [aLink(workshop.id, 'observer'), aLink(workshop.id, 'observer')] as const
    const results = await raceBehind(url, 'SELECT id FROM workshops WHERE id = $1 FOR UPDATE', [workshop.id], 2, () => [
      first.access.rotateLink(workshop.id, 'observer', replacements[0], 3000),
      second.access.rotateLink(workshop.id, 'observer', replacements[1], 3000),
    ])
    expect(rejectionCodes(results)).toEqual([])
    const revokedIds = fulfilled(results).map((revoked) => revoked?.id)
    const active = await first.access.activeLink(workshop.id, 'observer', () => aLink(workshop.id, 'observer'))
    const [winner, loser] = active.id === replacements[0].id ? replacements : [replacements[1], replacements[0]]
    expect(active).toEqual(winner)
    expect(revokedIds.sort()).toEqual([link.id, loser.id].sort())
    expect(await second.access.findActiveLink(loser.token)).toBeNull()
  })

  it('[A8] lets no session start through a link while it is being rotated', async () => {
    const { opened, url, first, second } = await twoInstances()
    const workshop = await aWorkshopIn(opened.stores)
    const link = await first.access.activeLink(workshop.id, 'observer', () => aLink(workshop.id, 'observer'))
    const before = aGuestSession(workshop.id, link.id, null)
    await first.access.createSession(before)
    const replacement = aLink(workshop.id, 'observer')

    // A transaction of the test's own inserts a (revoked) link with the replacement's token, so
    // the rotation stops at its last step, with the link revoked and its sessions deleted but
    // nothing committed: the moment a session starting elsewhere could slip in.
    const lock = await holdLock(
      url,
      `INSERT INTO workshop_links (id, workshop_id, role, token, created_at, revoked_at) VALUES ($1, $2, 'observer', $3, 0, 0)`,
      [newEntityId(), workshop.id, replacement.token],
    )
    cleanups.push(() => lock.release())
    const rotating = second.access.rotateLink(workshop.id, 'observer', replacement, 3000)
    await lock.waiters(1)
    const sessions = [first, second, first, second].map(() => aGuestSession(workshop.id, link.id, null))
    const starting = sessions.map((session, index) => (index % 2 === 0 ? first : second).access.createSession(session))
    await lock.waiters(1 + sessions.length)
    await lock.release()

    expect(await rotating).toEqual({ ...link, revokedAt: 3000 })
    const results = await Promise.allSettled(starting)
    expect(rejectionCodes(results)).toEqual(sessions.map(() => 'conflict'))
    for (const session of [before, ...sessions]) expect(await first.access.getSession(session.idHash, 1000)).toBeNull()
    expect(await queryStorage(opened.storage, 'SELECT id_hash FROM sessions WHERE link_id = $1', [link.id])).toEqual([])
  })

  it('[A8] leaves no live session on the revoked link when sessions start on both during a rotation', async () => {
    const { opened, first, second } = await twoInstances()
    const workshop = await aWorkshopIn(opened.stores)
    const link = await first.access.activeLink(workshop.id, 'observer', () => aLink(workshop.id, 'observer'))
    const sessions = Array.from({ length: 20 }, () => aGuestSession(workshop.id, link.id, null))
    const starting = sessions.map((session, index) => (index % 2 === 0 ? first : second).access.createSession(session))
    const rotating = second.access.rotateLink(workshop.id, 'observer', aLink(workshop.id, 'observer'), 3000)
    const results = await Promise.allSettled([...starting, rotating])
    // A session that started first was ended by the rotation; one that came after it was refused.
    expect(rejectionCodes(results).filter((code) => code !== 'conflict')).toEqual([])
    expect(results.at(-1)).toEqual({ status: 'fulfilled', value: { ...link, revokedAt: 3000 } })
    expect(await queryStorage(opened.storage, 'SELECT id_hash FROM sessions WHERE link_id = $1', [link.id])).toEqual([])
  })
})

// A rotation or a removal that committed first wins over a join still under way, on every store.
describe.each(storeBackends)('sessions of ended guests ($name)', (backend) => {
  it('[A8] [B15] refuses a session through a revoked link or for a removed participant', async () => {
    const opened = await backend.open()
    cleanups.push(() => opened.cleanup())
    const { stores } = opened
    const { access } = stores
    const workshop = await aWorkshopIn(stores)
    const link = await access.activeLink(workshop.id, 'participant', () => aLink(workshop.id))
    const per = await access.createParticipant(aParticipant(workshop.id, link.id))
    await access.removeParticipant(workshop.id, per.id, 2000)
    await expect(access.createSession(aGuestSession(workshop.id, link.id, per.id))).rejects.toMatchObject({
      code: 'conflict',
      message: `Participant ${per.id} was removed from the workshop: no session starts for them.`,
    })
    const kim = await access.createParticipant(aParticipant(workshop.id, link.id, { displayName: 'Kim' }))
    await access.rotateLink(workshop.id, 'participant', aLink(workshop.id), 3000)
    await expect(access.createSession(aGuestSession(workshop.id, link.id, kim.id))).rejects.toMatchObject({
      code: 'conflict',
      message: `The workshop link ${link.id} was rotated: no session starts through it.`,
    })
  })
})
