import { createHash } from 'node:crypto'

// One stylesheet for the HTML export and the public page, inlined in a <style>
// element. It is allowed by its hash in the Content-Security-Policy instead of
// 'unsafe-inline', so that nothing else inline (styles or scripts) could run.
// Long unbroken words (URLs, pasted payloads) wrap instead of widening the page.

export const printCss = `
:root { color-scheme: light; }
body { font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #fff; margin: 0; }
.page { max-width: 48rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; overflow-wrap: anywhere; }
h1 { font-size: 1.8rem; line-height: 1.25; margin: 0.5rem 0 0.5rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.4rem; }
p, ul, dl { margin: 0 0 0.75rem; }
.municipality { font-size: 1.15rem; font-weight: 600; color: #333; margin-top: -0.25rem; }
.status { color: #444; font-style: italic; }
.lead { font-size: 1.15rem; line-height: 1.45; }
.warning { border: 2px solid #a40000; background: #fff4f4; color: #700; padding: 0.75rem; font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1rem; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
th, td { border: 1px solid #999; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #eee; }
tbody th { font-weight: normal; }
a { color: #0b4f9c; }
a:focus-visible { outline: 3px solid #0b4f9c; outline-offset: 2px; }
.site-header, .site-footer { border-bottom: 1px solid #ddd; }
.site-header .page, .site-footer .page { padding-top: 0.75rem; padding-bottom: 0.75rem; display: flex; gap: 1.5rem; flex-wrap: wrap; }
.site-footer { border-top: 1px solid #ddd; border-bottom: 0; margin-top: 2rem; padding-top: 1rem; color: #444; }
.downloads ul, .versions ul { padding-left: 1.25rem; }
ins { background: #dcf5dc; text-decoration: underline; }
del { background: #fbe0e0; text-decoration: line-through; }
.changes dd { white-space: pre-wrap; margin: 0 0 0.75rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@page { margin: 2cm; }
@media print {
  body { font-size: 11pt; }
  .page { max-width: none; padding: 0; }
  .site-header, .site-footer, .downloads, .versions, .changes { display: none; }
  h2, h3 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
}
`

/** The CSP source that allows exactly this stylesheet. */
export const printCssHash = `'sha256-${createHash('sha256').update(printCss).digest('base64')}'`

/**
 * The policy of the HTML export and the public page: no script at all, nothing
 * loaded from anywhere but the favicon, only this stylesheet, no forms, no framing.
 */
export const documentContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'none'",
  `style-src ${printCssHash}`,
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
