/**
 * Insights through the web UI, on real headless peers: Ada and Bea are members of a food
 * network, each on her own peer; Cleo runs another organisation (a river farm) on a third, and
 * shares its offers with Ada for matching. Their needs, offers and map are made through the API.
 * Ada's Insights view shows her need for seed trays matched first with Bea's trays, by name,
 * with the reasons in words; "Across organisations" adds the farm's trays, marked as another
 * organisation's; the need's own page shows its matches; "Mark matched by this offer" marks the
 * van need matched, the toast naming the van, and its Undo opens it again; marking Bea's need
 * (Ada founded the space) is asked first, naming Bea. Gaps lists Bea's trays as expiring soon and the isolated Old Mill, which a click opens
 * on the Map; a suggestion links two map nodes through the map; the health cards show the
 * figures. Then each tab is shot, light and dark, and scanned with axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import type { Did, SpaceId } from '../../shared/ids.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { chromiumMissingReason, launchChromium } from './browser.ts'
import { ensureRendererBuilt } from './renderer-build.ts'
import { scanInto, shoot } from './ui-shots.ts'
import type { UiPeer } from './ui-peer.ts'
import {
  PageErrors, foundSpaceByApi, goTo, newContext, openApp, startNamedUiPeers, view, waitForText, waitHidden, waitVisible, type UiPeers,
} from './ui-harness.ts'

if (chromiumMissingReason) console.log(`SKIPPED web UI end-to-end tests: ${chromiumMissingReason}`)

const TRAYS_NEED = 'Seed trays for spring planting'
const VAN_NEED = 'A van for Saturday'
const VAN_OFFER = 'Van to lend at weekends'
const BEAS_NEED = 'Help moving a sofa'
const BEAS_TRAYS = 'Forty seed trays to lend'
const FARM_TRAYS = 'Seed trays from the farm'
const FARM = 'River Farm co-op'
const DAY = 86_400

/** The card of a need in the Matches tab, and its ranked matches. */
const needCard = (page: Page, title: string): Locator => view(page, 'Insights').getByRole('article', { name: title })
const matchesOf = (page: Page, title: string): Locator => needCard(page, title).getByRole('list', { name: `Matches for ${title}` }).getByRole('listitem').filter({ has: page.getByRole('list', { name: 'Why it matches' }) })

async function openTab(page: Page, name: string): Promise<void> {
  await view(page, 'Insights').getByRole('tab', { name }).click()
  const panel = view(page, 'Insights').getByRole('tabpanel', { name })
  await waitVisible(panel, `the ${name} tab`)
  await waitFor(`the ${name} tab to finish loading`, async () => (await panel.getByRole('status').count()) === 0, 30_000, 50)
}

