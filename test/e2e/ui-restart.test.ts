/**
 * The page outlives its peer: when the peer stops, the open page says so in a banner and keeps
 * showing what it had; when the peer starts again on the same data directory, the page
 * reconnects by itself (no reload), the banner goes, and it follows new changes again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import type { SpaceId } from '../../shared/ids.ts'
import { removeDir, tempDataDir } from '../helpers/cli-peer.ts'
import { chromiumMissingReason, launchChromium } from './browser.ts'
import { ensureRendererBuilt } from './renderer-build.ts'
import { startUiPeer, type UiPeer } from './ui-peer.ts'
import { PageErrors, newContext, openApp, waitForText, waitHidden, waitVisible } from './ui-harness.ts'

if (chromiumMissingReason) console.log(`SKIPPED web UI end-to-end tests: ${chromiumMissingReason}`)

const resources = (page: Page): Locator => page.getByRole('list', { name: 'Resources' }).getByRole('listitem')

describe.skipIf(chromiumMissingReason !== null)('the page survives a restart of its peer', () => {
  const errors = new PageErrors()
  const dir = tempDataDir('cw-e2e-restart-')
  let browser: Browser
  let peer: UiPeer | undefined
  let page: Page
  let spaceId: SpaceId
  let args: string[]

  beforeAll(async () => {
    // First: a peer serves the UI only if the build is there when it starts.
    await ensureRendererBuilt()
    // No --api-port: a peer keeps its API's port across restarts by itself, so the open page's address stays right.
    args = ['--name', 'Ada']
    peer = await startUiPeer(dir, { args, timeoutMs: 40_000 })
    ;({ spaceId } = await peer.api.createSpace({ name: 'Tool Library' }))
    await peer.api.addResource({ spaceId, kind: 'tool', title: 'Ladder', tags: ['garden'] })
    browser = await launchChromium()
    page = await openApp(await newContext(browser), peer.ready.ui, 'Ada', errors)
    await waitForText(resources(page), (t) => t.includes('Ladder'), '“Ladder” on the board')
    await page.evaluate(() => { (window as unknown as { sameDocument: boolean }).sameDocument = true })
  }, 120_000)

  errors.checkAfterEach()

  afterAll(async () => {
    await browser?.close()
    await peer?.stop()
    removeDir(dir)
  })

  it('stopped, the peer is missed: a banner says so and the last state stays on screen', async () => {
    // While the peer is down the browser itself logs each refused reconnection attempt.
    errors.allow(/ERR_CONNECTION_REFUSED|WebSocket connection to .* failed/)
    expect(await peer!.stop()).toBe(0)
    const banner = page.getByTestId('offline-banner')
    const text = await waitForText(banner, (t) => t.length > 0, 'the offline banner once the peer stopped', 10_000)
    expect(text).toMatch(/not answering|reconnecting/i)
    expect(await resources(page).allTextContents(), 'what the page had is still shown').toEqual([expect.stringContaining('Ladder')])
  })

  it('started again on the same data directory, the page reconnects by itself and follows changes again', async () => {
    errors.allow(/ERR_CONNECTION_REFUSED|WebSocket connection to .* failed/)
    const before = peer!.ready.api
    peer = await startUiPeer(dir, { args, timeoutMs: 40_000 })
    expect(peer.ready.api, 'the restarted peer answers where the page looks for it').toBe(before)
    await waitHidden(page.getByTestId('offline-banner'), 'the banner to go once the peer is back')
    await waitVisible(page.getByTestId('connection'), 'the connection dot')
    await waitForText(resources(page), (t) => t.includes('Ladder'), '“Ladder” still on the board')
    // Not a stale picture: a resource added now reaches the page through the new event stream.
    await peer.api.addResource({ spaceId, kind: 'offer', title: 'Seedlings', tags: ['garden'] })
    await waitForText(resources(page), (t) => t.includes('Seedlings'), '“Seedlings”, added after the restart, on the open board')
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), 'the page was never reloaded').toBe(true)
  })
})
