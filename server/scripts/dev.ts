import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// `npm run dev`: the relay on PORT (default 8080, restarted when server code changes) and Vite's dev
// server with hot reload, which proxies /api, /sync, /tldraw-assets and /healthz to the relay.

const root = fileURLToPath(new URL('../../', import.meta.url))
const relayPort = process.env['PORT'] ?? '8080'
const relayEnv = {
  ...process.env,
  PORT: relayPort,
  HOST: process.env['HOST'] ?? '127.0.0.1',
  // Pages come from Vite's origin, and may be opened on the relay's own port too. ALLOWED_ORIGINS, once set,
  // is the whole list (the Host header is not trusted then), so both are listed.
  ALLOWED_ORIGINS:
    process.env['ALLOWED_ORIGINS'] ??
    ['http://localhost:5173', 'http://127.0.0.1:5173', `http://localhost:${relayPort}`, `http://127.0.0.1:${relayPort}`].join(','),
}

const children: ChildProcess[] = [
  spawn(process.execPath, ['--watch-path=server/src', '--watch-path=shared/src', 'server/src/main.ts'], {
    cwd: root,
    env: relayEnv,
    stdio: 'inherit',
  }),
  spawn(process.execPath, [path.join(root, 'node_modules', '.bin', 'vite'), '--config', 'client/vite.config.ts'], {
    cwd: root,
    // client/vite.config.ts proxies to the relay on RELAY_PORT.
    env: { ...process.env, RELAY_PORT: relayPort },
    stdio: 'inherit',
  }),
]

let exiting = false
function stopAll(signal: NodeJS.Signals, exitCode: number): void {
  if (exiting) return
  exiting = true
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill(signal)
  Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode === null && child.signalCode === null ? child.once('exit', resolve) : resolve(null))))).then(
    () => process.exit(exitCode),
    () => process.exit(1),
  )
}

for (const child of children) {
  child.once('exit', (code) => stopAll('SIGTERM', code ?? 1))
}
process.on('SIGINT', () => stopAll('SIGINT', 0))
process.on('SIGTERM', () => stopAll('SIGTERM', 0))
