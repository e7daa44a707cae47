/**
 * An offer's life seen from two machines: Ada adds, edits and deletes it on her page; Bea's
 * open Resources board follows each step without a reload. Real headless peers on loopback
 * (no mDNS), members of one space, headless Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import { chromiumMissingReason, launchChromium } from './browser.ts'
import { ensureRendererBuilt } from './renderer-build.ts'
import {
  PageErrors, foundSpaceByApi, newContext, openApp, startNamedUiPeers, waitForText, waitHidden, waitVisible, type UiPeers,
} from './ui-harness.ts'

if (chromiumMissingReason) console.log(`SKIPPED web UI end-to-end tests: ${chromiumMissingReason}`)

const resources = (page: Page): Locator => page.getByRole('list', { name: 'Resources' }).getByRole('listitem')
const row = (page: Page, title: string): Locator => resources(page).filter({ hasText: title })

describe.skipIf(chromiumMissingReason !== null)('a resource added, edited and deleted on one page, followed on another', () => {
  const errors = new PageErrors()
  let browser: Browser
  let peers: UiPeers
  let pageA: Page, pageB: Page

  beforeAll(async () => {
    // First: a peer serves the UI only if the build is there when it starts.
    await ensureRendererBuilt()
    peers = await startNamedUiPeers('res', ['Ada', 'Bea'])
    const [a, b] = peers.peers as [typeof peers.peers[0], typeof peers.peers[0]]
    await foundSpaceByApi(a, [b], 'Tool Library')
    browser = await launchChromium()
    pageA = await openApp(await newContext(browser), a.ready.ui, 'Ada', errors)
    pageB = await openApp(await newContext(browser), b.ready.ui, 'Bea', errors)
    // Resources is the section a space opens on.
    for (const page of [pageA, pageB]) await waitVisible(page.getByRole('button', { name: 'Add a resource' }), 'the Resources board')
    await pageB.evaluate(() => { (window as unknown as { sameDocument: boolean }).sameDocument = true })
  }, 120_000)

  errors.checkAfterEach()

  afterAll(async () => {
    await browser?.close()
    await peers?.close()
  })

  it('an offer Ada adds appears on Bea’s open board', async () => {
    await pageA.getByRole('button', { name: 'Add a resource' }).click()
    const form = pageA.getByRole('form', { name: 'Add a resource' })
    await form.getByLabel('Kind').selectOption('offer')
    await form.getByLabel('Title').fill('Soup pot')
    await form.getByLabel('Description').fill('A 20-litre pot, for community meals.')
    await form.getByLabel('Tags').fill('kitchen, lending')
    await form.getByRole('button', { name: 'Add', exact: true }).click()
    await waitForText(row(pageA, 'Soup pot'), (t) => t.length > 0, '“Soup pot” on Ada’s board')
    const seen = await waitForText(row(pageB, 'Soup pot'), (t) => t.length > 0, '“Soup pot” to reach Bea’s open board')
    expect(seen).toMatch(/kitchen/)
  })

  it('Ada’s edit of its title appears on Bea’s board', async () => {
    await row(pageA, 'Soup pot').click()
    await pageA.getByRole('button', { name: 'Edit', exact: true }).click()
    const form = pageA.getByRole('form', { name: 'Edit resource' })
    await form.getByLabel('Title').fill('Big soup pot')
    await form.getByRole('button', { name: 'Save', exact: true }).click()
    await waitHidden(form, 'the edit form to close once saved')
    await waitForText(resources(pageB), (t) => t.includes('Big soup pot'), 'the new title on Bea’s board')
    expect(await resources(pageB).count(), 'the edit changed the offer, it did not add one').toBe(1)
  })

  it('Ada deletes it, after confirming, and it leaves Bea’s board', async () => {
    // the open item may be the page Ada is on; the board's own row is the way back if not
    const del = pageA.getByRole('button', { name: 'Delete', exact: true })
    if (!(await del.first().isVisible())) await row(pageA, 'Big soup pot').click()
    await del.first().click()
    const dialog = pageA.getByRole('dialog')
    await waitVisible(dialog.getByRole('button', { name: 'Delete', exact: true }), 'the confirmation dialog')
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click()
    await waitHidden(row(pageA, 'Big soup pot'), 'the offer to leave Ada’s board')
    await waitHidden(row(pageB, 'Big soup pot'), 'the offer to leave Bea’s open board')
    expect(await pageB.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), 'Bea’s page was never reloaded').toBe(true)
  })
})
