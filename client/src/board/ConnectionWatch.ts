import * as decoding from 'lib0/decoding'
import { atom, computed, type Atom, type Signal } from 'tldraw'
import type { WebsocketProvider } from 'y-websocket'
import { MessageType, resendableRejections, UpdateRejection } from '../../../shared/src/protocol/messages.ts'
import {
  deriveConnectionStatus,
  type ConnectionFacts,
  type ConnectionStatus,
  type ReadonlyCause,
} from './connectionStatus.ts'
import { createCountingWebSocket, type CountingWebSocket, type CountingWebSocketClass } from './countingWebSocket.ts'

/** What the UI needs to know about a board's connection. */
export interface ConnectionState {
  status: ConnectionStatus
  readonlyCause: ReadonlyCause | null
  /** The close code and reason when the server refused this client (4400–4499: no retry). */
  refusal: { code: number; reason: string } | null
  /** A refusal this page could not get past (its copy of the board could not be put right). */
  rejection: UpdateRejection | null
  /** The store is bound to the board and can be shown. */
  ready: boolean
}

export interface ConnectionWatchOptions {
  /** Non-null when the binding refuses to write (board written by a newer Samskap). */
  readonlyReason: Signal<'newer-schema' | null>
  /** True while the editor holds edits not yet written to the board document (default: never). */
  unwrittenChanges?: Signal<boolean>
  WebSocket?: typeof WebSocket
  /** How long a dropped connection shows as "reconnecting" before "offline". */
  offlineAfterMs?: number
  /** Where `online`/`offline` events come from (default: window, when there is one). */
  network?: Pick<Window, 'addEventListener' | 'removeEventListener'> & { navigator: { onLine: boolean } }
  /**
   * Told when the relay refused an update for a reason sending it again will not fix (a change
   * that is not allowed): the page must rebuild its copy from the relay's (see BoardConnection).
   * Without it, the refusal shows as an error.
   */
  onRefused?: (refusal: Refusal) => void
  /**
   * Told when the relay closed the socket, before anything is shown; true when the page takes
   * care of it (a copy of the board older than the board is replaced), so it is no refusal.
   */
  onClosed?: (code: number) => boolean
}

/** A refused update: why, and the records whose changes were not allowed (none: the whole update). */
export interface Refusal {
  reason: UpdateRejection
  keys: string[]
}

type SocketFacts = Omit<ConnectionFacts, 'readonly' | 'unwrittenChanges'>

const maxResyncDelayMs = 30_000

/**
 * Follows one provider's connection and the relay's save acknowledgements, and derives
 * the {@link ConnectionState}. "Saved" means connected, synced, no edit waiting to be
 * written to the document, and every update-carrying message sent on the current socket
 * acknowledged by the relay (see messages.ts).
 */
export class ConnectionWatch {
  /** The provider's `WebSocketPolyfill`: counts the update-carrying messages of each socket. */
  readonly socketClass: CountingWebSocketClass
  readonly $state: Signal<Omit<ConnectionState, 'ready'>>

  private readonly $facts: Atom<SocketFacts> = atom('connectionFacts', {
    socket: 'connecting',
    synced: false,
    everSynced: false,
    updatesSent: 0,
    updatesHandled: 0,
    rejection: null,
    offline: false,
  })
  private readonly $refusal: Atom<ConnectionState['refusal']> = atom('refusal', null)
  private readonly offlineAfterMs: number
  private readonly network: ConnectionWatchOptions['network'] | undefined
  private readonly onRefused: ((refusal: Refusal) => void) | undefined
  private readonly onClosedHook: ((code: number) => boolean) | undefined
  /** Undo what attach() did to the current provider. */
  private readonly disposers: (() => void)[] = []
  private provider: WebsocketProvider | null = null
  private offlineTimer: ReturnType<typeof setTimeout> | null = null
  private resyncTimer: ReturnType<typeof setTimeout> | null = null
  private resyncAttempts = 0

