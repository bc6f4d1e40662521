import { afterEach, describe, expect, it } from 'vitest'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import { hashSecret, newSecret } from '../../server/src/auth/secrets.ts'
import type { AccountToken, FacilitatorAccount, StoredSession } from '../../server/src/store/AccessStore.ts'
import type { PasswordReset } from '../../server/src/store/AccountStore.ts'
import { closeStores, type Stores } from '../../server/src/store/stores.ts'
import { postgresBackend, storeBackends } from '../helpers/storeBackends.ts'
import { anotherInstance, holdLock } from '../helpers/storeRaces.ts'

// The AccountStore (the access store's part that administers facilitator accounts) on SQLite and
// on Postgres: reset links, changing a password, deactivating and reactivating. Then Postgres with
// two server instances on one database, each race started behind a lock so that both sides are
// under way at once.
//
// Ids are the access rules (server/src/auth/SPEC.md) whose stored part this store keeps:
//   A18  a reset link is one account's newest, used once before it expires; using it sets the password and ends every session
//   A19  deactivating ends sessions and kills links; never the last active account, even when two deactivate each other at once
//   A20  changing a password ends the account's other sessions and keeps the one that asked

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const hour = 60 * 60 * 1000

function anAccount(name: string, overrides: Partial<FacilitatorAccount> = {}): FacilitatorAccount {
  return {
    id: newEntityId(),
    email: `${name.toLowerCase()}@grue.kommune.no`,
    displayName: name,
    color: '#175CD3',
    createdAt: 1000,
    invitedBy: null,
    ...overrides,
  }
}

async function facilitator(stores: Stores, name: string): Promise<FacilitatorAccount> {
  const account = anAccount(name)
  return stores.access.createFacilitator(account, { provider: 'password', subject: account.email, secret: `scrypt$${name}` })
}

async function sessionOf(stores: Stores, account: FacilitatorAccount): Promise<StoredSession> {
  const session: StoredSession = {
    idHash: hashSecret(newSecret()),
    role: 'facilitator',
    facilitatorId: account.id,
    workshopId: null,
    linkId: null,
    participantId: null,
    csrfToken: newSecret(),
    createdAt: 1000,
    expiresAt: 1000 + 12 * hour,
  }
  await stores.access.createSession(session)
  return session
}

function aReset(facilitatorId: string, createdBy: string | null, overrides: Partial<PasswordReset> = {}): PasswordReset & { secret: string } {
  const secret = newSecret()
  return { facilitatorId, tokenHash: hashSecret(secret), createdBy, createdAt: 1000, expiresAt: 1000 + 24 * hour, secret, ...overrides }
}

const storedReset = ({ secret: _secret, ...reset }: PasswordReset & { secret: string }): PasswordReset => reset

