/**
 * The Chromium bench needs two production builds: the Samskap client (which
 * the relay serves from client/dist, or CLIENT_DIST_DIR) and the plain-tldraw page. Each is built
 * when its output is missing or older than its sources.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { nodeBinary, repoRoot } from './childProcesses.ts'

function newestMtime(dir: string, skip: ReadonlySet<string>): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full, skip) : statSync(full).mtimeMs)
  }
  return newest
}

function runVite(config: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(nodeBinary, [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--config', config], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.once('error', reject)
    child.once('exit', (code) => {
      if (code === 0) resolve()
      else reject(new Error(`vite build --config ${config} failed (code ${code}):\n${output.slice(-4000)}`))
    })
  })
}

export interface BuildResult {
  name: string
  built: boolean
  ms: number
}

/** Builds with Vite when `outDir/index.html` is missing or older than any file under `sourceDirs`. */
async function buildIfStale(name: string, config: string, outDir: string, sourceDirs: string[]): Promise<BuildResult> {
  const start = performance.now()
  const index = path.join(outDir, 'index.html')
  const skip = new Set(['dist', 'node_modules'])
  const sourcesChanged = sourceDirs.reduce((newest, dir) => Math.max(newest, newestMtime(dir, skip)), 0)
  if (existsSync(index) && statSync(index).mtimeMs >= sourcesChanged) return { name, built: false, ms: 0 }
  await runVite(config)
  return { name, built: true, ms: performance.now() - start }
}

/** The client's build folder as the relay reads it (CLIENT_DIST_DIR, else client/dist); Vite writes there too. */
export function clientDistDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env['CLIENT_DIST_DIR']
  return dir === undefined || dir === '' ? path.join(repoRoot, 'client/dist') : path.resolve(dir)
}

export function buildClientIfStale(): Promise<BuildResult> {
  return buildIfStale('client', path.join(repoRoot, 'client/vite.config.ts'), clientDistDir(), [
    path.join(repoRoot, 'client'),
    path.join(repoRoot, 'shared/src'),
  ])
}

export function buildPlainTldrawIfStale(): Promise<BuildResult> {
  return buildIfStale(
    'plain tldraw page',
    path.join(repoRoot, 'tests/bench/plain/vite.config.ts'),
    path.join(repoRoot, 'tests/bench/plain/dist'),
    [path.join(repoRoot, 'tests/bench/plain')],
  )
}
