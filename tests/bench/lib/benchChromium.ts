/** Debian's Chromium as every Chromium bench launches it: headless, no GPU, nothing fetched on its own. */
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

export const chromiumPath = '/usr/bin/chromium'

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** Launches Chromium, or says how to install it. */
export async function launchBenchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: install it with \`apt-get install -y chromium\``)
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true })
}
