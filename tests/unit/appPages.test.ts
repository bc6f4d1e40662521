// The server knows the app's pages (it answers them with status 200 and anything else a browser
// opens with the app's not-found page and 404): its list and the client's routes must be the same.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { appPagePaths } from '../../shared/src/protocol/appPages.ts'

const mainSource = readFileSync(new URL('../../client/src/main.tsx', import.meta.url), 'utf8')
const clientRoutes = [...mainSource.matchAll(/<Route\s+path="([^"]+)"/g)].map((match) => match[1]).filter((path) => path !== '*')

describe("the app's pages", () => {
  it('are the routes of the client, each listed once, and the client ends in its not-found page', () => {
    expect(clientRoutes.length).toBeGreaterThan(10)
    expect([...clientRoutes].sort()).toEqual([...appPagePaths].sort())
    expect(new Set(appPagePaths).size).toBe(appPagePaths.length)
    expect(mainSource).toMatch(/<Route\s+path="\*"\s+element=\{<NotFoundPage \/>\}/)
  })
})
