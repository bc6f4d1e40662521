import react from '@vitejs/plugin-react'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib'
import { defineConfig, type Plugin, type ProxyOptions } from 'vite'

// The relay (Express + ws) serves the API, tldraw's assets and the board sockets; in
// development Vite serves the client and forwards everything else to it.
const relay = `http://127.0.0.1:${process.env.RELAY_PORT ?? 8080}`
const toRelay: ProxyOptions = { target: relay, changeOrigin: false }

/**
 * tldraw falls back to its CDN for any font, icon or translation it is not given a URL
 * for. We give it all of them (from /tldraw-assets), and point the fallback at our own
 * server too, so the bundle names no other host to load from.
 */
function selfHostedTldrawFallback(): Plugin {
  const cdn = '"https://cdn.tldraw.com"'
  return {
    name: 'samskap:self-hosted-tldraw-fallback',
    transform(code, id) {
      if (!id.includes('@tldraw/editor') || !code.includes(cdn)) return null
      return { code: code.replaceAll(cdn, '"/tldraw-assets"'), map: null }
    },
  }
}

/** The service worker's entry; it is built to a fixed name at the site root, so its scope is `/`. */
const serviceWorkerEntry = 'sw'
const serviceWorkerFile = 'sw.js'

/**
 * Fills in the service worker's `__SAMSKAP_APP_SHELL__` (client/src/offline/serviceWorker.ts):
 * the files to precache (index.html, every file of this build, the public files) and a build id
 * hashed from their contents, the worker's own code and the installed tldraw assets' version, so
 * any change gives a new worker with a new cache.
 */
function serviceWorkerAppShell(): Plugin {
  let publicDir = ''
  return {
    name: 'samskap:service-worker-app-shell',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const worker = bundle[serviceWorkerFile]
        if (worker?.type !== 'chunk') return this.error(`the service worker was not built to ${serviceWorkerFile}`)
        if (worker.imports.length > 0 || worker.dynamicImports.length > 0 || worker.exports.length > 0) {
          return this.error(`${serviceWorkerFile} must be self-contained: it runs as a classic script`)
        }
        const files = new Map<string, string | Uint8Array>()
        for (const output of Object.values(bundle)) {
          if (output.fileName === serviceWorkerFile || output.fileName.endsWith('.map')) continue
          files.set(`/${output.fileName}`, output.type === 'chunk' ? output.code : output.source)
        }
        for (const name of publicDir === '' ? [] : readdirSync(publicDir, { recursive: true, encoding: 'utf8' })) {
          const file = path.join(publicDir, name)
          if (statSync(file).isFile()) files.set(`/${name.split(path.sep).join('/')}`, readFileSync(file))
        }
        if (!files.has('/index.html')) return this.error('the build has no index.html to precache')
        const precache = [...files.keys()].sort()
        const hash = createHash('sha256').update(worker.code).update(tldrawAssetsVersion())
        for (const file of precache) hash.update(file).update(files.get(file) ?? '')
        const appShell = JSON.stringify({ buildId: hash.digest('hex').slice(0, 16), precache })
        if (!worker.code.includes('__SAMSKAP_APP_SHELL__')) return this.error('__SAMSKAP_APP_SHELL__ is missing from the worker')
        worker.code = `var __SAMSKAP_APP_SHELL__ = ${appShell};\n${worker.code}`
      },
    },
  }
}

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every script, style sheet and SVG of
 * the build's assets/, once, at build time; the server sends them to browsers that take them
 * (server/src/routes/precompressed.ts). The board's code is about a third of its size so.
 */
function precompressedAssets(): Plugin {
  const compressible = /\.(js|css|svg|json)$/
  return {
    name: 'samskap:precompressed-assets',
    apply: 'build',
    writeBundle(options, bundle) {
      const outDir = options.dir ?? ''
      for (const file of Object.keys(bundle)) {
        if (!file.startsWith('assets/') || !compressible.test(file)) continue
        const source = readFileSync(path.join(outDir, file))
        if (source.length < 1024) continue
        const brotli = brotliCompressSync(source, {
          params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: source.length },
        })
        writeFileSync(path.join(outDir, `${file}.br`), brotli)
        writeFileSync(path.join(outDir, `${file}.gz`), gzipSync(source, { level: 9 }))
      }
    },
  }
}

