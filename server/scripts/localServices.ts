import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

// Throwaway Postgres and Redis servers on loopback ports, in a temporary folder, for the tests
// and for `npm run start:cluster`. They use Debian's packages (postgresql, redis-server); nothing
// is downloaded. Postgres refuses to run as root, so as root its commands run as `postgres`.

const run = promisify(execFile)

export interface LocalPostgres {
  /** A superuser URL of the cluster's `postgres` database. */
  adminUrl: string
  port: number
  /** Folder of the cluster's files. */
  dataDir: string
  /** Stops the server at once (no checkpoint: it is thrown away) and removes its folder. */
  stop(): Promise<void>
}

export interface LocalRedis {
  url: string
  port: number
  process: ChildProcess
  stop(): Promise<void>
}

/** Where Debian puts the newest installed Postgres' programs (initdb and pg_ctl are not on PATH there). */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql'
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a))
    for (const version of versions) {
      const bin = join(root, version, 'bin')
      if (existsSync(join(bin, 'initdb'))) return bin
    }
  }
  throw new Error('Postgres is not installed: apt-get install -y postgresql (its programs go to /usr/lib/postgresql/<version>/bin).')
}

/** A free loopback port (the OS picks it; it is free again the moment this resolves, and taken soon after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

const runningAsRoot = userInfo().uid === 0

/** Runs a Postgres program, as the `postgres` user when we are root. */
async function asPostgres(program: string, args: readonly string[]): Promise<void> {
  const command = runningAsRoot ? 'runuser' : program
  const fullArgs = runningAsRoot ? ['-u', 'postgres', '--', program, ...args] : [...args]
  await run(command, fullArgs, { maxBuffer: 16 * 1024 * 1024 })
}

/**
 * Starts a Postgres cluster on a loopback port (a fresh one in a temporary folder by default), with `synchronous_commit=on` and fsync as in
 * production (acknowledged means committed, here too). Trust authentication on loopback only.
 */
export async function startLocalPostgres(options: { port?: number; dataDir?: string; keep?: boolean } = {}): Promise<LocalPostgres> {
  const bin = postgresBinDir()
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'samskap-pg-'))
  mkdirSync(dataDir, { recursive: true })
  if (runningAsRoot) {
    const postgresUser = await run('id', ['-u', 'postgres']).then((out) => Number(out.stdout.trim()))
    const postgresGroup = await run('id', ['-g', 'postgres']).then((out) => Number(out.stdout.trim()))
    chownSync(dataDir, postgresUser, postgresGroup)
  }
  chmodSync(dataDir, 0o700)
  // A folder that holds a cluster already (start:cluster's, kept between runs) is started as it is.
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await asPostgres(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions'])
  for (let attempt = 0; ; attempt++) {
    const port = options.port ?? (await freePort())
    const serverOptions = [
      `-p ${port}`,
      `-k ${dataDir}`,
      "-c listen_addresses='127.0.0.1'",
      '-c synchronous_commit=on',
      '-c fsync=on',
      '-c max_connections=200',
    ].join(' ')
    try {
      await asPostgres(join(bin, 'pg_ctl'), ['-D', dataDir, '-o', serverOptions, '-l', join(dataDir, 'server.log'), '-w', '-t', '120', 'start'])
    } catch (error) {
      // Another process took the port between freePort() and the start: try another.
      if (attempt < 3 && options.port === undefined) continue
      rmSync(dataDir, { recursive: true, force: true })
      throw error
    }
    return {
      adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
      port,
      dataDir,
      stop: async () => {
        // A kept cluster stops cleanly (a checkpoint); a throwaway one at once, and is removed.
        const mode = options.keep === true ? 'fast' : 'immediate'
        await asPostgres(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', mode, '-w', 'stop']).catch(() => undefined)
        if (options.keep !== true) rmSync(dataDir, { recursive: true, force: true })
      },
    }
  }
}

/** Starts redis-server on a loopback port without persistence: it only carries messages and counters. */
export async function startLocalRedis(options: { port?: number } = {}): Promise<LocalRedis> {
  for (let attempt = 0; ; attempt++) {
    const port = options.port ?? (await freePort())
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const ready = await new Promise<boolean>((resolve, reject) => {
      let output = ''
      child.once('error', (error) =>
        reject(new Error(`redis-server could not start (apt-get install -y redis-server): ${error.message}`)),
      )
      child.once('exit', () => resolve(false))
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('Ready to accept connections')) resolve(true)
      })
    })
    if (!ready) {
      if (attempt < 3 && options.port === undefined) continue
      throw new Error(`redis-server exited on port ${port}`)
    }
    child.stdout.resume()
    child.stderr.resume()
    return {
      url: `redis://127.0.0.1:${port}`,
      port,
      process: child,
      stop: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve()
          child.once('exit', () => resolve())
          child.kill('SIGKILL')
        }),
    }
  }
}
