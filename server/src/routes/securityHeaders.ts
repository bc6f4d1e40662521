import type { RequestHandler } from 'express'
import helmet from 'helmet'

/**
 * Security headers for everything the server sends, with a self-only
 * Content-Security-Policy. tldraw needs inline styles, data:/blob: images,
 * blob: media and blob: workers; the board socket is same-origin ('self' covers
 * ws:/wss: to the same host); frames only from the allowed embed hosts. No upgrade-insecure-requests: a workshop on a
 * local network is served over plain http.
 */
export function securityHeaders(embedHosts: readonly string[] = []): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        // data: because tldraw's SVG/PNG export inlines our own self-hosted fonts as data: URLs
        // while it draws the image in the page; no font is fetched from another host.
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // Embeds only from the hosts the deployment allows (EMBED_HOSTS); the relay refuses others.
        frameSrc: ["'self'", ...embedHosts.map((host) => `https://${host}`)],
        workerSrc: ["'self'", 'blob:'],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
    referrerPolicy: { policy: 'no-referrer' },
  })
}

/** For uploaded files opened directly: no scripts, no plugins, nothing loaded, in a sandbox. */
export const assetContentSecurityPolicy = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox"
