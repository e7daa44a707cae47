/**
 * The Peers view when members meet through the community peer: Ada runs with no address of her
 * own (`--no-listen`, as behind a NAT), the hub is the community peer, and Bea joins Ada's
 * space with an invite that can only reach Ada through the hub's relay. Ada's page says she is
 * reachable through the hub, shows Bea's connection as relayed and the hub's as LAN; the hub's
 * own page says it is the community peer. Screenshots light and dark; axe finds nothing serious.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { StatusInfo } from '../../shared/api/peer-api.ts'
import { decodeInvite } from '../../shared/invite-code.ts'
import { removeDir, tempDataDir } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { chromiumMissingReason, launchChromium } from './browser.ts'
import { ensureRendererBuilt } from './renderer-build.ts'
import { startUiPeer, type UiPeer } from './ui-peer.ts'
import { PageErrors, goTo, newContext, openApp, view, waitForText } from './ui-harness.ts'
import { scanInto, shoot } from './ui-shots.ts'

if (chromiumMissingReason) console.log(`SKIPPED relay UI end-to-end test: ${chromiumMissingReason}`)

describe.skipIf(chromiumMissingReason !== null)('the Peers view with a community peer', () => {
  const dirs: string[] = []
  const peers: UiPeer[] = []
  const errors = new PageErrors()
  let browser: Browser
  let hub: UiPeer, ada: UiPeer, bea: UiPeer

  beforeAll(async () => {
    await ensureRendererBuilt()
    dirs.push(tempDataDir('cw-e2e-relay-hub-'), tempDataDir('cw-e2e-relay-ada-'), tempDataDir('cw-e2e-relay-bea-'))
    hub = await startUiPeer(dirs[0]!, { args: ['--name', 'Hilltop hub', '--community'], timeoutMs: 40_000 })
    peers.push(hub)
    const hubAddr = hub.ready.addrs.find((a) => a.startsWith('/ip4/127.0.0.1/tcp/') && !a.includes('/ws'))!
    ada = await startUiPeer(dirs[1]!, { args: ['--name', 'Ada', '--bootstrap', hubAddr], noListen: true, timeoutMs: 40_000 })
    peers.push(ada)
    bea = await startUiPeer(dirs[2]!, { args: ['--name', 'Bea'], timeoutMs: 40_000 })
    peers.push(bea)
    browser = await launchChromium()
  }, 120_000)

  errors.checkAfterEach()

  afterAll(async () => {
    await browser?.close()
    await Promise.all(peers.map((p) => p.stop()))
    for (const d of dirs) removeDir(d)
  })

  it('Bea joins Ada through the hub; Ada\'s page shows the relayed link and the hub\'s says what it is', async () => {
    await waitFor('Ada is connected to the hub', async () => (await ada.api.peers()).some((p) => p.peerId === hub.ready.peerId), 20_000, 200)
    const { spaceId } = await ada.api.createSpace({ name: 'Hilltop' })
    await hub.api.joinSpace({ code: (await ada.api.createInvite({ spaceId })).code })
    await waitFor('Ada holds a relay slot on the hub', async () => (await ada.api.status()).relay.via.length > 0, 30_000, 200)
    const code = (await ada.api.createInvite({ spaceId })).code
    const { addrs } = decodeInvite(code)
    expect(addrs.length).toBeGreaterThan(0)
    expect(addrs.every((a) => a.includes(`/p2p/${hub.ready.peerId}/p2p-circuit`))).toBe(true)
    await bea.api.joinSpace({ code, timeoutMs: 60_000 })
    const beaLink = (await ada.api.peers()).find((p) => p.peerId === bea.ready.peerId)
    expect(beaLink?.link).toBe('relay')

    const found: string[] = []
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openApp(await newContext(browser, { colorScheme: scheme, reducedMotion: 'reduce' }), ada.ready.ui, `Ada (${scheme})`, errors)
      await goTo(page, 'Peers and sync')
      const peersView = view(page, 'Peers and sync')
      await waitForText(peersView.getByTestId('relay-status'), (t) => t.includes('through the community peer Hilltop hub'), 'Ada reachable through the hub')
      await waitForText(peersView.getByRole('table').first(), (t) => t.includes('Bea') && t.includes('Relay') && t.includes('Hilltop hub') && t.includes('LAN'), 'Bea relayed and the hub on the LAN')
      await page.mouse.move(0, 799)
      await shoot(page, `peers-relay-${scheme}`)
      await scanInto(found, page, `the Peers view with a relayed member (${scheme})`)
      await page.context().close()
    }
    expect(found, found.join('\n\n')).toEqual([])

    const hubPage: Page = await openApp(await newContext(browser), hub.ready.ui, 'the hub', errors)
    await goTo(hubPage, 'Peers and sync')
    const status = (await hub.api.status()) as StatusInfo
    await waitForText(view(hubPage, 'Peers and sync').getByTestId('relay-status'),
      (t) => t.includes('This is the community peer') && t.includes(`${status.relay.slots} holding a relay slot`), 'the hub says it is the community peer')
    await hubPage.context().close()
  }, 180_000)
})