/** The module the board page loads its code from (client/src/components/board/loadBoardView.ts). */
const boardViewModule = path.join('src', 'components', 'board', 'BoardView.tsx')

/**
 * Starts loading the board's code (BoardView with tldraw and Yjs, about 500 kB compressed) as
 * index.html is parsed when the page opens on a board's address, instead of once the app's own
 * scripts have run: a small script of its own (scripts may come only from this origin) adds a
 * `modulepreload` for each of the board's chunks and a `preload` for its style sheet. The app's
 * `import()` of the board then finds them loaded and compiled. Other pages load none of it.
 */
function boardCodePreload(): Plugin {
  return {
    name: 'samskap:board-code-preload',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const chunks = new Map(Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [[output.fileName, output] as const] : [])))
        const board = [...chunks.values()].find((chunk) => chunk.facadeModuleId?.endsWith(boardViewModule) === true)
        const html = bundle['index.html']
        if (board === undefined || html?.type !== 'asset') return this.error('the build has no board chunk or no index.html')
        // The board's chunk and the chunks it imports, but not those every page loads anyway.
        const entryFiles = new Set<string>()
        const addStatic = (fileName: string, into: Set<string>) => {
          if (into.has(fileName)) return
          into.add(fileName)
          for (const imported of chunks.get(fileName)?.imports ?? []) addStatic(imported, into)
        }
        for (const chunk of chunks.values()) if (chunk.isEntry) addStatic(chunk.fileName, entryFiles)
        const boardFiles = new Set<string>()
        addStatic(board.fileName, boardFiles)
        const scripts = [...boardFiles].filter((file) => !entryFiles.has(file))
        const cssOf = (files: Iterable<string>) => [...files].flatMap((file) => [...(chunks.get(file)?.viteMetadata?.importedCss ?? [])])
        const entryStyles = new Set(cssOf(entryFiles))
        const styles = cssOf(scripts).filter((file) => !entryStyles.has(file))
        const links = [...scripts.map((file) => ['modulepreload', `/${file}`, '']), ...styles.map((file) => ['preload', `/${file}`, 'style'])]
        const source =
          '// Built by client/vite.config.ts (boardCodePreload): on a board\'s address, load the board\'s code now.\n' +
          `if (/^\\/board\\/[^/]+\\/?$/.test(location.pathname)) for (const [rel, href, as] of ${JSON.stringify(links)}) {\n` +
          // Fetched as the app fetches them (Vite's module scripts and style sheets are crossorigin), so they are the same.
          "  const link = document.createElement('link'); link.rel = rel; link.href = href; link.crossOrigin = ''; if (as) link.as = as; document.head.append(link)\n}\n"
        const fileName = this.getFileName(this.emitFile({ type: 'asset', name: 'boardPreload.js', source }))
        const tag = `<script async src="/${fileName}"></script>`
        html.source = String(html.source).replace('</head>', `  ${tag}\n  </head>`)
      },
    },
  }
}

function tldrawAssetsVersion(): string {
  const manifest = createRequire(import.meta.url).resolve('@tldraw/assets/package.json')
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }
  if (typeof version !== 'string') throw new Error(`${manifest} has no version`)
  return version
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // The board's preload goes before the service worker's list, which must hold its script.
  plugins: [react(), selfHostedTldrawFallback(), boardCodePreload(), serviceWorkerAppShell(), precompressedAssets()],
  build: {
    // CLIENT_DIST_DIR (as the server reads it) builds elsewhere, e.g. one build per checkout under test.
    outDir: process.env.CLIENT_DIST_DIR === undefined ? 'dist' : path.resolve(process.env.CLIENT_DIST_DIR),
    emptyOutDir: true,
    // tldraw is big by nature; it is loaded only on board pages.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        [serviceWorkerEntry]: fileURLToPath(new URL('src/offline/serviceWorker.ts', import.meta.url)),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === serviceWorkerEntry ? serviceWorkerFile : 'assets/[name]-[hash].js'),
      },
    },
  },
  server: {
    proxy: {
      '/api': toRelay,
      '/healthz': toRelay,
      '/readyz': toRelay,
      '/tldraw-assets': toRelay,
      '/sync': { ...toRelay, ws: true },
    },
    // shared/ lives next to client/.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
})
