import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ensureClientBuilt, repoRoot } from './clientBuild.ts'
import { startLocalPostgres, startLocalRedis } from './localServices.ts'

// `npm run start:cluster`: Samskap as it runs on several machines, on this one: Postgres and
// Redis (Debian's packages), three relay instances, and HAProxy in front of them on PORT
// (default 8080), configured by deploy/haproxy.cfg. The Postgres cluster is kept in
// data/cluster/postgres between runs. Ctrl+C stops everything.

const port = Number(process.env['PORT'] ?? 8080)
const relayPorts = [port + 1, port + 2, port + 3]
const publicUrl = process.env['PUBLIC_URL'] ?? `http://localhost:${port}`
const clusterDir = path.join(repoRoot, 'data', 'cluster')

if (spawnSync('haproxy', ['-v']).error !== undefined) {
  process.stderr.write('start:cluster needs HAProxy: apt-get install -y haproxy (and postgresql, redis-server).\n')
  process.exit(1)
}
ensureClientBuilt()
mkdirSync(clusterDir, { recursive: true })

const postgres = await startLocalPostgres({ dataDir: path.join(clusterDir, 'postgres'), port: port + 10, keep: true })
const redis = await startLocalRedis({ port: port + 11 })
const children: ChildProcess[] = []

const relays = relayPorts.map((relayPort, index) => {
  const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'node'), ['server/src/main.ts'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      PORT: String(relayPort),
      HOST: '127.0.0.1',
      PUBLIC_URL: publicUrl,
      DATABASE_URL: postgres.adminUrl,
      REDIS_URL: redis.url,
      INSTANCE_ID: `relay${index + 1}`,
      // Behind HAProxy on this machine: its X-Forwarded-For names the browser.
      TRUST_PROXY: 'loopback',
    },
  })
  children.push(child)
  return child
})

const config = readFileSync(path.join(repoRoot, 'deploy', 'haproxy.cfg'), 'utf8')
  .replaceAll('${SAMSKAP_BIND}', `:${port}`)
  .replaceAll('${SAMSKAP_RELAY1}', `127.0.0.1:${relayPorts[0]}`)
  .replaceAll('${SAMSKAP_RELAY2}', `127.0.0.1:${relayPorts[1]}`)
  .replaceAll('${SAMSKAP_RELAY3}', `127.0.0.1:${relayPorts[2]}`)
const configFile = path.join(clusterDir, 'haproxy.cfg')
writeFileSync(configFile, config)
const haproxy = spawn('haproxy', ['-f', configFile], { stdio: ['ignore', 'inherit', 'inherit'] })
children.push(haproxy)
process.stdout.write(
  `Samskap cluster: ${publicUrl} (HAProxy) → relays on ${relayPorts.join(', ')}; ` +
    `Postgres ${postgres.adminUrl}; Redis ${redis.url}. Ctrl+C stops it.\n`,
)

let stopping = false
async function stop(): Promise<void> {
  if (stopping) return
  stopping = true
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve()
          child.once('exit', () => resolve())
          child.kill('SIGTERM')
        }),
    ),
  )
  await redis.stop()
  await postgres.stop()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
for (const relay of relays) {
  relay.once('exit', (code) => {
    if (!stopping) process.stderr.write(`A relay instance exited (code ${code}); the others go on. Ctrl+C stops the cluster.\n`)
  })
}
