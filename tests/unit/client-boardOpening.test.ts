// What a page on a board's address asks as it starts: the board's context beside the session
// rather than after it, handed to the board page once, and asked again only when who this
// browser is changes.
import { describe, expect, it } from 'vitest'
import { ApiRequestError } from '../../client/src/app/apiErrors.ts'
import { BoardContextPreload, boardContextPath, boardIdOfPath, firstRenderTldrawFiles } from '../../client/src/app/BoardOpening.ts'
import { SessionService } from '../../client/src/app/SessionService.ts'
import type { SessionInfo } from '../../shared/src/schema/access.ts'
import type { BoardPlacement } from '../../shared/src/schema/workshopApi.ts'

const nobody: SessionInfo = { facilitator: null, guest: null, setupRequired: false }
const kari: SessionInfo = {
  setupRequired: false,
  facilitator: null,
  guest: {
    role: 'participant',
    workshopId: 'workshop-1',
    participantId: 'participant-1',
    displayName: 'Kari',
    affiliation: 'citizen',
    color: '#067647',
    csrfToken: 'token-1',
  },
}

describe('a page opened on a board’s address', () => {
  it('knows a board address from any other', () => {
    expect(boardIdOfPath('/board/Grue-kirkenaer-1')).toBe('Grue-kirkenaer-1')
    expect(boardIdOfPath('/board/Grue-kirkenaer-1/')).toBe('Grue-kirkenaer-1')
    for (const other of ['/', '/board/', '/board/x', '/board/a%20b%20c%20d%20e', '/join/Grue-kirkenaer-1', '/board/Grue-kirkenaer-1/edit']) {
      expect(boardIdOfPath(other)).toBeNull()
    }
  })

  it('asks for the board’s context at once and hands the answer to the board page once', async () => {
    const asked: string[] = []
    const placement: BoardPlacement = null
    const preload = new BoardContextPreload('Grue-kirkenaer-1', async (path) => {
      asked.push(path)
      return placement
    })
    expect(asked).toEqual([boardContextPath('Grue-kirkenaer-1')])
    expect(preload.take('another-board-1')).toBeNull()
    const taken = preload.take('Grue-kirkenaer-1')
    expect(taken).not.toBeNull()
    expect(await taken).toBeNull()
    expect(preload.take('Grue-kirkenaer-1')).toBeNull()
    expect(asked).toHaveLength(1)
  })

  it('asks nothing on any other address, and leaves a failure to whoever takes it', async () => {
    const asked: string[] = []
    const none = new BoardContextPreload(null, async (path) => {
      asked.push(path)
      return null
    })
    expect(none.take('Grue-kirkenaer-1')).toBeNull()
    expect(asked).toEqual([])
    const failing = new BoardContextPreload('Grue-kirkenaer-1', () => Promise.reject(new Error('offline')))
    await expect(failing.take('Grue-kirkenaer-1')).rejects.toThrow('offline')
  })

  it('preloads the translations tldraw asks for and the templates’ font', () => {
    expect(firstRenderTldrawFiles('no').map((file) => file.href)).toEqual([
      '/tldraw-assets/fonts/IBMPlexSans-Medium.woff2',
      '/tldraw-assets/translations/en.json',
      '/tldraw-assets/translations/no.json',
    ])
    expect(firstRenderTldrawFiles('en').map((file) => file.href)).toHaveLength(2)
  })
})

describe('who this browser is, for requests made at start', () => {
  it('stays the same through the first answer and refreshes of the same person, and changes with a join or a sign-out', async () => {
    let answer = nobody
    const session = new SessionService(async () => answer)
    await session.refresh()
    expect(session.identity.get()).toBe(0)
    await session.refresh()
    expect(session.identity.get()).toBe(0)
    session.set(kari)
    expect(session.identity.get()).toBe(1)
    session.set({ ...kari, guest: kari.guest === null ? null : { ...kari.guest, csrfToken: 'token-2' } })
    expect(session.identity.get()).toBe(1)
    answer = nobody
    await session.refresh()
    expect(session.identity.get()).toBe(2)
  })

  it('keeps a join answered while the first asking was out, and counts it as a change', async () => {
    let answerFirst: (session: SessionInfo) => void = () => undefined
    const session = new SessionService(() => new Promise<SessionInfo>((resolve) => (answerFirst = resolve)))
    const first = session.refresh()
    session.set(kari)
    expect(session.identity.get()).toBe(1)
    // The first answer was made with the cookies from before the join: it says nobody.
    answerFirst(nobody)
    expect(await first).toEqual(kari)
    expect(session.current()).toEqual(kari)
    expect(session.identity.get()).toBe(1)
  })

  it('changes when the first answer comes after a failed first asking', async () => {
    let offline = true
    const session = new SessionService(async () => {
      if (offline) throw new ApiRequestError({ status: 0, code: 'network_error', message: 'offline' })
      return nobody
    })
    await session.refresh()
    expect(session.identity.get()).toBe(0)
    offline = false
    await session.refresh()
    expect(session.identity.get()).toBe(1)
  })
})
