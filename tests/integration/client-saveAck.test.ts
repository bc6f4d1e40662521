// The client's "Saved" against the real relay: the app's own ConnectionWatch (counting
// WebSocket, saveAck/updateRejected handlers) and YjsStoreBinding on a real y-websocket
// provider in Node (on `ws`), talking to a real server on port 0 with a real SQLite store.
import { afterEach, describe, expect, it } from 'vitest'
import { atom, react, type TLStore } from 'tldraw'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { WebSocket as NodeWebSocket } from 'ws'
import { ConnectionWatch } from '../../client/src/board/ConnectionWatch.ts'
import type { ConnectionStatus } from '../../client/src/board/connectionStatus.ts'
import type { CountingWebSocket } from '../../client/src/board/countingWebSocket.ts'
import { YjsStoreBinding } from '../../client/src/board/YjsStoreBinding.ts'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { UpdateRejection } from '../../shared/src/protocol/messages.ts'
import type { BoardStore, PendingUpdate } from '../../server/src/store/BoardStore.ts'
import { manualAnimationFrames } from '../helpers/animationFrames.ts'
import { loadStoredDoc, startTestServer, type TestServer, type TestServerOptions } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { addDocumentAndPage, docRecords, newStore, note } from '../unit/binding-fixtures.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function server(options: TestServerOptions = {}): Promise<TestServer> {
  const started = await startTestServer(options)
  cleanups.push(() => started.close())
  return started
}

/** Holds the relay's commits while closed, so a test can see the time before the ack. */
class CommitGate {
  /** appendUpdates calls waiting at the gate now. */
  waiting = 0
  #open = true
  #waiters: (() => void)[] = []