describe.skipIf(chromiumMissingReason !== null)('insights through the web UI', () => {
  const errors = new PageErrors()
  let browser: Browser
  let peers: UiPeers
  let a: UiPeer, b: UiPeer, c: UiPeer
  let pageA: Page
  let spaceId: SpaceId

  beforeAll(async () => {
    await ensureRendererBuilt()
    peers = await startNamedUiPeers('insights', ['Ada', 'Bea', 'Cleo'])
    ;[a, b, c] = peers.peers as [UiPeer, UiPeer, UiPeer]
    spaceId = await foundSpaceByApi(a, [b], 'Food network')
    await a.api.addResource({ spaceId, kind: 'need', title: TRAYS_NEED, description: 'Trays to sow tomatoes and peppers in', tags: ['seeds', 'trays', 'garden'], location: 'Lisbon' })
    await a.api.addResource({ spaceId, kind: 'need', title: VAN_NEED, description: 'To carry the market stall', tags: ['transport', 'van'], location: 'Porto' })
    await b.api.addResource({ spaceId, kind: 'offer', title: BEAS_TRAYS, description: 'Reusable seed trays, with lids', tags: ['seeds', 'trays'], location: 'Lisbon', expiresInSeconds: 3 * DAY })
    await b.api.addResource({ spaceId, kind: 'need', title: BEAS_NEED, description: 'A van to move a sofa across town', tags: ['transport', 'van'], location: 'Porto' })
    await b.api.addResource({ spaceId, kind: 'offer', title: VAN_OFFER, description: 'A small van for moving things', tags: ['transport', 'van'], location: 'Porto' })
    await b.api.addResource({ spaceId, kind: 'offer', title: 'Sourdough starter', tags: ['baking'] })
    // The map: Food Hub works with River Farm and the Seed Library (who share it as a neighbour),
    // the bakery buys from River Farm (as Food Hub does); the Old Mill is linked to nothing.
    for (const [type, label] of [['organisation', 'Food Hub'], ['organisation', 'River Farm'], ['initiative', 'Seed Library'], ['organisation', 'Bakery Co-op'], ['place', 'Old Mill']] as const) {
      await a.api.addMapNode({ spaceId, type, label })
    }
    await a.api.addMapEdge({ spaceId, from: 'Food Hub', to: 'River Farm', type: 'works with' })
    await a.api.addMapEdge({ spaceId, from: 'Food Hub', to: 'Seed Library', type: 'works with' })
    await a.api.addMapEdge({ spaceId, from: 'Bakery Co-op', to: 'River Farm', type: 'buys from' })
    // Another organisation shares its offers with Ada for matching.
    const farm = (await c.api.createSpace({ name: FARM })).spaceId
    await c.api.addResource({ spaceId: farm, kind: 'offer', title: FARM_TRAYS, description: 'Wooden seed trays', tags: ['seeds', 'trays'], location: 'Lisbon' })
    const { code } = await c.api.createGrant({ spaceId: farm, to: a.ready.did as Did, cmd: 'read', docs: ['resources'], purpose: 'matching' })
    await a.api.acceptGrant({ code })
    await waitFor('Bea’s offers and the farm’s on Ada’s peer', async () =>
      (await a.api.listResources({ spaceId })).items.length === 6 && (await a.api.listResources({ spaceId: farm }).catch(() => ({ items: [] }))).items.length === 1, 40_000, 100)
    browser = await launchChromium()
    pageA = await openApp(await newContext(browser), a.ready.ui, 'Ada', errors)
  }, 180_000)

  errors.checkAfterEach()

  afterAll(async () => {
    await browser?.close()
    await peers?.close()
  })

  it('shows Ada’s need for trays matched first with Bea’s trays, by name, with the reasons in words', async () => {
    await goTo(pageA, 'Insights')
    await waitVisible(needCard(pageA, TRAYS_NEED), 'the trays need’s card', 30_000)
    const top = matchesOf(pageA, TRAYS_NEED).first()
    const text = await waitForText(top, (t) => t.includes(BEAS_TRAYS), 'Bea’s trays as the top match')
    expect(text).toContain('by Bea')
    expect(text).toMatch(/Score \d{1,3}%/)
    const reasons = await top.getByRole('list', { name: 'Why it matches' }).innerText()
    expect(reasons).toMatch(/seeds|trays/i)
    expect(reasons).toContain('Lisbon')
    // The farm's offer is not in it until Ada asks across organisations.
    expect(await needCard(pageA, TRAYS_NEED).innerText()).not.toContain(FARM_TRAYS)
  })

  it('“Across organisations” adds the farm’s trays, marked as another organisation’s', async () => {
    const across = view(pageA, 'Insights').getByRole('switch', { name: /Across organisations/ })
    await across.check()
    const farmMatch = matchesOf(pageA, TRAYS_NEED).filter({ hasText: FARM_TRAYS })
    const text = await waitForText(farmMatch, (t) => t.includes(`Another organisation: ${FARM}`), 'the farm’s trays, marked', 30_000)
    expect(text).not.toContain('Open offer')
    await across.uncheck()
    await waitFor('the farm’s trays gone again', async () => (await needCard(pageA, TRAYS_NEED).innerText().catch(() => '')).includes(BEAS_TRAYS) &&
      !(await needCard(pageA, TRAYS_NEED).innerText()).includes(FARM_TRAYS), 30_000, 100)
  })

  it('the need’s own page shows its matches; the van need marked matched by the van, undone, and Bea’s asked about first', async () => {
    await needCard(pageA, TRAYS_NEED).getByRole('button', { name: `Open need ${TRAYS_NEED}` }).click()
    const page = view(pageA, 'Resources')
    await waitVisible(page.getByRole('heading', { name: TRAYS_NEED }), 'the need’s page')
    const matches = page.getByRole('list', { name: 'Matches for this need' })
    await waitForText(matches, (t) => t.includes(BEAS_TRAYS) && t.includes('Lisbon'), 'the need’s matches on its page', 30_000)
    await page.getByRole('button', { name: 'All matches, gaps and suggestions in Insights' }).click()
    await waitVisible(needCard(pageA, VAN_NEED), 'the van need’s card', 30_000)
    const status = async (title: string): Promise<string | undefined> => (await a.api.listResources({ spaceId, all: true })).items.find((r) => r.title === title)?.status
    // Ada's own need: marked at once, the toast naming the offer that met it, with Undo.
    await matchesOf(pageA, VAN_NEED).filter({ hasText: VAN_OFFER }).getByRole('button', { name: `Mark matched by this offer: “${VAN_OFFER}” for “${VAN_NEED}”` }).click()
    await waitFor('the van need matched on Ada’s peer', async () => (await status(VAN_NEED)) === 'matched', 15_000, 100)
    const toast = pageA.getByRole('alert').filter({ hasText: `Marked “${VAN_NEED}” matched by “${VAN_OFFER}”.` })
    await waitVisible(toast, 'the toast naming the van')
    await waitHidden(needCard(pageA, VAN_NEED), 'the matched need gone from the matches', 30_000)
    await toast.getByRole('button', { name: 'Undo' }).click()
    await waitFor('the van need open again', async () => (await status(VAN_NEED)) === 'open', 15_000, 100)
    await waitVisible(needCard(pageA, VAN_NEED), 'the van need back in the matches', 30_000)
    // Bea's need: asked first, naming her; Cancel leaves it open.
    await waitVisible(needCard(pageA, BEAS_NEED), 'Bea’s need’s card', 30_000)
    await needCard(pageA, BEAS_NEED).getByRole('button', { name: new RegExp(`^Mark matched by this .* for “${BEAS_NEED}”$`) }).first().click()
    const ask = pageA.getByRole('dialog', { name: 'Mark Bea’s need matched?' })
    await waitVisible(ask, 'the question naming Bea')
    expect(await ask.innerText()).toContain(`“${BEAS_NEED}” is Bea’s need, not yours.`)
    await ask.getByRole('button', { name: 'Cancel' }).click()
    await waitHidden(ask, 'the question to close')
    expect(await status(BEAS_NEED)).toBe('open')
  })

  it('Gaps lists Bea’s trays as expiring soon and the isolated Old Mill, which opens on the Map', async () => {
    await openTab(pageA, 'Gaps')
    const expiring = view(pageA, 'Insights').getByRole('list', { name: 'Expiring soon' })
    expect(await waitForText(expiring, (t) => t.includes(BEAS_TRAYS), 'Bea’s trays as expiring soon')).toMatch(/expires in \d days|tomorrow/)
    await expect(view(pageA, 'Insights').getByText('Open for more than 7 days with no match above', { exact: false }).count()).resolves.toBe(1)
    const isolated = view(pageA, 'Insights').getByRole('list', { name: 'Isolated map nodes' })
    await waitForText(isolated, (t) => t.includes('Old Mill'), 'the Old Mill as isolated')
    expect(await isolated.innerText()).not.toContain('Food Hub')
    await isolated.getByRole('button', { name: 'Old Mill' }).click()
    await waitVisible(pageA.getByRole('complementary', { name: 'Node' }).getByRole('heading', { name: 'Old Mill' }), 'the Old Mill opened on the Map', 30_000)
  })

  it('a suggestion links River Farm and the Seed Library on the map, with the type chosen', async () => {
    await goTo(pageA, 'Insights')
    await openTab(pageA, 'Suggestions')
    const pair = view(pageA, 'Insights').getByRole('listitem').filter({ hasText: 'River Farm' }).filter({ hasText: 'Seed Library' })
    expect(await waitForText(pair, (t) => t.includes('Food Hub'), 'the pair, sharing Food Hub as a neighbour', 30_000)).toMatch(/\d{1,3}%/)
    await pair.getByRole('button', { name: 'Link on the map' }).click()
    const dialog = pageA.getByRole('dialog', { name: /^Link “/ })
    await dialog.getByRole('textbox', { name: 'Type of link' }).fill('shares seeds with')
    await dialog.getByRole('button', { name: 'Link', exact: true }).click()
    await waitHidden(dialog, 'the link dialog to close')
    const edges = (await a.api.getMap({ spaceId })).edges
    expect(edges.map((e) => [e.fromLabel, e.toLabel, e.type].join('|')).filter((s) => s.endsWith('shares seeds with'))).toHaveLength(1)
  })

  it('the health cards show the figures, with what each means', async () => {
    await openTab(pageA, 'Health')
    const figures = view(pageA, 'Insights').getByRole('list', { name: 'Health figures' })
    await waitVisible(figures, 'the health figures', 30_000)
    expect((await figures.getByTestId('figure-mapNodes').innerText()).trim()).toBe('5')
    const active = figures.getByRole('listitem', { name: 'Active members' })
    expect(await active.innerText()).toMatch(/Active members\s+2\s+of 2/)
    expect(await active.innerText()).toContain('in the last 30 days')
  })

  it('each tab, light and dark: screenshots, and axe finds nothing serious', async () => {
    const found: string[] = []
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openApp(await newContext(browser, { colorScheme: scheme, reducedMotion: 'reduce' }), a.ready.ui, `Ada (${scheme})`, errors)
      await goTo(page, 'Insights')
      await view(page, 'Insights').getByRole('switch', { name: /Across organisations/ }).check()
      await waitForText(matchesOf(page, TRAYS_NEED), (t) => t.includes(FARM_TRAYS), 'the farm’s trays', 30_000)
      await page.mouse.move(0, 799)
      await shoot(page, `insights-matches-${scheme}`)
      await scanInto(found, page, `Matches (${scheme})`)
      for (const tab of ['Gaps', 'Suggestions', 'Health']) {
        await openTab(page, tab)
        await page.mouse.move(0, 799)
        await shoot(page, `insights-${tab.toLowerCase()}-${scheme}`)
        await scanInto(found, page, `${tab} (${scheme})`)
      }
      await page.context().close()
    }
    expect(found, found.join('\n\n')).toEqual([])
  })
})