  constructor({
    readonlyReason,
    unwrittenChanges,
    WebSocket: Base = globalThis.WebSocket,
    offlineAfterMs = 3000,
    network,
    onRefused,
    onClosed,
  }: ConnectionWatchOptions) {
    this.offlineAfterMs = offlineAfterMs
    this.onRefused = onRefused
    this.onClosedHook = onClosed
    this.network = network ?? (typeof window === 'undefined' ? undefined : window)
    // Counts belong to the socket of the provider followed now; another provider's (an old copy
    // still closing, say) are none of its business.
    this.socketClass = createCountingWebSocket(
      {
        onCreated: () => undefined,
        onUpdateSent: (socket) => {
          if (socket === this.currentSocket()) this.patch({ updatesSent: socket.updatesSent })
        },
      },
      Base,
    )
    this.$state = computed('connectionState', () => {
      const refusal = this.$refusal.get()
      const readonly = readonlyReason.get() ?? (refusal === null ? null : 'refused')
      const facts = this.$facts.get()
      return {
        status: deriveConnectionStatus({ ...facts, readonly, unwrittenChanges: unwrittenChanges?.get() ?? false }),
        readonlyCause: readonly,
        refusal,
        rejection: facts.rejection,
      }
    })
  }

  /**
   * Starts following `provider` (before it connects), instead of the one it followed before
   * (a page that rebuilt its copy of the board follows the new copy's provider).
   */
  attach(provider: WebsocketProvider): void {
    this.detach()
    this.provider = provider
    provider.messageHandlers[MessageType.saveAck] = (_encoder, decoder, from) => this.handleAck(decoder, from)
    provider.messageHandlers[MessageType.updateRejected] = (_encoder, decoder, from) =>
      this.handleRejection(decoder, from)

    const onStatus = ({ status }: { status: SocketFacts['socket'] }) => {
      // The provider has just made a new socket when it says 'connecting': its counts start at 0.
      const fresh = status === 'connecting' ? { updatesSent: 0, updatesHandled: 0, rejection: null } : {}
      this.patch({ socket: status, ...fresh, ...(status === 'connected' ? {} : { synced: false }) })
      this.startOfflineTimer()
    }
    const onSync = (synced: boolean) => {
      this.patch(synced ? { synced, everSynced: true, offline: false } : { synced })
      if (synced) this.stopOfflineTimer()
      else this.startOfflineTimer()
    }
    const onClosed = ({ code, reason }: { code: number; reason: string }) => {
      if (this.onClosedHook?.(code) !== true) this.$refusal.set({ code, reason })
    }
    provider.on('status', onStatus)
    provider.on('sync', onSync)
    provider.on('closed', onClosed)
    this.disposers.push(() => {
      provider.off('status', onStatus)
      provider.off('sync', onSync)
      provider.off('closed', onClosed)
      // A provider still open somewhere would log every message it has no handler for.
      provider.messageHandlers[MessageType.saveAck] = () => undefined
      provider.messageHandlers[MessageType.updateRejected] = () => undefined
    })
    // A new provider's socket starts its counts afresh.
    const socket = provider.ws as CountingWebSocket | null
    this.patch({
      synced: provider.synced,
      socket: provider.wsconnected ? 'connected' : 'connecting',
      updatesSent: socket?.updatesSent ?? 0,
      updatesHandled: 0,
    })

    const network = this.network
    if (network !== undefined) {
      const onOffline = () => {
        this.patch({ offline: true })
        // An open socket can outlive the network by up to 30 s; start over so the status
        // and the provider's retries reflect the network now.
        if (provider.wsconnected) {
          provider.disconnect()
          provider.connect()
        }
      }
      const onOnline = () => this.startOfflineTimer()
      network.addEventListener('offline', onOffline)
      network.addEventListener('online', onOnline)
      this.disposers.push(() => {
        network.removeEventListener('offline', onOffline)
        network.removeEventListener('online', onOnline)
      })
      if (!network.navigator.onLine) this.patch({ offline: true })
    }
    this.startOfflineTimer()
  }