describe.each(storeBackends)('account store ($name)', (backend) => {
  async function openStores(): Promise<Stores> {
    const opened = await backend.open()
    cleanups.push(() => opened.cleanup())
    return opened.stores
  }

  it('[A18] keeps one reset link per account, the newest; finds it until it expires; none for an unknown or deactivated account', async () => {
    const stores = await openStores()
    const { access } = stores
    const kari = await facilitator(stores, 'Kari')
    const ola = await facilitator(stores, 'Ola')
    const first = aReset(ola.id, kari.id)
    expect(await access.createPasswordReset(storedReset(first))).toBe('created')
    expect(await access.findPasswordReset(first.tokenHash, 2000)).toEqual(storedReset(first))
    expect(await access.findPasswordReset(first.tokenHash, first.expiresAt)).toBeNull()
    expect(await access.findPasswordReset('not a digest', 2000)).toBeNull()

    const newer = aReset(ola.id, kari.id, { createdAt: 3000, expiresAt: 3000 + 24 * hour })
    expect(await access.createPasswordReset(storedReset(newer))).toBe('created')
    expect(await access.findPasswordReset(first.tokenHash, 4000)).toBeNull()
    expect(await access.findPasswordReset(newer.tokenHash, 4000)).toEqual(storedReset(newer))

    expect(await access.createPasswordReset(storedReset(aReset(newEntityId(), kari.id)))).toBe('notFound')
    expect(await access.createPasswordReset(storedReset(aReset('not an id', kari.id)))).toBe('notFound')
    await expect(access.createPasswordReset({ ...storedReset(aReset(ola.id, kari.id)), tokenHash: 'plain' })).rejects.toMatchObject({
      code: 'invalid_input',
    })
    expect(await access.deactivateFacilitator(ola.id, 5000)).toMatchObject({ kind: 'deactivated' })
    expect(await access.findPasswordReset(newer.tokenHash, 5000)).toBeNull()
    expect(await access.createPasswordReset(storedReset(aReset(ola.id, kari.id)))).toBe('deactivated')
  })

  it('[A18] uses a reset link once: the password is set, the link gone, every session of the account deleted', async () => {
    const stores = await openStores()
    const { access } = stores
    const kari = await facilitator(stores, 'Kari')
    const ola = await facilitator(stores, 'Ola')
    const olasSessions = [await sessionOf(stores, ola), await sessionOf(stores, ola)]
    const karisSession = await sessionOf(stores, kari)
    const reset = aReset(ola.id, kari.id)
    await access.createPasswordReset(storedReset(reset))

    expect(await access.redeemPasswordReset(reset.tokenHash, reset.expiresAt, 'scrypt$late')).toBeNull()
    const redeemed = await access.redeemPasswordReset(reset.tokenHash, 2000, 'scrypt$new')
    expect(redeemed?.account).toEqual(ola)
    expect([...(redeemed?.endedSessions ?? [])].sort()).toEqual(olasSessions.map((session) => session.idHash).sort())
    expect(await access.findCredential('password', ola.email)).toMatchObject({ facilitatorId: ola.id, secret: 'scrypt$new' })
    for (const session of olasSessions) expect(await access.getSession(session.idHash, 2000)).toBeNull()
    expect(await access.getSession(karisSession.idHash, 2000)).toEqual(karisSession)
    // Once only.
    expect(await access.redeemPasswordReset(reset.tokenHash, 2000, 'scrypt$again')).toBeNull()
    expect(await access.findCredential('password', ola.email)).toMatchObject({ secret: 'scrypt$new' })
    expect(await access.redeemPasswordReset('not a digest', 2000, 'scrypt$x')).toBeNull()
  })

  it('[A18] sweeps expired reset links', async () => {
    const stores = await openStores()
    const kari = await facilitator(stores, 'Kari')
    const ola = await facilitator(stores, 'Ola')
    await stores.access.createPasswordReset(storedReset(aReset(ola.id, kari.id, { expiresAt: 1500 })))
    await stores.access.createPasswordReset(storedReset(aReset(kari.id, ola.id, { expiresAt: 2500 })))
    expect(await stores.access.deleteExpiredPasswordResets(1499)).toBe(0)
    expect(await stores.access.deleteExpiredPasswordResets(1500)).toBe(1)
    expect(await stores.access.deleteExpiredPasswordResets(3000)).toBe(1)
  })

  it('[A20] changes a password, deleting the account’s other sessions and keeping the one that asked', async () => {
    const stores = await openStores()
    const { access } = stores
    const kari = await facilitator(stores, 'Kari')
    const ola = await facilitator(stores, 'Ola')
    const [here, elsewhere, olas] = [await sessionOf(stores, kari), await sessionOf(stores, kari), await sessionOf(stores, ola)]
    expect(await access.changePassword(kari.id, 'scrypt$changed', here.idHash, 2000)).toEqual([elsewhere.idHash])
    expect(await access.findCredential('password', kari.email)).toMatchObject({ facilitatorId: kari.id, secret: 'scrypt$changed' })
    expect(await access.getSession(here.idHash, 2000)).toEqual(here)
    expect(await access.getSession(elsewhere.idHash, 2000)).toBeNull()
    expect(await access.getSession(olas.idHash, 2000)).toEqual(olas)
    expect(await access.changePassword(newEntityId(), 'scrypt$x', null, 2000)).toBeNull()
    // An account without a password (signing in elsewhere) gets one.
    const ada = anAccount('Ada')
    await access.createFacilitator(ada, { provider: 'https://idporten.no', subject: 'ada-sub', secret: null })
    expect(await access.changePassword(ada.id, 'scrypt$ada', null, 2000)).toEqual([])
    expect(await access.findCredential('password', ada.email)).toMatchObject({ facilitatorId: ada.id, secret: 'scrypt$ada' })
  })

  it('[A19] deactivates: marks the account, deletes its sessions, its links and its unused invitations; never the last active', async () => {
    const stores = await openStores()
    const { access } = stores
    const kari = await facilitator(stores, 'Kari')
    const ola = await facilitator(stores, 'Ola')
    const olasSession = await sessionOf(stores, ola)
    const karisSession = await sessionOf(stores, kari)
    await access.createPasswordReset(storedReset(aReset(ola.id, kari.id)))
    const issuedByOla = aReset(kari.id, ola.id)
    await access.createPasswordReset(storedReset(issuedByOla))
    const invitation: AccountToken = {
      tokenHash: hashSecret(newSecret()),
      purpose: 'invitation',
      email: 'per@grue.kommune.no',
      createdBy: ola.id,
      createdAt: 1000,
      expiresAt: 1000 + 7 * 24 * hour,
      usedAt: null,
    }
    await access.createAccountToken(invitation)

    const outcome = await access.deactivateFacilitator(ola.id, 2000)
    expect(outcome).toEqual({ kind: 'deactivated', account: { ...ola, deactivatedAt: 2000 } })
    expect(await access.getFacilitator(ola.id)).toEqual({ ...ola, deactivatedAt: 2000 })
    expect((await access.listFacilitators()).map((account) => account.deactivatedAt ?? null)).toEqual([null, 2000])
    expect(await access.getSession(olasSession.idHash, 2000)).toBeNull()
    expect(await access.getSession(karisSession.idHash, 2000)).toEqual(karisSession)
    expect(await access.findPasswordReset(issuedByOla.tokenHash, 2000)).toBeNull()
    expect(await access.getAccountToken(invitation.tokenHash)).toBeNull()
    // Twice keeps the first time; the last active account stays active.
    expect(await access.deactivateFacilitator(ola.id, 3000)).toEqual({ kind: 'deactivated', account: { ...ola, deactivatedAt: 2000 } })
    expect(await access.deactivateFacilitator(kari.id, 3000)).toEqual({ kind: 'lastActive' })
    expect(await access.getFacilitator(kari.id)).toEqual(kari)
    expect(await access.deactivateFacilitator(newEntityId(), 3000)).toEqual({ kind: 'notFound' })
    expect(await access.deactivateFacilitator('not an id', 3000)).toEqual({ kind: 'notFound' })
  })

  it('[A19] reactivates with the password it had, deleting any session that started while it was deactivated', async () => {
    const stores = await openStores()
    const { access } = stores
    await facilitator(stores, 'Kari')
    const ola = await facilitator(stores, 'Ola')
    await access.deactivateFacilitator(ola.id, 2000)
    // A sign-in that checked the account just before it was deactivated stores its session just after.
    const late = await sessionOf(stores, ola)
    expect(await access.reactivateFacilitator(ola.id)).toEqual(ola)
    expect(await access.getFacilitator(ola.id)).toEqual(ola)
    expect(await access.getSession(late.idHash, 2000)).toBeNull()
    expect(await access.findCredential('password', ola.email)).toMatchObject({ secret: 'scrypt$Ola' })
    expect(await access.reactivateFacilitator(newEntityId())).toBeNull()
  })
})

