import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
// Where the server will look for it (CLIENT_DIST_DIR, as config.ts reads it; the build writes there too).
const builtIndex = path.join(process.env.CLIENT_DIST_DIR === undefined ? path.join(repoRoot, 'client', 'dist') : path.resolve(process.env.CLIENT_DIST_DIR), 'index.html')
/** What the client build is made from: when any of it is newer than the build, build again. */
const sources = ['client/src', 'client/public', 'client/index.html', 'client/vite.config.ts', 'shared/src', 'package-lock.json']

function newestChange(target: string): number {
  if (!existsSync(target)) return 0
  const stat = statSync(target)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestChange(path.join(target, entry)))
  return newest
}

/** Builds the web client when its build is missing or older than its sources; exits when the build fails. */
export function ensureClientBuilt(): void {
  const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0
  const sourcesChangedAt = Math.max(...sources.map((source) => newestChange(path.join(repoRoot, source))))
  if (builtAt !== 0 && sourcesChangedAt <= builtAt) return
  process.stdout.write(builtAt === 0 ? 'Building the web client…\n' : 'The client changed since the last build; rebuilding…\n')
  const build = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'node_modules', '.bin', 'vite'), 'build', '--config', 'client/vite.config.ts'],
    { cwd: repoRoot, stdio: 'inherit' },
  )
  if (build.status !== 0) {
    process.stderr.write('Building the web client failed (see above); not starting the server.\n')
    process.exit(build.status ?? 1)
  }
}
