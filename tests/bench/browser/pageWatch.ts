/** Problems the Chromium bench's pages show, collected for its report. */
import type { BrowserContext } from 'playwright-core'

/** Console errors, uncaught page errors and requests to other hosts, from every page of the contexts attached. */
export class PageWatch {
  readonly errors: string[] = []
  readonly foreign = new Set<string>()

  attach(context: BrowserContext): void {
    context.on('page', (page) => {
      page.on('pageerror', (error) => this.errors.push(`${page.url()}: ${error.message}`))
      page.on('console', (message) => {
        if (message.type() === 'error') this.errors.push(`${page.url()}: ${message.text()}`)
      })
    })
    context.on('request', (request) => {
      const url = new URL(request.url())
      if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:') && url.hostname !== '127.0.0.1') {
        this.foreign.add(url.origin)
      }
    })
  }
}