describe('account store with two Postgres instances', () => {
  async function twoInstances() {
    const opened = await postgresBackend.open()
    cleanups.push(() => opened.cleanup())
    if (!('url' in opened.storage)) throw new Error('The Postgres backend names its database by URL.')
    const url = opened.storage.url
    const [first, second] = [await anotherInstance(url), await anotherInstance(url)]
    cleanups.push(() => closeStores(first), () => closeStores(second))
    return { stores: opened.stores, url, first, second }
  }

  it('[A19] of two facilitators deactivating each other at once, one wins and one stays active', async () => {
    const { stores, url, first, second } = await twoInstances()
    const kari = await facilitator(stores, 'Kari')
    const ola = await facilitator(stores, 'Ola')
    const lock = await holdLock(url, 'LOCK TABLE facilitators IN SHARE ROW EXCLUSIVE MODE')
    cleanups.push(() => lock.release())
    const racing = [first.access.deactivateFacilitator(kari.id, 2000), second.access.deactivateFacilitator(ola.id, 2000)]
    await lock.waiters(2)
    await lock.release()
    const kinds = (await Promise.all(racing)).map((outcome) => outcome.kind).sort()
    expect(kinds).toEqual(['deactivated', 'lastActive'])
    const active = (await stores.access.listFacilitators()).filter((account) => account.deactivatedAt == null)
    expect(active).toHaveLength(1)
  })

  it('[A18] uses a reset link once when two instances use it at once', async () => {
    const { stores, url, first, second } = await twoInstances()
    const kari = await facilitator(stores, 'Kari')
    const ola = await facilitator(stores, 'Ola')
    const reset = aReset(ola.id, kari.id)
    await stores.access.createPasswordReset(storedReset(reset))
    const lock = await holdLock(url, 'SELECT * FROM password_resets WHERE token_hash = $1 FOR UPDATE', [reset.tokenHash])
    cleanups.push(() => lock.release())
    const racing = [
      first.access.redeemPasswordReset(reset.tokenHash, 2000, 'scrypt$first'),
      second.access.redeemPasswordReset(reset.tokenHash, 2000, 'scrypt$second'),
    ]
    await lock.waiters(2)
    await lock.release()
    const results = await Promise.all(racing)
    expect(results.filter((result) => result !== null)).toHaveLength(1)
    const winner = results[0] === null ? 'scrypt$second' : 'scrypt$first'
    expect(await stores.access.findCredential('password', ola.email)).toMatchObject({ secret: winner })
  })

  it('[A18] [A19] a reset link made while the account is being deactivated does not outlive the deactivation', async () => {
    const { stores, url, first, second } = await twoInstances()
    const kari = await facilitator(stores, 'Kari')
    const ola = await facilitator(stores, 'Ola')
    // Behind a lock on Ola's row, the deactivation (its update) and the new link (its FOR SHARE) both wait.
    const lock = await holdLock(url, 'SELECT * FROM facilitators WHERE id = $1 FOR UPDATE', [ola.id])
    cleanups.push(() => lock.release())
    const reset = aReset(ola.id, kari.id)
    const racing = [first.access.deactivateFacilitator(ola.id, 2000), second.access.createPasswordReset(storedReset(reset))] as const
    await lock.waiters(2)
    await lock.release()
    const [deactivation, issued] = await Promise.all(racing)
    expect(deactivation.kind).toBe('deactivated')
    expect(['created', 'deactivated']).toContain(issued)
    expect(await stores.access.findPasswordReset(reset.tokenHash, 2000)).toBeNull()
    const rows = await stores.access.deleteExpiredPasswordResets(Number.MAX_SAFE_INTEGER)
    expect(rows).toBe(0)
  })
})
