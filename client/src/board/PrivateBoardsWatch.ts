import type { TLNoteShape } from 'tldraw'
import type * as Y from 'yjs'
import { readBoardRecords } from '../../../shared/src/board/boardDoc.ts'
import { richTextToPlain } from '../../../shared/src/board/richText.ts'
import { MessageType } from '../../../shared/src/protocol/messages.ts'
import type { PrivateBoardList } from '../../../shared/src/schema/workshopApi.ts'
import { Observable } from '../app/Observable.ts'
import { BoardReplica } from './BoardReplica.ts'

/** A private note as a facilitator sees it in the list. */
export interface PrivateNoteText {
  id: string
  text: string
}

/** One participant's private board and the notes on it now. */
export interface PersonsPrivateNotes {
  personId: string
  boardId: string
  notes: PrivateNoteText[]
}

export interface PrivateBoardsView {
  /** In the order the boards were made. */
  people: PersonsPrivateNotes[]
  /** The list of boards has been loaded once. */
  loaded: boolean
}

export interface PrivateBoardsWatchOptions {
  stepId: string
  /** `GET /api/steps/:stepId/private-boards`. */
  list(stepId: string): Promise<PrivateBoardList>
  /** The relay's board socket URL (see syncServerUrl). */
  serverUrl: string
  WebSocket?: typeof WebSocket
  /** How often the list of boards is asked again: a participant's board is made when they first write privately. */
  refreshMs?: number
  setTimer?: (fn: () => void, ms: number) => () => void
}

const defaultSetTimer = (fn: () => void, ms: number) => {
  const handle = setTimeout(fn, ms)
  return () => clearTimeout(handle)
}

interface Watched {
  personId: string
  replica: BoardReplica
  stop(): void
}

/**
 * What a facilitator sees of a step's private writing: every participant's private board opened
 * watch-only (no presence, nothing written, nothing kept on the device), its notes read out as
 * they change. Private notes never enter the facilitator's own board: moving one there would
 * write it to the shared board before the reveal.
 */
export class PrivateBoardsWatch {
  readonly view = new Observable<PrivateBoardsView>({ people: [], loaded: false })
  private readonly options: PrivateBoardsWatchOptions
  private readonly setTimer: (fn: () => void, ms: number) => () => void
  private readonly watched = new Map<string, Watched>()
  private cancelRefresh: (() => void) | null = null
  private publishQueued = false
  private loaded = false
  private destroyed = false

  constructor(options: PrivateBoardsWatchOptions) {
    this.options = options
    this.setTimer = options.setTimer ?? defaultSetTimer
    void this.refresh()
  }

  destroy(): void {
    this.destroyed = true
    this.cancelRefresh?.()
    this.cancelRefresh = null
    for (const { stop, replica } of this.watched.values()) {
      stop()
      replica.destroy()
    }
    this.watched.clear()
  }

  private async refresh(): Promise<void> {
    try {
      const { boards } = await this.options.list(this.options.stepId)
      if (this.destroyed) return
      for (const { boardId, personId } of boards) {
        if (!this.watched.has(boardId)) this.watch(boardId, personId)
      }
      this.loaded = true
      this.publish()
    } catch (error) {
      console.warn('Samskap: could not list the private boards', error)
    }
    if (this.destroyed) return
    this.cancelRefresh = this.setTimer(() => void this.refresh(), this.options.refreshMs ?? 5_000)
  }

  private watch(boardId: string, personId: string): void {
    const replica = new BoardReplica({
      boardId,
      serverUrl: this.options.serverUrl,
      WebSocket: this.options.WebSocket ?? globalThis.WebSocket,
      persist: false,
      observe: true,
    })
    // The relay acknowledges the (empty) sync answer as it does every client's; nothing waits for it here.
    replica.provider.messageHandlers[MessageType.saveAck] = () => undefined
    replica.provider.messageHandlers[MessageType.updateRejected] = () => undefined
    const onUpdate = () => this.queuePublish()
    replica.doc.on('update', onUpdate)
    this.watched.set(boardId, { personId, replica, stop: () => replica.doc.off('update', onUpdate) })
    replica.connect()
  }

  /** Many updates arrive at once when a board syncs: read the boards once for them. */
  private queuePublish(): void {
    if (this.publishQueued) return
    this.publishQueued = true
    queueMicrotask(() => {
      this.publishQueued = false
      this.publish()
    })
  }

  private publish(): void {
    if (this.destroyed) return
    const people = [...this.watched].map(([boardId, { personId, replica }]) => ({ personId, boardId, notes: notesOn(replica.doc) }))
    this.view.set({ people, loaded: this.loaded })
  }
}

/** The notes of a private board, top to bottom, then left to right (as the reveal lays them out). */
export function notesOn(doc: Y.Doc): PrivateNoteText[] {
  return [...readBoardRecords(doc).values()]
    .filter((record): record is TLNoteShape => record.typeName === 'shape' && record.type === 'note')
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .map((note) => ({ id: note.id, text: richTextToPlain(note.props.richText) }))
}
