/**
 * A page left open while its peer restarts: it says the peer is not answering, reconnects by
 * itself when the peer is back on the same address (the API keeps its port, the token its
 * file), and shows what changed meanwhile without a reload. Real peer, headless Chromium.
 */
import { afterAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { removeDir, runCli, tempDataDir } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { chromiumMissingReason, launchChromium } from '../e2e/browser.ts'
import { ensureRendererBuilt } from '../e2e/renderer-build.ts'
import { startUiPeer, type UiPeer } from '../e2e/ui-peer.ts'

if (chromiumMissingReason) console.log(`SKIPPED page reconnect test: ${chromiumMissingReason}`)

describe.skipIf(chromiumMissingReason !== null)('the page reconnects when its peer comes back', () => {
  const dir = tempDataDir('cw-reconnect-')
  let peer: UiPeer | undefined
  let browser: Browser | undefined

  afterAll(async () => {
    await browser?.close()
    await peer?.stop()
    removeDir(dir)
  })

  it('stop the peer: the page says so; start it again: the page is back, with what changed meanwhile', async () => {
    await ensureRendererBuilt()
    peer = await startUiPeer(dir)
    await peer.api.rename({ name: 'Before Restart' })
    await peer.api.createSpace({ name: 'Garden Club' })
    browser = await launchChromium()
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(err.message))
    await page.goto(peer.ready.ui)
    const dot = page.getByTestId('connection')
    await waitFor('the page to show the peer connected, by name', async () => /Before Restart.*connected/.test(await dot.textContent() ?? ''), 20_000)
    expect(await page.getByTestId('offline-banner').count()).toBe(0)

    const port = new URL(peer.ready.api).port
    expect(await peer.stop()).toBe(0)
    await page.getByTestId('offline-banner').filter({ hasText: 'not answering' }).waitFor({ timeout: 10_000 })

    // Renamed while stopped: only a page that refetches on reconnect can show it.
    const renamed = await runCli(['init', '--name', 'After Restart', '--data', dir])
    expect(renamed.code, renamed.stderr).toBe(0)
    peer = await startUiPeer(dir)
    expect(new URL(peer.ready.api).port).toBe(port)

    await page.getByTestId('offline-banner').waitFor({ state: 'detached', timeout: 15_000 })
    await waitFor('the page to show the new name without a reload', async () => /After Restart/.test(await dot.textContent() ?? ''), 15_000)
    expect(await page.getByTestId('space-switcher').inputValue()).toBe('Garden Club')
    expect(errors).toEqual([])
  }, 180_000)
})
