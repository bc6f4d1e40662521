// Expired sessions and setup or invitation tokens that are used or expired
// are deleted at start and then periodically, judged by the server's clock
// (moved here instead of waiting), so that dead secrets do not pile up.
import { afterEach, describe, expect, it } from 'vitest'
import { invitationLifetimeMs, newFacilitatorAccount, passwordCredential } from '../../server/src/auth/accountLinks.ts'
import { hashSecret, newSecret } from '../../server/src/auth/secrets.ts'
import { facilitatorCookieName, sessionLifetimeMs } from '../../server/src/auth/sessionCookies.ts'
import type { AccessStore, AccountToken, StoredSession } from '../../server/src/store/AccessStore.ts'
import { closeSqliteStores } from '../../server/src/store/sqliteStores.ts'
import { linkToken, setUpFirstFacilitator } from '../helpers/auth.ts'
import { createDataDir, openTestStores, removeDataDir, startTestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { expectStatus } from '../helpers/workshopApi.ts'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

const hour = 60 * 60 * 1000

/** Whether the store still has the row, whatever its expiry (a lookup at time 0 ignores it). */
async function hasSession(access: AccessStore, idHash: string): Promise<boolean> {
  return (await access.getSession(idHash, 0)) !== null
}

async function hasToken(access: AccessStore, tokenHash: string): Promise<boolean> {
  return (await access.getAccountToken(tokenHash)) !== null
}

describe('expired sessions and spent account tokens', () => {
  it('are deleted when the server starts; live ones stay', async () => {
    const dataDir = createDataDir()
    cleanups.push(() => removeDataDir(dataDir))
    const now = Date.now()
    const stores = openTestStores(dataDir)
    const email = 'kari@grue.kommune.no'
    const account = newFacilitatorAccount({ email, displayName: 'Kari', invitedBy: null }, now)
    await stores.access.createFacilitator(account, passwordCredential(email, 'not-a-real-hash'))
    const token = (fields: Pick<AccountToken, 'expiresAt' | 'usedAt'>): AccountToken => ({
      tokenHash: hashSecret(newSecret()),
      purpose: 'invitation',
      email: 'ola@grue.kommune.no',
      createdBy: account.id,
      createdAt: now - hour,
      ...fields,
    })
    const session = (expiresAt: number): StoredSession => ({
      idHash: hashSecret(newSecret()),
      role: 'facilitator',
      facilitatorId: account.id,
      workshopId: null,
      linkId: null,
      participantId: null,
      csrfToken: newSecret(),
      createdAt: now - hour,
      expiresAt,
    })
    const tokens = { used: token({ expiresAt: now + hour, usedAt: now - 1 }), expired: token({ expiresAt: now - 1, usedAt: null }) }
    const liveToken = token({ expiresAt: now + hour, usedAt: null })
    const [expiredSession, liveSession] = [session(now - 1), session(now + hour)]
    for (const stored of [...Object.values(tokens), liveToken]) await stores.access.createAccountToken(stored)
    for (const stored of [expiredSession, liveSession]) await stores.access.createSession(stored)
    await closeSqliteStores(stores)

    const server = await startTestServer({ dataDir, now: () => now })
    cleanups.push(() => server.close())
    expect(await hasToken(server.access, tokens.used.tokenHash)).toBe(false)
    expect(await hasToken(server.access, tokens.expired.tokenHash)).toBe(false)
    expect(await hasToken(server.access, liveToken.tokenHash)).toBe(true)
    expect(await hasSession(server.access, expiredSession.idHash)).toBe(false)
    expect(await hasSession(server.access, liveSession.idHash)).toBe(true)
  })

  it('are deleted periodically while the server runs', async () => {
    let clock = Date.now()
    const server = await startTestServer({ now: () => clock, expirySweepMs: 10 })
    cleanups.push(() => server.close())
    const setupHash = hashSecret(linkToken(server.running.setupUrl ?? ''))
    expect(await hasToken(server.access, setupHash)).toBe(true)
    const { agent } = await setUpFirstFacilitator(server)
    const invitation = expectStatus(await agent.post('/api/invitations', { email: 'ola@grue.kommune.no' }), 201)
    const invitationHash = hashSecret(linkToken((invitation as { invitationUrl: string }).invitationUrl))
    const sessionHash = hashSecret(agent.cookie(facilitatorCookieName) ?? '')

    await waitFor(async () => !(await hasToken(server.access, setupHash)), { message: 'the used setup token deleted' })
    expect(await hasSession(server.access, sessionHash)).toBe(true)
    expect(await hasToken(server.access, invitationHash)).toBe(true)

    clock += sessionLifetimeMs.facilitator
    await waitFor(async () => !(await hasSession(server.access, sessionHash)), { message: 'the expired session deleted' })
    expect(await hasToken(server.access, invitationHash)).toBe(true)

    clock += invitationLifetimeMs
    await waitFor(async () => !(await hasToken(server.access, invitationHash)), { message: 'the expired invitation deleted' })
  })
})
