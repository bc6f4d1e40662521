import { FacilitationSnapshot } from '../../shared/src/schema/facilitation.ts'
import type { ApiAgent } from './auth.ts'
import { waitFor } from './waitFor.ts'

/** One Server-Sent Event as received. */
export interface ReceivedEvent {
  event: string
  data: string
}

/**
 * A workshop's event stream (`GET /api/workshops/:id/live`) read as a browser's EventSource reads
 * it, with the agent's cookies: every event is kept, in order, for the test to look at.
 */
export class WorkshopEventStream {
  readonly events: ReceivedEvent[] = []
  /** Set once the server ended the stream (or it failed). */
  ended = false
  status = 0
  readonly #abort = new AbortController()

  static async open(agent: ApiAgent, workshopId: string): Promise<WorkshopEventStream> {
    const stream = new WorkshopEventStream()
    const response = await fetch(new URL(`/api/workshops/${workshopId}/live`, agent.baseUrl), {
      headers: { accept: 'text/event-stream', cookie: agent.cookieHeader(), ...(agent.origin === null ? {} : { origin: agent.origin }) },
      signal: stream.#abort.signal,
    })
    stream.status = response.status
    if (response.body === null || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
      stream.ended = true
      stream.errorBody = await response.text()
      return stream
    }
    void stream.#read(response.body)
    return stream
  }

  /** The body of a refused request (not a stream). */
  errorBody = ''

  /** The facilitation snapshots received so far, each checked against the schema. */
  get snapshots(): FacilitationSnapshot[] {
    return this.events.filter(({ event }) => event === 'facilitation').map(({ data }) => FacilitationSnapshot.parse(JSON.parse(data)))
  }

  /** The newest snapshot, once there is one. */
  latest(): FacilitationSnapshot | undefined {
    return this.snapshots.at(-1)
  }

  /** Waits for a snapshot that satisfies `check`. */
  until(check: (snapshot: FacilitationSnapshot) => boolean, message = 'a snapshot that satisfies the check'): Promise<FacilitationSnapshot> {
    return waitFor(() => this.snapshots.find(check), { message })
  }

  close(): void {
    this.#abort.abort()
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder()
    let buffered = ''
    try {
      for await (const chunk of body) {
        buffered += decoder.decode(chunk, { stream: true })
        let end = buffered.indexOf('\n\n')
        while (end !== -1) {
          this.#parse(buffered.slice(0, end))
          buffered = buffered.slice(end + 2)
          end = buffered.indexOf('\n\n')
        }
      }
    } catch {
      // Aborted by close(), or the connection dropped: either way the stream is over.
    } finally {
      this.ended = true
    }
  }

  #parse(block: string): void {
    let event = 'message'
    const data: string[] = []
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice('event: '.length)
      else if (line.startsWith('data: ')) data.push(line.slice('data: '.length))
    }
    if (data.length > 0) this.events.push({ event, data: data.join('\n') })
  }
}
