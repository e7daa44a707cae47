/**
 * Onboarding, Peers and sync, and Settings as a person uses them, in headless Chromium against
 * real peers on loopback: choosing a name first, joining by a QR code read from a picture, who
 * is connected (by name, LAN), renaming, the theme, a grant accepted by code, a space exported
 * to a file and imported back, and what the peers view says when nobody is connected.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import QRCode from 'qrcode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { removeDir, startCliPeer, tempDataDir, type CliPeer } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { chromiumMissingReason, launchChromium } from '../e2e/browser.ts'
import { ensureRendererBuilt } from '../e2e/renderer-build.ts'
import { startUiPeer, type UiPeer } from '../e2e/ui-peer.ts'

if (chromiumMissingReason) console.log(`SKIPPED settings and peers UI tests: ${chromiumMissingReason}`)

const LOOPBACK = ['--no-mdns', '--listen', '/ip4/127.0.0.1/tcp/0']
/** A 1×1 PNG: a picture with no QR code in it. */
const BLANK_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

describe.skipIf(chromiumMissingReason !== null)('onboarding, peers and settings in the browser', () => {
  const dirs: string[] = []
  let ana: UiPeer
  let bea: CliPeer
  let cai: CliPeer
  let browser: Browser
  let page: Page
  const pageErrors: string[] = []
  const headerName = async (): Promise<string> => (await page.getByTestId('connection').textContent()) ?? ''
  const toast = (text: RegExp) => page.locator('.mantine-Notification-root').filter({ hasText: text })

  beforeAll(async () => {
    await ensureRendererBuilt()
    for (let i = 0; i < 4; i++) dirs.push(tempDataDir('cw-set-ui-'))
    ;[ana, bea, cai] = await Promise.all([startUiPeer(dirs[0]!), startCliPeer(dirs[1]!, LOOPBACK), startCliPeer(dirs[2]!, LOOPBACK)])
    await bea.api.rename({ name: 'Bea Okafor' })
    browser = await launchChromium()
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' })).newPage()
    page.on('pageerror', (err) => pageErrors.push(err.message))
    await page.goto(ana.ready.ui)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await Promise.all([ana?.stop(), bea?.stop(), cai?.stop()])
    for (const d of dirs) removeDir(d)
  })

  it('first run asks for a name (prefilled), reads an invite from a QR picture, and joins under the chosen name', async () => {
    const yourName = page.getByRole('textbox', { name: 'Your name' })
    await waitFor('the name field prefilled with the default name', async () => (await yourName.inputValue()) === 'Commonweave member', 15_000)
    await yourName.fill('Ana Lima')

    const space = await bea.api.createSpace({ name: 'Tool Library' })
    const { code } = await bea.api.createInvite({ spaceId: space.spaceId })
    const qr = join(dirs[3]!, 'invite.png')
    await QRCode.toFile(qr, code, { width: 400 })
    const blank = join(dirs[3]!, 'blank.png')
    writeFileSync(blank, Buffer.from(BLANK_PNG, 'base64'))

    await page.getByLabel('Scan a QR code from a picture').setInputFiles(blank)
    await page.getByRole('alert').filter({ hasText: 'No QR code was found' }).waitFor({ timeout: 10_000 })
    await page.getByLabel('Scan a QR code from a picture').setInputFiles(qr)
    await waitFor('the code field to hold the scanned invite', async () => (await page.getByLabel('Join with a code').inputValue()) === code, 10_000)

    await page.getByRole('button', { name: 'Join', exact: true }).click()
    await waitFor('the app frame with the joined space', async () => (await page.getByTestId('connection').count()) > 0 && /Ana Lima/.test(await headerName()), 40_000)
    expect((await ana.api.status()).name).toBe('Ana Lima')
    expect((await ana.api.listSpaces()).map((s) => s.name)).toEqual(['Tool Library'])
  }, 90_000)

  it('Peers and sync names who is connected, how, and the spaces shared', async () => {
    await page.getByRole('button', { name: 'Peers and sync' }).click()
    const table = page.getByRole('table', { name: 'Connected peers' })
    const row = table.getByRole('row').filter({ hasText: 'Bea Okafor' })
    await row.waitFor({ timeout: 15_000 })
    expect(await row.textContent()).toMatch(/LAN/)
    await waitFor('the shared space in Bea’s row', async () => /Tool Library/.test(await row.textContent() ?? ''), 10_000)
    expect(await table.textContent(), 'no raw key shown for a named peer').not.toMatch(/did:key:/)
    const sync = page.getByRole('table', { name: 'Sync by space' })
    expect(await sync.getByRole('row').filter({ hasText: 'Tool Library' }).textContent()).toMatch(/Syncing/)
  })

  it('Settings: a new name reaches the header and the peer; the key is shown to copy; the theme switches', async () => {
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByRole('textbox', { name: 'Your name' }).fill('Ana L.')
    await page.getByRole('button', { name: 'Save name' }).click()
    await waitFor('the header to show the new name', async () => /Ana L\./.test(await headerName()), 10_000)
    expect((await ana.api.status()).name).toBe('Ana L.')
    expect(await page.getByTestId('your-key').textContent()).toBe(ana.ready.did)
    expect(await page.getByRole('button', { name: 'Copy your key' }).isEnabled()).toBe(true)
    expect(await page.getByTestId('data-dir').textContent()).toBe(ana.dataDir)

    const scheme = () => page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'))
    expect(await scheme()).toBe('light')
    await page.getByRole('radiogroup', { name: 'Theme' }).getByText('Dark').click()
    await waitFor('the page to turn dark', async () => (await scheme()) === 'dark')
    await page.getByRole('radiogroup', { name: 'Theme' }).getByText('System').click()
    await waitFor('the page to follow the system (light here) again', async () => (await scheme()) === 'light')
  })

  it('a grant code pasted in Settings opens the space as a guest, in the switcher', async () => {
    const seeds = await cai.api.createSpace({ name: 'Seed Bank' })
    const { code } = await cai.api.createGrant({ spaceId: seeds.spaceId, to: ana.ready.did as never, cmd: 'read', docs: ['resources'], purpose: 'matching' })
    await page.getByLabel('Grant code').fill(code)
    await page.getByRole('button', { name: 'Accept', exact: true }).click()
    await toast(/Seed Bank/).waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('space-switcher').inputValue()).toBe('Seed Bank (guest)')
  }, 40_000)

  it('a space exported to a file and imported back, with words for how it went', async () => {
    const file = join(dirs[3]!, 'exports', 'tool-library.cwexport')
    // Mantine's Select is a combobox (a textbox in older versions)
    await page.getByRole('combobox', { name: 'Space to export' }).or(page.getByRole('textbox', { name: 'Space to export' })).first().click()
    await page.getByRole('option', { name: 'Tool Library' }).click()
    expect(await page.getByLabel('Export to file').inputValue()).toMatch(/commonweave-exports[\\/]tool-library-\d{4}-\d{2}-\d{2}\.cwexport$/)
    await page.getByLabel('Export to file').fill(file)
    await page.getByRole('button', { name: 'Export', exact: true }).click()
    await toast(/was saved to/).waitFor({ timeout: 20_000 })
    expect(existsSync(file)).toBe(true)

    await page.getByLabel('Import from file').fill('relative/path.cwexport')
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled(), 'a relative path is explained, not sent').toBe(true)
    await page.getByLabel('Import from file').fill(file)
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await toast(/was restored/).waitFor({ timeout: 20_000 })
  }, 60_000)

  it('with every other peer gone, Peers and sync says nobody is connected and how to get there', async () => {
    await Promise.all([bea.stop(), cai.stop()])
    await page.getByRole('button', { name: 'Peers and sync' }).click()
    await page.getByText('No other peer connected').waitFor({ timeout: 20_000 })
    expect(await page.getByText(/same local network/).count()).toBe(1)
    expect(await page.getByText(/invite code/).count()).toBeGreaterThan(0)
    expect(pageErrors).toEqual([])
  }, 40_000)
})
