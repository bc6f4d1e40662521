import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'

/**
 * The plain-tldraw page of the Chromium bench, built like the Samskap client
 * (production build, React plugin, tldraw's assets self-hosted under
 * /tldraw-assets with the CDN fallback pointed there too), into ./dist.
 */
function selfHostedTldrawFallback(): Plugin {
  const cdn = '"https://cdn.tldraw.com"'
  return {
    name: 'bench:self-hosted-tldraw-fallback',
    transform(code, id) {
      if (!id.includes('@tldraw/editor') || !code.includes(cdn)) return null
      return { code: code.replaceAll(cdn, '"/tldraw-assets"'), map: null }
    },
  }
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react(), selfHostedTldrawFallback()],
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 8192,
  },
})
