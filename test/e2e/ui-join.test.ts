/**
 * Two people, two machines, one space, through the web UI alone: Ada creates a space on her
 * first run, makes an invite code in Members and copies it; Bea pastes it on her first run and
 * joins. Both Members lists name both of them, and Ada's open page shows Bea arrive without a
 * reload. Real headless peers on loopback (no mDNS), headless Chromium.
 *
 * One user story, so the steps run in order and share the two peers and pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { removeDir, tempDataDir } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { chromiumMissingReason, launchChromium } from './browser.ts'
import { ensureRendererBuilt } from './renderer-build.ts'
import { startUiPeer, type UiPeer } from './ui-peer.ts'
import {
  PageErrors, createSpaceFromOnboarding, goTo, joinFromOnboarding, looksHuman, newContext, openApp, readClipboard,
  showJoin, waitForText, waitVisible,
} from './ui-harness.ts'

if (chromiumMissingReason) console.log(`SKIPPED web UI end-to-end tests: ${chromiumMissingReason}`)

const members = (page: Page): Locator => page.getByRole('list', { name: 'Members' }).getByRole('listitem')

describe.skipIf(chromiumMissingReason !== null)('joining a space through the web UI', () => {
  const dirs: string[] = []
  const peers: UiPeer[] = []
  const errors = new PageErrors()
  let browser: Browser
  let a: UiPeer, b: UiPeer
  let ctxA: BrowserContext, ctxB: BrowserContext
  let pageA: Page, pageB: Page
  let code = ''

  beforeAll(async () => {
    // First: a peer serves the UI only if the build is there when it starts.
    await ensureRendererBuilt()
    dirs.push(tempDataDir('cw-e2e-join-a-'), tempDataDir('cw-e2e-join-b-'))
    const started = await Promise.allSettled([
      startUiPeer(dirs[0]!, { args: ['--name', 'Ada'], timeoutMs: 40_000 }), startUiPeer(dirs[1]!, { args: ['--name', 'Bea'], timeoutMs: 40_000 }),
    ])
    for (const s of started) if (s.status === 'fulfilled') peers.push(s.value)
    for (const s of started) if (s.status === 'rejected') throw s.reason
    ;[a, b] = peers as [UiPeer, UiPeer]
    browser = await launchChromium()
    ctxA = await newContext(browser)
    ctxB = await newContext(browser)
  }, 120_000)

  errors.checkAfterEach()

  afterAll(async () => {
    await browser?.close()
    await Promise.all(peers.map((p) => p.stop()))
    for (const d of dirs) removeDir(d)
  })

  it('without the token, the page tells the user to open the printed link', async () => {
    const ctx = await newContext(browser)
    try {
      const page = await ctx.newPage()
      errors.watch(page, 'tokenless')
      await page.goto(`${a.ready.api}/`)
      const notice = page.getByRole('alert')
      await waitForText(notice, (t) => t.length > 0, 'the notice about the link')
      expect(await notice.textContent()).toMatch(/Open Commonweave with the link that .*commonweave start.* printed/)
      // pasting the printed link into the same tab changes only the fragment: no reload
      await page.goto(a.ready.ui)
      await waitVisible(page.getByLabel('New space'), 'onboarding once the link carries the token')
      await waitFor('the token to leave the address bar', () => !page.url().includes('token='))
    } finally {
      await ctx.close()
    }
  })

  it('Ada creates a space on her first run, and copies an invite code from Members', async () => {
    pageA = await openApp(ctxA, a.ready.ui, 'Ada', errors)
    await createSpaceFromOnboarding(pageA, 'Tool Library')
    await goTo(pageA, 'Members')
    await waitForText(members(pageA), (t) => t.includes('Ada'), 'Ada in her own Members list')

    await pageA.getByRole('button', { name: 'Invite someone' }).click()
    await pageA.getByRole('button', { name: 'Make invite code' }).click()
    const copy = pageA.getByRole('button', { name: 'Copy code' })
    await waitVisible(copy, 'the “Copy code” button once the code is made')
    await pageA.evaluate(() => navigator.clipboard.writeText(''))
    await copy.click()
    code = await waitFor('an invite code on the clipboard', async () => {
      const text = (await readClipboard(pageA)).trim()
      return text.startsWith('cw1.') ? text : null
    })
    expect(code.length).toBeGreaterThan(40)
    await pageA.keyboard.press('Escape')
  })

  it('a code that is not an invite is explained in words, and nothing is joined', async () => {
    pageB = await openApp(ctxB, b.ready.ui, 'Bea', errors)
    await showJoin(pageB)
    await pageB.getByRole('textbox', { name: 'Join with a code' }).fill('cw1.this-is-not-a-code')
    await pageB.getByRole('button', { name: 'Join', exact: true }).click()
    const message = await waitForText(pageB.getByRole('alert').filter({ hasText: /invite code/i }), (t) => t.length > 0,
      'an error explaining the bad invite code')
    expect(message).toMatch(/not a valid Commonweave invite code/)
    expect(looksHuman(message), `no code, stack or JSON in “${message}”`).toBe(true)
    expect(await pageB.getByLabel('New space').count(), 'still on onboarding: nothing was joined').toBe(1)
  })

  it('Bea joins with the copied code; both Members lists name both, Ada’s without a reload', async () => {
    // A mark in Ada's document: still there at the end means the page was never reloaded.
    await pageA.evaluate(() => { (window as unknown as { sameDocument: boolean }).sameDocument = true })
    await joinFromOnboarding(pageB, code, 'Tool Library')
    await goTo(pageB, 'Members')
    await waitForText(members(pageB), (t) => t.includes('Ada') && t.includes('Bea'), 'Ada and Bea in Bea’s Members list', 30_000)
    expect(await members(pageB).count()).toBe(2)

    await waitForText(members(pageA), (t) => t.includes('Bea'), 'Bea to appear in Ada’s open Members list', 30_000)
    expect(await members(pageA).count()).toBe(2)
    expect(await pageA.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), 'Ada’s page was not reloaded').toBe(true)
  })
})
