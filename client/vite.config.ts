import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
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

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), selfHostedTldrawFallback()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // tldraw is big by nature; it is loaded only on board pages.
    chunkSizeWarningLimit: 4096,
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
