/**
 * What the web UI end-to-end tests share: pages that report their errors, waits on what the
 * page shows (with the last text seen when they time out), and the few steps every story
 * starts with (open the app, go to a section, create or join a space).
 *
 * Names are the accessible names of the UI contract (role + name), never CSS classes.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core'
import { afterEach, expect } from 'vitest'
import type { Did, SpaceId } from '../../shared/ids.ts'
import { removeDir, tempDataDir } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { startUiPeer, type UiPeer } from './ui-peer.ts'

export const VIEWPORT = { width: 1280, height: 800 } as const

/** Generous: two cores are shared by the whole suite, and a peer's sync can take seconds there. */
export const UI_TIMEOUT = 20_000

/**
 * The browser's own log line for an API answer of 4xx. The API answers a refusal (a bad code,
 * an item deleted meanwhile) as data with a 4xx status, which the page handles and words; the
 * tests assert those words. A 5xx, or a request that never got an answer, still counts.
 */
const API_REFUSAL = /^Failed to load resource: the server responded with a status of 4\d\d .*\/v1\//

/**
 * Uncaught page errors and console errors of every page it watches. `allow` lets a test name
 * the console errors it expects (a browser logs a refused connection while its peer is down).
 */
export class PageErrors {
  readonly #seen: string[] = []
  readonly #allowed: RegExp[] = [API_REFUSAL]

  watch(page: Page, who: string): void {
    page.on('pageerror', (err) => this.#seen.push(`${who} page error: ${err.message}`))
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return
      // A failed request's message names its status only; its address is in the location.
      const text = /^Failed to load resource/.test(msg.text()) ? `${msg.text()} (${msg.location().url})` : msg.text()
      if (!this.#allowed.some((re) => re.test(text))) this.#seen.push(`${who} console error: ${text}`)
    })
  }

  allow(re: RegExp): void {
    this.#allowed.push(re)
  }

  /** Registers, in the calling describe block, a check after each test that its pages raised no error. */
  checkAfterEach(): void {
    afterEach(() => {
      expect(this.take(), 'errors in the pages').toEqual([])
    })
  }

  /** The errors seen since the last call, and forgets them and the test's allowances. */
  take(): string[] {
    this.#allowed.splice(1)
    return this.#seen.splice(0)
  }
}

/** A context at the screenshot size, in the given colour scheme; the clipboard works in it. */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    viewport: VIEWPORT, colorScheme: 'light', permissions: ['clipboard-read', 'clipboard-write'], ...options,
  })
  ctx.setDefaultTimeout(UI_TIMEOUT)
  return ctx
}

/** Chooses the option of a native select whose text starts with `text` (options may add a kind, a count…). */
export async function selectOptionStartingWith(select: Locator, text: string): Promise<void> {
  const option = select.locator('option').filter({ hasText: text }).first()
  await waitFor(`an option “${text}…” in the select`, () => option.count(), UI_TIMEOUT, 50)
  await select.selectOption((await option.getAttribute('value')) ?? '')
}

/** Polls until the locator's text satisfies `ok`; fails naming `what` and the last text seen. */
export async function waitForText(locator: Locator, ok: (text: string) => boolean, what: string, timeoutMs = UI_TIMEOUT): Promise<string> {
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

/** Waits for the locator to match something visible. */
export async function waitVisible(locator: Locator, what: string, timeoutMs = UI_TIMEOUT): Promise<void> {
  await waitFor(what, () => locator.first().isVisible(), timeoutMs, 50)
}

/** Waits until the locator matches nothing visible. */
export async function waitHidden(locator: Locator, what: string, timeoutMs = UI_TIMEOUT): Promise<void> {
  await waitFor(what, async () => !(await locator.first().isVisible()), timeoutMs, 50)
}

/** Opens the app at its link (with the token) and waits until the page talks to its peer. */
export async function openApp(ctx: BrowserContext, url: string, who: string, errors: PageErrors): Promise<Page> {
  const page = await ctx.newPage()
  errors.watch(page, who)
  await page.goto(url)
  await waitForText(page.getByTestId('connection').or(page.getByRole('heading', { name: 'Welcome to Commonweave' })),
    (t) => t.length > 0 && !/offline/i.test(t), `${who}’s page to reach its peer`)
  return page
}

/** The section's link in the navigation. */
export function sectionLink(page: Page, label: string): Locator {
  return page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: label, exact: true })
}

/** The open view: the region of the page's main content named after its section. */
export function view(page: Page, label: string): Locator {
  return page.getByRole('main').getByRole('region', { name: label, exact: true }).first()
}