  /** Stops following the current provider. */
  detach(): void {
    if (this.resyncTimer !== null) clearTimeout(this.resyncTimer)
    this.resyncTimer = null
    for (const dispose of this.disposers.splice(0)) dispose()
    this.provider = null
  }

  /** Shows (or clears) a refusal the page could not get past. */
  markStuck(reason: UpdateRejection | null): void {
    this.patch({ rejection: reason })
  }

  destroy(): void {
    this.stopOfflineTimer()
    this.detach()
  }

  /** The socket of the provider followed now, whose messages are counted. */
  private currentSocket(): CountingWebSocket | null {
    return (this.provider?.ws as CountingWebSocket | null | undefined) ?? null
  }

  private patch(change: Partial<SocketFacts>): void {
    this.$facts.update((facts) => ({ ...facts, ...change }))
  }

  /** After a while without a synced connection, "reconnecting" becomes "offline". */
  private startOfflineTimer(): void {
    const facts = this.$facts.get()
    if (this.offlineTimer !== null || (facts.socket === 'connected' && facts.synced)) return
    this.offlineTimer = setTimeout(() => {
      this.offlineTimer = null
      const now = this.$facts.get()
      if (!(now.socket === 'connected' && now.synced)) this.patch({ offline: true })
    }, this.offlineAfterMs)
  }

  private stopOfflineTimer(): void {
    if (this.offlineTimer !== null) clearTimeout(this.offlineTimer)
    this.offlineTimer = null
  }

  /** `[100, varuint n]`: everything up to the n-th update message of this socket is stored. */
  private handleAck(decoder: decoding.Decoder, from: WebsocketProvider): void {
    const sequence = readSequence(decoder)
    if (sequence === null || from.ws !== this.currentSocket()) return
    this.markHandled(sequence)
    const facts = this.$facts.get()
    if (facts.rejection === null && facts.updatesHandled >= facts.updatesSent) this.resyncAttempts = 0
  }

  /** `[101, varuint n, varuint reason, varuint count, varstring key…]`: the n-th update message was refused and not stored. */
  private handleRejection(decoder: decoding.Decoder, from: WebsocketProvider): void {
    const sequence = readSequence(decoder)
    const reason = readSequence(decoder) as UpdateRejection | null
    if (sequence === null || reason === null || from.ws !== this.currentSocket()) return
    this.markHandled(sequence)
    if (resendableRejections.has(reason)) this.resync()
    else if (this.onRefused !== undefined) this.onRefused({ reason, keys: readKeys(decoder) })
    else this.patch({ rejection: reason })
  }

  private markHandled(sequence: number): void {
    const facts = this.$facts.get()
    if (sequence > facts.updatesHandled) this.patch({ updatesHandled: sequence })
  }

  /**
   * Reconnects after a backoff: the relay's sync step 1 on the new socket makes the
   * provider send everything the relay is missing, including the refused update.
   */
  private resync(): void {
    const provider = this.provider
    if (provider === null || this.resyncTimer !== null) return
    provider.disconnect()
    const delay = Math.min(1000 * 2 ** this.resyncAttempts, maxResyncDelayMs)
    this.resyncAttempts++
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = null
      provider.connect()
    }, delay)
  }
}

/** The refused records' keys at the end of an updateRejected message (none from older servers). */
function readKeys(decoder: decoding.Decoder): string[] {
  const keys: string[] = []
  try {
    const count = decoding.hasContent(decoder) ? decoding.readVarUint(decoder) : 0
    for (let index = 0; index < count; index++) keys.push(decoding.readVarString(decoder))
  } catch {
    // A cut-short list names what it can.
  }
  return keys
}

/** Reads one varuint, or null when the message is cut short. */
function readSequence(decoder: decoding.Decoder): number | null {
  try {
    return decoding.hasContent(decoder) ? decoding.readVarUint(decoder) : null
  } catch {
    return null
  }
}
