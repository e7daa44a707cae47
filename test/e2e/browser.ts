/**
 * Headless Chromium for the end-to-end tests: the distribution's /usr/bin/chromium driven by
 * playwright-core (Playwright's own browser download is not available here). Where it is
 * missing, `chromiumMissingReason` says so, and tests skip with that reason printed.
 */
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM_PATH = '/usr/bin/chromium'

/** Why the browser tests cannot run here, or null when they can. */
export const chromiumMissingReason: string | null = existsSync(CHROMIUM_PATH)
  ? null
  : `${CHROMIUM_PATH} is not installed (apt-get install -y chromium)`

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
]

/** Launches headless Chromium; close it with `browser.close()`. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 })
}
