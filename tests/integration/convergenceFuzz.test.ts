// [B13] Convergence, fuzzed: seeded runs of 2–6 board pages (the app's own BoardConnection, with
// real y-websocket providers, in Node) on a relay in a child process, making random edits, some of
// which the relay refuses (written past the page's rules), dropping and regaining their
// connection, while facilitators change the board's mode and the relay is now and then killed
// with SIGKILL and started again. Afterwards every page and a fresh joiner hold the same records.
//
// FUZZ_SEEDS sets how many seeds run (60 by default, to keep `npm test` in its time; `npm run fuzz` runs 2,000). A seed that ever
// fails is added to `pinnedSeeds`, which always run first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { atom, createUserId, UserRecordType, type TLRecord, type TLShape } from 'tldraw'
import { WebSocket as NodeWebSocket } from 'ws'
import * as Y from 'yjs'
import { openRecordMap, readBoardRecords } from '../../shared/src/board/boardDoc.ts'
import type { BoardMode } from '../../shared/src/board/boardMode.ts'
import type { BoardActor } from '../../shared/src/board/boardRules.ts'
import { BoardConnection } from '../../client/src/board/BoardConnection.ts'
import { ApiAgent, linkToken } from '../helpers/auth.ts'
import { freePort } from '../helpers/boardPage.ts'
import { RawClient, updateOfSyncFrame } from '../helpers/clients.ts'
import { randomInt, seededRandom } from '../helpers/random.ts'
import { createDataDir, removeDataDir, setupLinkOf, spawnServer, type ChildServer } from '../helpers/server.ts'
import { testNote } from '../helpers/testRecords.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { addStep, createWorkshop, expectStatus, grueChallengeId, joined, setStatus } from '../helpers/workshopApi.ts'

/**
 * Seeds that once failed: they run in every run, first. 77, 85, 183 and 191 found a page that went
 * on counting the messages of its old copy's provider after rebuilding (stuck at "saving", or
 * missing a refusal meant for it).
 */
const pinnedSeeds: number[] = [77, 85, 183, 191]
const seedCount = Number(process.env['FUZZ_SEEDS'] ?? 60)
const firstSeed = Number(process.env['FUZZ_FIRST_SEED'] ?? 1)
/** Edits per seed, spread over its pages. */
const operations = 24

interface World {
  dataDir: string
  port: number
  server: ChildServer
  facilitator: ApiAgent
  facilitatorPerson: BoardActor['person']
  /** The open workshop the next seed's board is added to (a workshop holds at most 100 steps). */
  workshop: { id: string; participantUrl: string; steps: number }
}

/** A fresh open workshop on Grue's challenge. */
async function openWorkshop(facilitator: ApiAgent): Promise<World['workshop']> {
  const created = await createWorkshop(facilitator, await grueChallengeId(facilitator))
  await setStatus(facilitator, created.workshop.id, 'open')
  if (created.links === null) throw new Error('A facilitator sees the links.')
  return { id: created.workshop.id, participantUrl: created.links.participantUrl, steps: 0 }
}

let world: World
/** How often the relay refused a page's change and the page rebuilt its copy (over all seeds). */
const tally = { rebuilt: 0, kills: 0 }

async function startWorld(): Promise<World> {
  const dataDir = createDataDir()
  const port = await freePort()
  const server = await spawnServer(dataDir, { PORT: String(port), LOG_LEVEL: 'error' })
  const facilitator = new ApiAgent(server.url)
  const setup = await facilitator.post('/api/setup', {
    token: linkToken(setupLinkOf(server)),
    email: 'fuzz@grue.kommune.no',
    displayName: 'Fasilitator',
    password: 'a long enough passphrase',
  })
  const session = expectStatus(setup, 201) as { facilitator: { facilitatorId: string; displayName: string; color: string } }
  const { facilitatorId, displayName, color } = session.facilitator
  return {
    dataDir,
    port,
    server,
    facilitator,
    facilitatorPerson: { id: facilitatorId, name: displayName, color },
    workshop: await openWorkshop(facilitator),
  }
}

