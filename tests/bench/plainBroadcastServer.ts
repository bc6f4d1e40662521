/**
 * The physical floor of the relay bench: a `ws` server that forwards every
 * message to the other sockets on the same path, with no parsing, no Yjs and no
 * storage. Runs as its own process, like the relay, so both are measured alike.
 *
 *   PORT=0 node tests/bench/plainBroadcastServer.ts
 *   → "Plain broadcast server is running at http://127.0.0.1:<port>"
 */
import { createServer } from 'node:http'
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
      if (peer !== socket && peer.readyState === WebSocket.OPEN) peer.send(data, { binary: isBinary })
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
