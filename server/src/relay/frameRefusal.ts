import type { Socket } from 'node:net'
import type { WebSocket } from 'ws'
import { rawSocket } from './connection.ts'

/**
 * Stops reading a socket whose frames ws has refused (a frame, or a fragmented message's running
 * total, over MAX_FRAME_BYTES: close 1009; or any other protocol error), and cuts it `graceMs`
 * later unless the peer has closed by then.
 *
 * ws refuses such a frame as soon as its header is read and sends the close frame, but then goes
 * on reading, and discarding, whatever arrives while it waits for the peer's close frame. A peer
 * that sends a 60 MiB frame in one go has the whole of it in flight before its own close frame,
 * so the server read all 60 MiB, and its resident memory grew by some 38 MB of discarded reads.
 * Paused, the socket reads nothing more: TCP's window closes and the rest stays with the sender.
 * The grace lets the close frame reach the peer and be read before the cut: cut at once, the
 * socket would answer the unread bytes with a reset, and a peer busy sending may see 1006 instead.
 */
export function stopReadingWhenRefused(ws: WebSocket, graceMs: number): void {
  ws.once('error', () => {
    const socket = rawSocket(ws)
    if (socket === undefined) return
    // ws resumes the socket on the next tick to drain it (it emits 'error' after scheduling that):
    // pausing on a later tick stops the reading it would start.
    process.nextTick(() => stopReading(socket, graceMs))
  })
}

function stopReading(socket: Socket, graceMs: number): void {
  if (socket.destroyed) return
  socket.pause()
  // Whatever resumes it later (closing a held connection does) finds it paused again at once.
  socket.on('resume', () => socket.pause())
  const cut = setTimeout(() => socket.destroy(), graceMs)
  cut.unref()
  socket.once('close', () => clearTimeout(cut))
}