/** Kills the relay with SIGKILL and starts it again on the same port and data. */
async function killAndRestart(): Promise<void> {
  tally.kills += 1
  await world.server.kill('SIGKILL')
  world.server = await spawnServer(world.dataDir, { PORT: String(world.port), LOG_LEVEL: 'error' })
}

interface Page {
  connection: BoardConnection
  actor: BoardActor
  cookie: string
}

function openPage(boardId: string, agent: ApiAgent, actor: BoardActor): Page {
  const cookie = agent.cookieHeader()
  class BrowserSocket extends NodeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } })
    }
  }
  const person = actor.person
  const connection = new BoardConnection({
    boardId,
    location: new URL(world.server.url),
    user: atom('user', person === null ? null : UserRecordType.create({ id: createUserId(person.id), name: person.name, color: person.color })),
    persist: false,
    page: undefined,
    assets: { upload: async () => ({ src: '' }), resolve: () => null, remove: async () => undefined },
    WebSocket: BrowserSocket as unknown as typeof WebSocket,
    actor,
    reconnectMaxMs: 100,
  })
  return { connection, actor, cookie }
}

/** The board as a fresh joiner gets it from the relay. */
async function servedRecords(boardId: string): Promise<Map<string, TLRecord>> {
  const joiner = await RawClient.connect(world.server.syncUrl, boardId, { headers: { cookie: world.facilitator.cookieHeader() } })
  try {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, updateOfSyncFrame(await joiner.barrier()))
    return readBoardRecords(doc)
  } finally {
    joiner.close()
  }
}

function documentRecords(page: Page): Map<string, TLRecord> {
  return new Map(Object.values(page.connection.store.serialize('document')).map((record) => [record.id, record] as const))
}

/** The keys whose records differ between a page and the relay. */
function differingKeys(a: Map<string, TLRecord>, b: Map<string, TLRecord>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()])
  return [...keys].filter((key) => JSON.stringify(a.get(key)) !== JSON.stringify(b.get(key)))
}

/** What keeps the pages from the relay's records: '' when every page is saved and holds them. */
function describeDifference(pages: readonly Page[], served: Map<string, TLRecord>): string {
  return pages
    .map((page, index) => {
      const state = page.connection.$state.get()
      const keys = differingKeys(documentRecords(page), served)
      if (state.status === 'saved' && keys.length === 0) return ''
      return `page ${index} (${page.actor.role}): ${state.status}, rejection ${state.rejection}, differs in ${keys.join(', ')}`
    })
    .filter((line) => line !== '')
    .join('\n')
}

