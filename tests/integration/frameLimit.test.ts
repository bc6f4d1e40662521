import type { Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import type { DomainStore } from '../../server/src/store/DomainStore.ts'
import { createClient } from '../helpers/clients.ts'
import { frameHeader, Opcode, RawFrameSocket } from '../helpers/rawFrames.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { ReadGate } from '../helpers/storeDecorators.ts'
import { testNote } from '../helpers/testRecords.ts'
import { waitFor } from '../helpers/waitFor.ts'

// A frame over MAX_FRAME_BYTES is refused on its header, and the server reads no more of it: what
// the server's side of the socket has read (bytesRead) stays far under the frame, whether the
// frame comes in one piece, as fragments each under the limit, or before the upgrade is decided.
// The other rooms keep working. Memory is not asserted (too noisy): see tests/bench/RESULTS.md.

const mib = 1024 * 1024
const hugeFrame = 60 * mib
const chunk = 64 * 1024
/**
 * What the server may read past the point where the frame was refused: the read that carried the
 * header, a read buffer or two, the upgrade request. Far under the 60 MiB sent (and under the limit).
 */
const readSlack = 512 * 1024

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

interface Scene {
  server: TestServer
  /** The server's side of `raw`'s TCP connection. */
  serverSide(raw: RawFrameSocket): Promise<Socket>
  /** A raw socket to a fresh scratch board (destroyed after the test). */
  raw(): Promise<RawFrameSocket>
  /** Another board's client still edits and has its edit acknowledged. */
  expectOtherRoomsWork(): Promise<void>
}

async function scene(options: { domainGate?: ReadGate<DomainStore, 'getStepByBoardId'> } = {}): Promise<Scene> {
  const { domainGate } = options
  const server = await startTestServer({
    wrapDomain: domainGate === undefined ? undefined : (domain) => domainGate.wrap(domain),
    // A refused socket is cut this long after its close frame went out (2 s in production).
    timings: { socketCloseGraceMs: 300 },
  })
  cleanups.push(() => server.close())
  const accepted: Socket[] = []
  server.running.httpServer.on('connection', (socket: Socket) => accepted.push(socket))
  const bystander = createClient(server.syncUrl, newBoardId())
  cleanups.push(() => bystander.destroy())
  await bystander.waitForSaved()
  let probes = 0
  return {
    server,
    serverSide: (raw) =>
      waitFor(() => accepted.find((socket) => socket.remotePort === raw.socket.localPort), {
        message: 'the server to accept the raw socket',
      }),
    async raw() {
      const raw = await RawFrameSocket.open(`${server.syncUrl}/${newBoardId()}`)
      cleanups.push(() => raw.destroy())
      return raw
    },
    async expectOtherRoomsWork() {
      const key = `shape:probe-${probes++}`
      bystander.doc.getArray('records').push([{ key, val: testNote(key, { text: 'still saving' }) }])
      await bystander.waitForSaved()
      expect(bystander.closeCodes).toEqual([])
    },
  }
}

/** Waits until the server has cut its side of the socket, or read `bound` bytes or more (which the test then fails on). */
async function cutOrReadOn(serverSide: Socket, bound: number): Promise<void> {
  await waitFor(() => serverSide.destroyed || serverSide.bytesRead >= bound, {
    message: 'the server to cut the refused socket',
  })
  expect(serverSide.destroyed).toBe(true)
}

describe('frames over MAX_FRAME_BYTES', () => {
  it('refuses a 60 MiB frame on its header with 1009 and reads no more of it, however long the sender keeps on', async () => {
    const s = await scene()
    const limit = s.server.config.maxFrameBytes
    const raw = await s.raw()
    await raw.upgraded
    const serverSide = await s.serverSide(raw)
    raw.socket.write(frameHeader(Opcode.binary, hugeFrame))
    // A hostile sender: it ignores the close frame and sends on, chunk after chunk, as fast as it is read.
    const written = await raw.streamPayload(hugeFrame, chunk, { pastClose: true })
    const outcome = await raw.refused()
    expect(outcome.closeCode).toBe(CloseCode.messageTooBig.code)
    await cutOrReadOn(serverSide, readSlack)
    expect(serverSide.bytesRead).toBeLessThan(readSlack)
    expect(serverSide.bytesRead).toBeLessThan(limit)
    expect(written).toBeLessThan(hugeFrame)
    await s.expectOtherRoomsWork()
  })

  it('refuses the same frame when it is poured in at once, as a client library sends one large message', async () => {
    const s = await scene()
    const raw = await s.raw()
    await raw.upgraded
    const serverSide = await s.serverSide(raw)
    raw.socket.write(frameHeader(Opcode.binary, hugeFrame))
    raw.pour(hugeFrame, chunk)
    expect((await raw.refused()).closeCode).toBe(CloseCode.messageTooBig.code)
    await cutOrReadOn(serverSide, readSlack)
    expect(serverSide.bytesRead).toBeLessThan(readSlack)
    await s.expectOtherRoomsWork()
  })

  it('refuses a fragmented message once its fragments, each under the limit, add up to more', async () => {
    const s = await scene()
    const limit = s.server.config.maxFrameBytes
    const fragment = mib
    expect(fragment).toBeLessThan(limit)
    const raw = await s.raw()
    await raw.upgraded
    const serverSide = await s.serverSide(raw)
    for (let sent = 0; sent < hugeFrame && !raw.outcome.ended; sent += fragment) {
      raw.socket.write(frameHeader(sent === 0 ? Opcode.binary : Opcode.continuation, fragment, sent + fragment >= hugeFrame))
      await raw.streamPayload(fragment, chunk, { pastClose: true })
    }
    expect((await raw.refused()).closeCode).toBe(CloseCode.messageTooBig.code)
    await cutOrReadOn(serverSide, limit + readSlack)
    // The fragments under the limit were read (ws keeps them until the message is whole), then nothing more.
    expect(serverSide.bytesRead).toBeLessThan(limit + readSlack)
    await s.expectOtherRoomsWork()
  })

  it('reads only a buffer’s worth of what comes while the upgrade is still being decided, then refuses the frame', async () => {
    const gate = new ReadGate<DomainStore, 'getStepByBoardId'>('getStepByBoardId')
    const s = await scene({ domainGate: gate })
    gate.hold()
    const raw = await s.raw()
    const serverSide = await s.serverSide(raw)
    raw.socket.write(frameHeader(Opcode.binary, hugeFrame))
    raw.pour(hugeFrame, chunk)
    await waitFor(() => gate.held === 1, { message: 'the upgrade to wait for the board lookup' })
    // Node stops reading an upgraded socket nobody reads once its buffer is full; a server that
    // went on reading would pass the bound instead.
    await waitFor(
      () => serverSide.bytesRead > readSlack || serverSide.readableLength >= serverSide.readableHighWaterMark,
      { message: 'the server to fill its read buffer or read past the bound' },
    )
    expect(serverSide.bytesRead).toBeLessThan(readSlack)
    gate.passNew()
    gate.release()
    await raw.upgraded
    expect((await raw.refused()).closeCode).toBe(CloseCode.messageTooBig.code)
    await cutOrReadOn(serverSide, readSlack)
    expect(serverSide.bytesRead).toBeLessThan(readSlack)
    await s.expectOtherRoomsWork()
  })
})
