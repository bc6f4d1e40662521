/**
 * The physical floor of the relay bench: a `ws` server that forwards every
 * message to the other sockets on the same path, with no parsing, no Yjs and no
 * storage. Runs as its own process, like the relay, so both are measured alike.
 * Like the relay, it holds a socket's writes until the end of the event loop's
 * turn, so the frames forwarded in one turn leave in one system call per socket
 * instead of one each: the cheapest a forwarder can be on this machine.
 *
 *   PORT=0 node tests/bench/plainBroadcastServer.ts
 *   → "Plain broadcast server is running at http://127.0.0.1:<port>"
 */
import { createServer } from 'node:http'
import { Socket } from 'node:net'
import { WebSocket, WebSocketServer, type RawData } from 'ws'

const port = Number(process.env.PORT ?? '0')
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer 0–65535, got ${process.env.PORT}`)
  process.exit(1)
}

const httpServer = createServer((_request, response) => {
  response.writeHead(404).end()
})
const wss = new WebSocketServer({ server: httpServer, perMessageDeflate: false, maxPayload: 2 * 1024 * 1024 })
const rooms = new Map<string, Set<WebSocket>>()
/** Sockets whose writes are held until the end of this turn. */
const corked = new Set<Socket>()

function uncorkAll(): void {
  for (const socket of corked) socket.uncork()
  corked.clear()
}

function forward(peer: WebSocket, data: RawData, isBinary: boolean): void {
  // ws keeps its net.Socket in `_socket`; cork() there holds the frame and its header alike.
  const raw = (peer as unknown as { _socket?: unknown })._socket
  if (raw instanceof Socket && !corked.has(raw)) {
    if (corked.size === 0) setImmediate(uncorkAll)
    raw.cork()
    corked.add(raw)
  }
  peer.send(data, { binary: isBinary })
}

wss.on('connection', (socket, request) => {
  const path = request.url ?? '/'
  let room = rooms.get(path)
  if (room === undefined) {
    room = new Set()
    rooms.set(path, room)
  }
  const peers = room
  peers.add(socket)
  socket.on('message', (data: RawData, isBinary: boolean) => {
    for (const peer of peers) {
      if (peer !== socket && peer.readyState === WebSocket.OPEN) forward(peer, data, isBinary)
    }
  })
  socket.on('error', () => socket.terminate())
  socket.on('close', () => {
    peers.delete(socket)
    if (peers.size === 0) rooms.delete(path)
  })
})

httpServer.listen(port, '127.0.0.1', () => {
  const address = httpServer.address()
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  console.log(`Plain broadcast server is running at http://127.0.0.1:${address.port}`)
})

const shutdown = (): void => {
  for (const socket of wss.clients) socket.terminate()
  wss.close()
  httpServer.close(() => process.exit(0))
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