/** One seeded run: returns a description of what differed, or null when everything converged. */
async function runSeed(seed: number): Promise<void> {
  const random = seededRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[randomInt(random, 0, items.length - 1)] as T
  if (world.workshop.steps >= 90) world.workshop = await openWorkshop(world.facilitator)
  world.workshop.steps += 1
  const step = await addStep(world.facilitator, world.workshop.id, { templateId: pick(['ideas', 'stakeholder-mapping']), plannedMinutes: 10 })
  const pageId = `page:${step.templateId}.v${step.templateVersion}`
  const count = randomInt(random, 2, 6)
  const pages: Page[] = []
  for (let index = 0; index < count; index++) {
    if (index > 0 && random() < 0.25) {
      pages.push(openPage(step.boardId, world.facilitator, { role: 'facilitator', person: world.facilitatorPerson }))
      continue
    }
    const guest = await joined(world.server.url, world.workshop.participantUrl, { displayName: `Deltaker ${seed}-${index}`, affiliation: 'citizen' })
    const session = guest.session.guest
    if (session?.participantId == null || session.displayName === null || session.color === null) throw new Error('a participant')
    pages.push(openPage(step.boardId, guest.agent, { role: 'participant', person: { id: session.participantId, name: session.displayName, color: session.color } }))
  }
  const firstCopies = new Map(pages.map((page) => [page, page.connection.doc]))
  try {
    await waitFor(() => pages.every((page) => page.connection.$state.get().ready), { message: `seed ${seed}: pages open` })
    const killAt = random() < 0.1 ? randomInt(random, 0, operations - 1) : -1
    let notes = 0
    for (let op = 0; op < operations; op++) {
      if (op === killAt) await killAndRestart()
      const page = pick(pages)
      const { store } = page.connection
      const shapes = Object.values(store.serialize('document')).filter((record): record is TLShape => record.typeName === 'shape')
      const choice = random()
      if (choice < 0.35) {
        const key = `shape:s${seed}-${notes++}`
        store.put([testNote(key, { text: `Lapp ${notes}`, parentId: pageId, x: randomInt(random, 0, 2000), y: randomInt(random, 0, 1500) })])
      } else if (choice < 0.55 && shapes.length > 0) {
        const shape = pick(shapes)
        store.put([{ ...shape, x: shape.x + randomInt(random, -50, 50) }])
      } else if (choice < 0.65 && shapes.length > 0) {
        store.remove([pick(shapes).id])
      } else if (choice < 0.72) {
        const mode = pick<BoardMode>(['open', 'add-only', 'frozen', 'open'])
        expectStatus(await world.facilitator.put(`/api/boards/${step.boardId}/mode`, { mode }), 200)
      } else if (choice < 0.82) {
        // Past the page's own rules, straight into its document: the relay refuses some of these.
        const doc = page.connection.doc
        const map = openRecordMap(doc)
        doc.transact(() => {
          const kind = randomInt(random, 0, 2)
          if (kind === 0 && shapes.length > 0) {
            const shape = pick(shapes)
            map.records.set(shape.id, { ...shape, x: shape.x + 1000, isLocked: !shape.isLocked })
          } else if (kind === 1) {
            map.records.set(`shape:forged-${seed}-${op}`, testNote(`shape:forged-${seed}-${op}`, { createdBy: 'someone-else', parentId: pageId }))
          } else {
            doc.getMap('meta').set('mode', 'open')
          }
        }, { name: 'past the rules' })
        map.dispose()
      } else if (choice < 0.92) {
        const provider = page.connection.provider
        if (provider.wsconnected || provider.shouldConnect) provider.disconnect()
        else provider.connect()
      }
      await new Promise((resolve) => setTimeout(resolve, randomInt(random, 0, 15)))
    }
    for (const page of pages) if (!page.connection.provider.shouldConnect) page.connection.provider.connect()
    let difference = ''
    await waitFor(
      async () => {
        const served = await servedRecords(step.boardId)
        difference = describeDifference(pages, served)
        return difference === ''
      },
      { message: `seed ${seed}: every page and a fresh joiner hold the same records`, timeoutMs: 30_000, intervalMs: 50 },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${difference}`, { cause: error })
    })
    for (const page of pages) expect(page.connection.$state.get().rejection, `seed ${seed}`).toBeNull()
    tally.rebuilt += pages.filter((page) => page.connection.doc !== firstCopies.get(page)).length
  } finally {
    for (const page of pages) page.connection.destroy()
  }
}

describe('[B13] convergence, fuzzed', () => {
  beforeAll(async () => {
    world = await startWorld()
  }, 60_000)

  afterAll(async () => {
    await world?.server.kill('SIGKILL')
    if (world) removeDataDir(world.dataDir)
    // A fuzz that never made the relay refuse anything, or never killed it, would prove little.
    if (seedCount >= 100) {
      expect(tally.rebuilt).toBeGreaterThan(10)
      expect(tally.kills).toBeGreaterThan(3)
    }
  })

  const range = Array.from({ length: seedCount }, (_, index) => firstSeed + index)
  const seeds = [...pinnedSeeds, ...range.filter((seed) => !pinnedSeeds.includes(seed))]
  for (const seed of seeds) {
    it(`[B13] converges with seed ${seed}`, () => runSeed(seed), 60_000)
  }
})