/** Opens a section from the navigation and waits for its view. */
export async function goTo(page: Page, label: string): Promise<void> {
  await sectionLink(page, label).click()
  const region = view(page, label)
  await waitVisible(region, `the ${label} view`)
  // Views load their code when first opened, and then their data: wait for the view itself
  // (its heading), with no loader left in it.
  await waitFor(`the ${label} view to finish loading`, async () =>
    (await region.getByRole('heading').count()) > 0 && (await region.getByRole('status').count()) === 0, 15_000)
}

/** The space switcher's input (its value is the selected space's name, "(guest)" for a guest). */
export function spaceSwitcher(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Space' }).or(page.getByRole('combobox', { name: 'Space' })).first()
}

/** Creates a space from onboarding (first run), and waits for the frame to show it. */
export async function createSpaceFromOnboarding(page: Page, name: string): Promise<void> {
  await page.getByLabel('New space').fill(name)
  await page.getByRole('button', { name: 'Create', exact: true }).click()
  await waitFor(`the new space “${name}” in the space switcher`, async () => (await spaceSwitcher(page).inputValue().catch(() => '')) === name, UI_TIMEOUT, 50)
}

/** Brings onboarding's "Join with a code" into view: a tab of its own in some layouts, beside "Create" in others. */
export async function showJoin(page: Page): Promise<void> {
  const tab = page.getByRole('tab', { name: 'Join with a code' })
  if (await tab.count()) await tab.click()
  await waitVisible(page.getByRole('textbox', { name: 'Join with a code' }), 'the invite code field')
}

/** Joins with an invite code from onboarding (first run), and waits for the frame to show the space. */
export async function joinFromOnboarding(page: Page, code: string, spaceName: string): Promise<void> {
  await showJoin(page)
  await page.getByRole('textbox', { name: 'Join with a code' }).fill(code)
  await page.getByRole('button', { name: 'Join', exact: true }).click()
  await waitFor(`the joined space “${spaceName}” in the space switcher`, async () => (await spaceSwitcher(page).inputValue().catch(() => '')) === spaceName, 40_000, 50)
}

/** What the page's clipboard holds (the context must grant clipboard-read). */
export function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText())
}

/** Asserts the text is for a person: no error code, stack or JSON. */
export function looksHuman(text: string): boolean {
  return !/[{}]|Error:|at \w+ \(|[A-Z]+_[A-Z_]+/.test(text)
}

/** Headless UI peers, each named, in their own data directories; `close()` stops them and removes the directories. */
export interface UiPeers {
  peers: UiPeer[]
  close(): Promise<void>
}

/** Starts one UI peer per name, in parallel; if any fails, the others are stopped again. */
export async function startNamedUiPeers(prefix: string, names: string[]): Promise<UiPeers> {
  const dirs = names.map((n) => tempDataDir(`cw-e2e-${prefix}-${n.toLowerCase()}-`))
  const started = await Promise.allSettled(names.map((n, i) => startUiPeer(dirs[i]!, { args: ['--name', n], timeoutMs: 40_000 })))
  const peers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
  const close = async (): Promise<void> => {
    await Promise.all(peers.map((p) => p.stop()))
    for (const d of dirs) removeDir(d)
  }
  const failed = started.find((s) => s.status === 'rejected')
  if (failed) {
    await close()
    throw failed.reason
  }
  return { peers, close }
}

/** The first peer founds a space named `name` and the others join it with invite codes, through the API. */
export async function foundSpaceByApi(founder: UiPeer, others: UiPeer[], name: string): Promise<SpaceId> {
  const { spaceId } = await founder.api.createSpace({ name })
  for (const o of others) {
    const { code } = await founder.api.createInvite({ spaceId })
    await o.api.joinSpace({ code })
  }
  return spaceId
}

/** `guest` holds a read grant on `docs` of a space (collections or document ids), given by `from` and accepted. */
export async function grantRead(from: UiPeer, guest: UiPeer, spaceId: SpaceId, docs: string[]): Promise<void> {
  const { code } = await from.api.createGrant({ spaceId, to: guest.ready.did as Did, cmd: 'read', docs, purpose: 'coordination' })
  await guest.api.acceptGrant({ code })
}

/** One browser context and app page per peer, through onboarding under its name. */
export async function openApps(browser: Browser, who: Array<[UiPeer, string]>, errors: PageErrors): Promise<Page[]> {
  const pages: Page[] = []
  for (const [peer, name] of who) pages.push(await openApp(await newContext(browser), peer.ready.ui, name, errors))
  return pages
}