  wrap = (store: BoardStore): BoardStore =>
    new Proxy(store, {
      get: (target, property, receiver) => {
        if (property !== 'appendUpdates') return Reflect.get(target, property, receiver) as unknown
        return async (batch: readonly PendingUpdate[]) => {
          if (!this.#open) {
            this.waiting += 1
            await new Promise<void>((resolve) => this.#waiters.push(resolve))
            this.waiting -= 1
          }
          return target.appendUpdates(batch)
        }
      },
    })

  close(): void {
    this.#open = false
  }

  open(): void {
    this.#open = true
    for (const release of this.#waiters.splice(0)) release()
  }
}

interface AppClient {
  doc: Y.Doc
  provider: WebsocketProvider
  watch: ConnectionWatch
  status(): ConnectionStatus
  /** Every status the watch has shown, in order, from the moment of the call. */
  recordStatuses(): ConnectionStatus[]
  /** Binds a tldraw store once synced, as BoardConnection does. */
  bind(): Promise<{ store: TLStore; binding: YjsStoreBinding }>
}

/** The app's client classes for one board, with `ws` as the WebSocket implementation. */
function appClient(relay: TestServer, boardId: string, offlineAfterMs = 60_000): AppClient {
  const doc = new Y.Doc()
  let binding: YjsStoreBinding | null = null
  const watch = new ConnectionWatch({
    readonlyReason: atom('readonlyReason', null),
    WebSocket: NodeWebSocket as unknown as typeof globalThis.WebSocket,
    offlineAfterMs,
  })
  const provider = new WebsocketProvider(relay.syncUrl, boardId, doc, {
    connect: false,
    disableBc: true,
    maxBackoffTime: 200,
    WebSocketPolyfill: watch.socketClass,
  })
  watch.attach(provider)
  provider.connect()
  cleanups.push(() => {
    binding?.destroy()
    watch.destroy()
    provider.destroy()
    doc.destroy()
  })
  return {
    doc,
    provider,
    watch,
    status: () => watch.$state.get().status,
    recordStatuses() {
      const seen: ConnectionStatus[] = []
      cleanups.push(react('record statuses', () => void seen.push(watch.$state.get().status)))
      return seen
    },
    async bind() {
      await waitFor(() => provider.synced, { message: 'first sync' })
      const store = newStore()
      binding = new YjsStoreBinding({ doc, store })
      return { store, binding }
    },
  }
}

describe('ConnectionWatch and YjsStoreBinding against the real relay', () => {
  it('shows an edit as saving from the moment it is made, and saved only after the relay stored and acked it', async () => {
    const gate = new CommitGate()
    const relay = await server({ wrapStore: gate.wrap })
    const boardId = newBoardId()
    const doc = new Y.Doc()
    const store = newStore()
    const binding = new YjsStoreBinding({ doc, store })
    cleanups.push(() => binding.destroy())
    // The app's wiring: the watch knows about edits the binding has not written yet.
    const watch = new ConnectionWatch({
      readonlyReason: binding.$readonlyReason,
      unwrittenChanges: binding.$hasUnwrittenChanges,
      WebSocket: NodeWebSocket as unknown as typeof globalThis.WebSocket,
    })
    const provider = new WebsocketProvider(relay.syncUrl, boardId, doc, {
      connect: false,
      disableBc: true,
      WebSocketPolyfill: watch.socketClass,
    })
    watch.attach(provider)
    cleanups.push(() => {
      watch.destroy()
      provider.destroy()
    })
    addDocumentAndPage(store)
    provider.connect()
    const status = () => watch.$state.get().status
    await waitFor(() => status() === 'saved', { message: 'the new board saved' })

    // tldraw writes store changes to the board on the next animation frame: run frames by hand.
    const frames = manualAnimationFrames()
    cleanups.push(() => frames.restore())
    gate.close()
    const sentBefore = updatesSent(provider)
    store.put([note('gated', 'Venter på disken')])
    expect(status()).toBe('saving')
    expect(updatesSent(provider)).toBe(sentBefore)

    frames.run()
    expect(docRecords(doc)).toHaveProperty(note('gated', '').id)
    await waitFor(() => gate.waiting > 0, { message: 'the relay committing the edit' })
    expect(updatesSent(provider)).toBeGreaterThan(sentBefore)
    expect(status()).toBe('saving')

    gate.open()
    await waitFor(() => status() === 'saved', { message: 'saved after the ack' })
    const stored = await loadStoredDoc(relay.store, boardId)
    expect(docRecords(stored)).toHaveProperty(note('gated', '').id)
    stored.destroy()
  })

  it('keeps an edit made after the server stopped unsaved: reconnecting, then offline, never saved', async () => {
    const relay = await server()
    const client = appClient(relay, newBoardId(), 300)
    const { store } = await client.bind()
    addDocumentAndPage(store)
    await waitFor(() => client.status() === 'saved', { message: 'saved' })

    await relay.close()
    await waitFor(() => client.status() !== 'saved', { message: 'the drop noticed' })
    const statuses = client.recordStatuses()
    store.put([note('offline', 'Skrevet uten server')])
    expect(docRecords(client.doc)).toHaveProperty(note('offline', '').id)
    // The provider keeps retrying the dead port; each failed attempt is a new socket.
    let attempts = 0
    client.provider.on('connection-close', () => attempts++)
    await waitFor(() => attempts >= 3 && client.status() === 'offline', { message: 'offline after failed retries' })
    expect(statuses).not.toContain('saved')
    expect(statuses.at(-1)).toBe('offline')
  })

  it('counts from 1 again on a new socket, and saves edits sent there', async () => {
    const relay = await server()
    const client = appClient(relay, newBoardId())
    const { store } = await client.bind()
    addDocumentAndPage(store)
    await waitFor(() => client.status() === 'saved', { message: 'saved' })

    client.provider.disconnect()
    expect(client.status()).not.toBe('saved')
    client.provider.connect()
    await waitFor(() => client.status() === 'saved', { message: 'saved on the new socket' })
    expect(updatesSent(client.provider)).toBe(1)
    store.put([note('again', 'På ny socket')])
    await waitFor(() => updatesSent(client.provider) === 2 && client.status() === 'saved', { message: 'the edit saved' })
  })

  it('shows an error when the relay refuses an update for good (board too large)', async () => {
    const relay = await server({ config: { maxDocumentBytes: 4096 } })
    const client = appClient(relay, newBoardId())
    await waitFor(() => client.status() === 'saved', { message: 'saved' })
    client.doc.getMap('meta').set('huge', 'x'.repeat(8192))
    await waitFor(() => client.status() === 'error', { message: 'the refusal shown' })
    expect(client.watch.$state.get().rejection).toBe(UpdateRejection.documentTooLarge)
  })

  it('goes read-only and stops reconnecting when the relay refuses the socket (4400–4499)', async () => {
    const relay = await server()
    const client = appClient(relay, 'not a board id!')
    await waitFor(() => client.status() === 'readonly', { message: 'read-only' })
    expect(client.watch.$state.get()).toMatchObject({
      readonlyCause: 'refused',
      refusal: { code: CloseCode.invalidRoom.code },
    })
    expect(client.provider.shouldConnect).toBe(false)
  })
})

/** Update-carrying messages sent on the provider's current socket (one of the watch's counting sockets). */
function updatesSent(provider: WebsocketProvider): number {
  return (provider.ws as CountingWebSocket | null)?.updatesSent ?? 0
}
