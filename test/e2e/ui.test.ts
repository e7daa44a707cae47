/**
 * The web UI end to end: headless Chromium drives the renderer that two real headless peers
 * serve, each peer with its own data directory, on loopback only. What a user would notice:
 * the link without its token explains itself; a space made on one machine is joined from
 * another with an invite code; resources posted on either side show up on the other's open
 * page without a reload; a bad input is explained and loses nothing.
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

const SCREENSHOT = '/tmp/commonweave-ui.png'

if (chromiumMissingReason) console.log(`SKIPPED web UI end-to-end tests: ${chromiumMissingReason}`)

/** Polls until the locator's text satisfies `ok`; fails naming `what` and the last text seen. */
async function waitForText(locator: Locator, ok: (text: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
  let last = '(not found)'
  try {
    return await waitFor(what, async () => {
      if ((await locator.count()) === 0) {
        last = '(not found)'
        return null
      }
      last = (await locator.allTextContents()).join(' | ')
      return ok(last) ? last : null
    }, timeoutMs, 50)
  } catch (err) {
    throw new Error(`${(err as Error).message}; last text: ${last}`, { cause: err })
  }
}

const resourceList = (page: Page): Locator => page.getByRole('list', { name: 'Resources' }).getByRole('listitem')
const spaceButton = (page: Page, name: string): Locator =>
  page.getByRole('navigation', { name: 'Spaces' }).getByRole('button', { name: new RegExp(name) })

async function addResource(page: Page, kind: string, title: string, tags: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a resource' })
  await form.getByLabel('Kind').selectOption(kind)
  await form.getByLabel('Title').fill(title)
  await form.getByLabel('Tags').fill(tags)
  await form.getByRole('button', { name: 'Add' }).click()
}

describe.skipIf(chromiumMissingReason !== null)('web UI against real headless peers', () => {
  const dirs: string[] = []
  const peers: UiPeer[] = []
  const pageErrors: string[] = []
  let browser: Browser
  let a: UiPeer, b: UiPeer
  let ctxA: BrowserContext, ctxB: BrowserContext
  let pageA: Page, pageB: Page
  let code = ''

  const openPage = async (ctx: BrowserContext, url: string, who: string): Promise<Page> => {
    const page = await ctx.newPage()
    page.on('pageerror', (err) => pageErrors.push(`${who}: ${err.message}`))
    await page.goto(url)
    return page
  }

  beforeAll(async () => {
    await ensureRendererBuilt()
    const dirA = tempDataDir('cw-e2e-ui-a-')
    const dirB = tempDataDir('cw-e2e-ui-b-')
    dirs.push(dirA, dirB)
    const started = await Promise.allSettled([startUiPeer(dirA), startUiPeer(dirB)])
    for (const s of started) if (s.status === 'fulfilled') peers.push(s.value)
    for (const s of started) if (s.status === 'rejected') throw s.reason
    ;[a, b] = peers as [UiPeer, UiPeer]
    browser = await launchChromium()
    ctxA = await browser.newContext({ viewport: { width: 1100, height: 720 } })
    ctxB = await browser.newContext({ viewport: { width: 1100, height: 720 } })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await Promise.all(peers.map((p) => p.stop()))
    for (const d of dirs) removeDir(d)
  })

  it('without the token, the page tells the user to open the printed link', async () => {
    const ctx = await browser.newContext()
    try {
      const page = await ctx.newPage()
      await page.goto(`${a.ready.api}/`)
      const notice = page.getByRole('alert')
      await notice.waitFor({ timeout: 10_000 })
      expect(await notice.textContent()).toMatch(/Open Commonweave with the link that .*commonweave start.* printed/)
      expect(await page.getByRole('button', { name: 'Create' }).count()).toBe(0)

      // pasting the printed link into the same tab changes only the fragment: no reload
      await page.goto(a.ready.ui)
      await page.getByLabel('New space').waitFor({ timeout: 10_000 })
      await waitFor('the token to leave the address bar', () => new URL(page.url()).hash === '')
    } finally {
      await ctx.close()
    }
  })

  it('A creates a space with the keyboard alone and makes an invite code', async () => {
    pageA = await openPage(ctxA, a.ready.ui, 'A')
    expect(await pageA.title()).toBe('Commonweave')
    await waitForText(pageA.getByTestId('connection'), (t) => /connected/i.test(t) && !/offline/i.test(t), 'A’s page to connect to its peer')

    const focused: string[] = []
    for (let i = 0; i < 15 && focused.at(-1) !== 'new-space'; i++) {
      await pageA.keyboard.press('Tab')
      focused.push(await pageA.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || ''))
    }
    expect(focused.at(-1), `Tab reaches the space name field (focus went: ${focused.join(' → ')})`).toBe('new-space')
    await pageA.keyboard.type('Tool Library')
    await pageA.keyboard.press('Enter')
    await waitForText(spaceButton(pageA, 'Tool Library'), (t) => /1 member\b/.test(t), 'the new space “Tool Library” with 1 member in A’s list')
    await waitFor('the space name field to be cleared', async () => (await pageA.getByLabel('New space').inputValue()) === '')

    await pageA.getByRole('button', { name: 'Invite someone' }).click()
    const invite = pageA.getByLabel('Invite code')
    await invite.waitFor({ timeout: 10_000 })
    code = await waitFor('an invite code in the textarea', () => invite.inputValue())
    expect(code).toMatch(/^cw1\./)
  })

  it('a code that is not an invite is explained, and the message can be dismissed', async () => {
    pageB = await openPage(ctxB, b.ready.ui, 'B')
    await pageB.getByLabel('Join with a code').fill('cw1.this-is-not-a-code')
    await pageB.getByRole('button', { name: 'Join' }).click()
    const banner = pageB.getByRole('alert').filter({ hasText: /invite code/i })
    const message = await waitForText(banner, (t) => t.length > 0, 'an error explaining the bad invite code')
    expect(message).toMatch(/not a valid Commonweave invite code/)
    expect(message, 'no code, stack or JSON in the message').not.toMatch(/[{}]|Error:|at \w+ \(/)
    await banner.getByRole('button', { name: 'Dismiss' }).click()
    await banner.waitFor({ state: 'detached', timeout: 5_000 })
    expect(await spaceButton(pageB, 'Tool Library').count(), 'nothing was joined').toBe(0)
  })

  it('B joins with the code and sees the space with 2 members', async () => {
    await pageB.getByLabel('Join with a code').fill(code)
    await pageB.getByRole('button', { name: 'Join' }).click()
    await waitForText(spaceButton(pageB, 'Tool Library'), (t) => /2 members/.test(t), 'the joined space “Tool Library” with 2 members in B’s list', 30_000)
    await waitForText(spaceButton(pageA, 'Tool Library'), (t) => /2 members/.test(t), 'A’s open page to show 2 members after B joined')
    await waitForText(pageB.getByRole('heading', { level: 2 }), (t) => t.includes('Tool Library'), 'B’s board to show the joined space')
  })

  it('a resource added on either side appears live on the other’s open page', async () => {
    await addResource(pageB, 'tool', 'Ladder', 'garden')
    await waitForText(resourceList(pageB), (t) => /tool\s*Ladder.*garden/i.test(t), '“Ladder” in B’s list')
    await waitFor('B’s title field to be cleared after adding', async () => (await pageB.getByRole('form', { name: 'Add a resource' }).getByLabel('Title').inputValue()) === '')
    await waitForText(resourceList(pageA), (t) => t.includes('Ladder'), '“Ladder” to reach A’s open page without a reload')

    await addResource(pageA, 'offer', 'Soup pot', 'kitchen, lending')
    await waitForText(resourceList(pageA), (t) => t.includes('Soup pot'), '“Soup pot” in A’s list')
    await waitForText(resourceList(pageB), (t) => /offer\s*Soup pot.*kitchen/i.test(t), '“Soup pot” to reach B’s open page without a reload')
  })

  it('an invalid tag is explained in the page and nothing is lost', async () => {
    await addResource(pageA, 'need', 'Bad tag', '<b>')
    const alert = pageA.getByRole('alert')
    const message = await waitForText(alert, (t) => t.trim().length > 0, 'a validation error shown with role=alert')
    expect(message, 'the message names the bad tag, shown as text').toContain('<b>')
    expect(message).toMatch(/not a valid tag/i)
    expect(message, 'no code, stack or JSON in the message').not.toMatch(/[{}]|Error:|at \w+ \(|tags\.0/)
    expect(await alert.locator('b').count(), 'the tag is not interpreted as HTML').toBe(0)
    const form = pageA.getByRole('form', { name: 'Add a resource' })
    expect(await form.getByLabel('Title').inputValue(), 'the typed title is kept for correcting').toBe('Bad tag')
    expect(await form.getByLabel('Tags').inputValue()).toBe('<b>')

    const items = await resourceList(pageA).allTextContents()
    expect(items).toHaveLength(2)
    expect(items.join(' | ')).toMatch(/Ladder.*Soup pot|Soup pot.*Ladder/)
    expect(items.join(' | ')).not.toContain('Bad tag')
    expect(await resourceList(pageB).allTextContents()).toHaveLength(2)

    await pageA.screenshot({ path: SCREENSHOT, fullPage: true })
    expect(pageErrors, 'uncaught errors in the pages').toEqual([])
  })
})
