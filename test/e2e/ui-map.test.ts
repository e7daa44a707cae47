/**
 * The ecosystem map through the web UI, on real headless peers: Ada and Bea are members of one
 * space, each with her own peer and Chromium page. Ada imports a Kumu blueprint through the
 * Map view's file picker: she first sees what the import would do (the counts, and the merge
 * of the file's two "Food Hub" organisations), then imports it, and the map shows its nodes.
 * She clicks a node on the canvas and its panel shows its figures. An edge Bea adds through her
 * peer's API shows in Ada's view without a reload. A keyboard user finds and opens a node from
 * the node list and from the space's search. Export saves a Kumu blueprint of the whole map.
 * Kumu's two sheets are offered one button a file. Then the Map view is shot, light and dark,
 * once its layout has stopped and with every node in sight (inside the canvas, nothing over it,
 * before and after a node is opened), and its panels and dialogs (a node's, the import report,
 * the add, link and delete dialogs) are scanned with axe-core.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { SpaceId } from '../../shared/ids.ts'
import { tempDataDir, removeDir } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { allInSight, canvasCounts, clickNode, layoutStopped, nodePanel } from './ui-map-helpers.ts'
import { scanInto, shoot } from './ui-shots.ts'
import { chromiumMissingReason, launchChromium } from './browser.ts'
import { ensureRendererBuilt } from './renderer-build.ts'
import type { UiPeer } from './ui-peer.ts'
import {
  PageErrors, VIEWPORT, foundSpaceByApi, goTo, newContext, openApp, openApps, startNamedUiPeers, view, waitForText, waitHidden, waitVisible, type UiPeers,
} from './ui-harness.ts'

if (chromiumMissingReason) console.log(`SKIPPED web UI end-to-end tests: ${chromiumMissingReason}`)


/**
 * A Kumu blueprint as Kumu exports it: elements with a custom field, connections from label to
 * label. "Food Hub" is listed twice (same name and type, one with a web address): one node.
 */
const BLUEPRINT = {
  elements: [
    { label: 'Food Hub', type: 'Organisation', description: 'Buys from local farms', tags: ['food'], 'Founded': 2015 },
    { label: 'River Farm', type: 'Organisation', tags: ['food', 'farm'] },
    { label: 'Sam Okafor', type: 'Person', tags: ['volunteer'] },
    { label: 'Seed Library', type: 'Initiative' },
    { label: 'Old Mill', type: 'Place' },
    { label: 'Cargo Bike', type: 'Resource' },
    { label: 'food hub', type: 'Organisation', url: 'https://foodhub.example' },
  ],
  connections: [
    { from: 'River Farm', to: 'Food Hub', type: 'supplies' },
    { from: 'Sam Okafor', to: 'Food Hub', type: 'volunteers at' },
    { from: 'Food Hub', to: 'Seed Library', type: 'works with', direction: 'mutual' },
    { from: 'Seed Library', to: 'Old Mill', type: 'meets at' },
    { from: 'Food Hub', to: 'Cargo Bike', type: 'uses' },
  ],
}
const NODES = 6
const EDGES = 5

const LABELS = ['Food Hub', 'River Farm', 'Sam Okafor', 'Seed Library', 'Old Mill', 'Cargo Bike']

describe.skipIf(chromiumMissingReason !== null)('the ecosystem map through the web UI', () => {
  const errors = new PageErrors()
  let browser: Browser
  let peers: UiPeers
  let a: UiPeer, b: UiPeer
  let pageA: Page
  let spaceId: SpaceId
  let fixtures: string
  let blueprint: string

  beforeAll(async () => {
    fixtures = tempDataDir('cw-e2e-map-files-')
    blueprint = join(fixtures, 'food-network.json')
    writeFileSync(blueprint, JSON.stringify(BLUEPRINT, null, 2))
    await ensureRendererBuilt()
    peers = await startNamedUiPeers('map', ['Ada', 'Bea'])
    ;[a, b] = peers.peers as [UiPeer, UiPeer]
    spaceId = await foundSpaceByApi(a, [b], 'Food network')
    browser = await launchChromium()
    ;[pageA] = await openApps(browser, [[a, 'Ada']], errors) as [Page]
  }, 120_000)

  errors.checkAfterEach()

  afterAll(async () => {
    await browser?.close()
    await peers?.close()
    if (fixtures) removeDir(fixtures)
  })

  it('Ada imports a Kumu blueprint through the file picker: the report first (counts and the merge), then the map', async () => {
    await goTo(pageA, 'Map')
    const region = view(pageA, 'Map')
    await waitVisible(region.getByRole('heading', { name: 'No map yet' }), 'the empty map')
    await region.getByRole('button', { name: 'Import' }).click()
    const dialog = pageA.getByRole('dialog', { name: 'Import into the map' })
    await dialog.getByLabel('File to import').setInputFiles(blueprint)
    await dialog.getByRole('button', { name: 'Check the file' }).click()
    const report = dialog.getByRole('region', { name: 'Import report' })
    await waitForText(report, (t) => t.includes(`would add ${NODES} nodes`), 'the dry run’s report')
    const counts = report.getByRole('table', { name: 'Counts' })
    expect(await counts.getByRole('row', { name: /Nodes added/ }).innerText()).toContain(String(NODES))
    expect(await counts.getByRole('row', { name: /Nodes merged/ }).innerText()).toContain('1')
    expect(await counts.getByRole('row', { name: /Edges added/ }).innerText()).toContain(String(EDGES))
    const merged = await report.getByRole('list', { name: 'Merged' }).innerText()
    expect(merged).toMatch(/food hub/i)
    expect(merged).toContain('the same name and type')
    // Nothing written by the dry run.
    expect((await a.api.getMap({ spaceId })).nodes).toHaveLength(0)
    await dialog.getByRole('button', { name: 'Import', exact: true }).click()
    await waitForText(report, (t) => t.includes(`added ${NODES} nodes`), 'the import’s report')
    await dialog.getByRole('button', { name: 'Done' }).click()
    await waitHidden(dialog, 'the import dialog to close')
    await waitFor('the canvas to hold the imported map', async () => {
      const c = await canvasCounts(pageA)
      return c?.nodes === NODES && c.edges === EDGES
    }, 15_000, 50)
    await waitForText(pageA.getByRole('complementary', { name: 'Nodes' }), (t) => t.includes(`${NODES} nodes and ${EDGES} edges`), 'the node list’s counts')
  })

  it('a node clicked on the canvas opens its panel, with its figures, attributes and edges', async () => {
    await clickNode(pageA, 'Food Hub')
    const panel = nodePanel(pageA)
    const figures = panel.getByRole('table', { name: 'Figures of this node' })
    await waitVisible(figures, 'the node’s figures', 30_000)
    // Food Hub links four of the six: the most central node of this map.
    expect(await figures.getByRole('row', { name: /Degree/ }).innerText()).toMatch(/Degree\s+4/)
    expect(await figures.getByRole('row', { name: /Betweenness/ }).innerText()).toMatch(/0\.\d{3}/)
    expect(await panel.getByRole('region', { name: 'Attributes' }).innerText()).toMatch(/Founded\s+2015/)
    const edges = await panel.getByRole('list', { name: 'Edges' }).innerText()
    expect(edges).toContain('River Farm')
    expect(edges).toMatch(/works with, mutual\s*Seed Library/)
  })

  it('an edge Bea adds through her peer shows in Ada’s open panel and on her canvas, without a reload', async () => {
    await waitFor('the imported map on Bea’s peer', async () => (await b.api.getMap({ spaceId })).nodes.length === NODES, 30_000, 100)
    // A reload would lose this mark (the address alone stays the same through one).
    await pageA.evaluate(() => { (window as unknown as { __notReloaded: boolean }).__notReloaded = true })
    await b.api.addMapEdge({ spaceId, from: 'Cargo Bike', to: 'Old Mill', type: 'parked at' })
    await b.api.addMapEdge({ spaceId, from: 'Sam Okafor', to: 'Food Hub', type: 'coordinates' })
    const panel = nodePanel(pageA)
    await waitForText(panel.getByRole('list', { name: 'Edges' }), (t) => t.includes('coordinates'), 'Bea’s edge in Food Hub’s panel', 30_000)
    await waitVisible(panel.getByRole('heading', { name: 'Edges (5)' }), 'five edges on Food Hub')
    await waitFor('the canvas to hold both new edges', async () => (await canvasCounts(pageA))?.edges === EDGES + 2, 15_000, 50)
    expect(await pageA.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true)
  })

  it('from the keyboard: the node list finds and opens a node, and so does the space’s search', async () => {
    await nodePanel(pageA).getByRole('button', { name: /Close the node/ }).click()
    const find = pageA.getByRole('textbox', { name: 'Find a node' })
    await waitVisible(find, 'the node list’s search box')
    // The close button went with the panel: the focus goes to the list's search, not to the page's start.
    await waitFor('the focus on the node list’s search', () => pageA.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Find a node'), 5_000, 50)
    // The type filter narrows the list and its counts as it narrows the drawing.
    const side = pageA.getByRole('complementary', { name: 'Nodes' })
    const list = side.getByRole('listbox', { name: 'Nodes' })
    const people = pageA.getByRole('group', { name: 'Show types' }).getByText('People', { exact: true })
    await people.click()
    await waitForText(side, (t) => {
      const m = /(\d+) of (\d+) nodes/.exec(t)
      return m !== null && Number(m[1]) === Number(m[2]) - 1 && !t.includes('Sam Okafor')
    }, 'the list and its counts without the one person')
    await people.click()
    await waitForText(list, (t) => t.includes('Sam Okafor'), 'the person back in the list')
    expect(await side.innerText()).not.toMatch(/\d+ of \d+ nodes/)
    // Case, spacing and accents aside, each word typed finds the start of a word of a name.
    await find.fill('  RIVE   fa')
    await waitForText(list, (t) => t.includes('River Farm') && !t.includes('Food Hub'), 'River Farm found by the starts of its words')
    // The link picker finds nodes the same way.
    await view(pageA, 'Map').getByRole('button', { name: 'Link two nodes' }).click()
    const linking = pageA.getByRole('dialog')
    await linking.getByLabel(/^From/).fill('seed  LIB')
    await waitVisible(pageA.getByRole('option', { name: /^Seed Library/ }), 'Seed Library offered by the link picker')
    await linking.getByRole('button', { name: 'Cancel' }).click()
    await waitFor('the link dialog closed', async () => (await linking.count()) === 0, 5_000, 50)
    await find.fill('mill')
    await find.press('Enter')
    await waitVisible(nodePanel(pageA).getByRole('heading', { name: 'Old Mill' }), 'Old Mill opened from the list')
    await pageA.getByRole('heading', { name: 'Old Mill' }).click()
    await pageA.keyboard.press('/')
    const box = pageA.getByRole('dialog').getByRole('combobox', { name: 'Search this space' })
    await waitVisible(box, 'the search window')
    await box.fill('Seed Library')
    const hit = pageA.getByRole('listbox', { name: 'Search results' }).getByRole('option').filter({ hasText: 'Seed Library' })
    await waitVisible(hit, 'the node found by the search', 10_000)
    await box.press('Enter')
    await waitVisible(nodePanel(pageA).getByRole('heading', { name: 'Seed Library' }), 'Seed Library opened from a search hit')
  })

  it('Export saves a Kumu blueprint named after the space and the day, holding the whole map; Kumu’s two sheets are one button each', async () => {
    await view(pageA, 'Map').getByRole('button', { name: 'Export' }).click()
    const saved = pageA.waitForEvent('download')
    await pageA.getByRole('menuitem', { name: 'Kumu blueprint (JSON)' }).click()
    const file = await saved
    expect(file.suggestedFilename()).toMatch(/^food-network-map-\d{4}-\d\d-\d\d-kumu\.json$/)
    const blueprint = JSON.parse(readFileSync(await file.path(), 'utf8')) as { elements: Array<{ label: string }>; connections: unknown[] }
    expect(blueprint.elements.map((e) => e.label).sort()).toEqual([...LABELS].sort())
    expect(blueprint.connections).toHaveLength(EDGES + 2)
    await waitVisible(pageA.getByText(`Saved ${file.suggestedFilename()}: ${NODES} nodes and ${EDGES + 2} edges.`), 'the note that the file was saved')

    await view(pageA, 'Map').getByRole('button', { name: 'Export' }).click()
    await pageA.getByRole('menuitem', { name: /Kumu spreadsheets/ }).click()
    const dialog = pageA.getByRole('dialog', { name: 'Save the export' })
    const sheets: string[] = []
    for (const which of ['elements', 'connections']) {
      const next = pageA.waitForEvent('download')
      await dialog.getByRole('button', { name: new RegExp(`-${which}\\.csv$`) }).click()
      const sheet = await next
      sheets.push(sheet.suggestedFilename())
      expect(readFileSync(await sheet.path(), 'utf8').split('\n')[0]).toMatch(which === 'elements' ? /^\W*Label/ : /^\W*From,To/)
    }
    expect(sheets).toEqual([expect.stringMatching(/^food-network-map-.*-elements\.csv$/), expect.stringMatching(/^food-network-map-.*-connections\.csv$/)])
    await dialog.getByRole('button', { name: 'Done' }).click()
    await waitHidden(dialog, 'the export dialog to close')
  })

  it('the Map view, light and dark: screenshots, and axe finds nothing serious in its panels', async () => {
    const found: string[] = []
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openApp(await newContext(browser, { colorScheme: scheme, reducedMotion: 'reduce' }), a.ready.ui, `Ada (${scheme})`, errors)
      await goTo(page, 'Map')
      await waitFor('the map drawn', async () => (await canvasCounts(page))?.nodes === NODES, 15_000, 50)
      await layoutStopped(page)
      await allInSight(page, LABELS)
      await page.mouse.move(0, VIEWPORT.height - 1)
      await shoot(page, `map-${scheme}`)
      await clickNode(page, 'Food Hub')
      await waitVisible(nodePanel(page).getByRole('table', { name: 'Figures of this node' }), 'the figures', 30_000)
      // Opening a node on a map this small moves the camera not at all: every node stays in sight.
      await allInSight(page, LABELS)
      await page.mouse.move(0, VIEWPORT.height - 1)
      await shoot(page, `map-node-${scheme}`)
      await scanInto(found, page, `the node panel (${scheme})`)
      const panel = nodePanel(page)
      await panel.getByRole('button', { name: 'Link to…' }).click()
      const link = page.getByRole('dialog', { name: /^Link “Food Hub” to/ })
      await waitVisible(link, 'the link dialog')
      await scanInto(found, page, `the link dialog (${scheme})`)
      await link.getByRole('button', { name: 'Cancel' }).click()
      await waitHidden(link, 'the link dialog to close')
      await panel.getByRole('button', { name: /^Delete the edge uses/ }).click()
      const dropEdge = page.getByRole('dialog', { name: 'Delete the edge “uses”?' })
      await waitVisible(dropEdge, 'the edge’s delete dialog')
      await scanInto(found, page, `the edge’s delete dialog (${scheme})`)
      await dropEdge.getByRole('button', { name: 'Keep it' }).click()
      await waitHidden(dropEdge, 'the edge’s delete dialog to close')
      await panel.getByRole('button', { name: 'Delete', exact: true }).click()
      const dropNode = page.getByRole('dialog', { name: 'Delete “Food Hub”?' })
      await waitVisible(dropNode, 'the node’s delete dialog')
      await scanInto(found, page, `the node’s delete dialog (${scheme})`)
      await dropNode.getByRole('button', { name: 'Keep it' }).click()
      await waitHidden(dropNode, 'the node’s delete dialog to close')
      // Importing the same file again: the report says nothing changes.
      await view(page, 'Map').getByRole('button', { name: 'Import' }).click()
      const dialog = page.getByRole('dialog', { name: 'Import into the map' })
      await dialog.getByLabel('File to import').setInputFiles(blueprint)
      await dialog.getByRole('button', { name: 'Check the file' }).click()
      await waitForText(dialog.getByRole('region', { name: 'Import report' }), (t) => t.includes('nothing changes'), 'the report of a file the map already holds')
      await scanInto(found, page, `the import report (${scheme})`)
      await dialog.getByRole('button', { name: 'Back' }).click()
      await dialog.getByRole('button', { name: 'Cancel' }).click()
      await waitHidden(dialog, 'the import dialog to close')
      await view(page, 'Map').getByRole('button', { name: 'Add a node' }).click()
      const form = page.getByRole('form', { name: 'Add a node' })
      await waitVisible(form, 'the add form')
      await scanInto(found, page, `the add form (${scheme})`)
      await form.getByRole('button', { name: 'Cancel' }).click()
      await page.context().close()
    }
    expect(found, `serious or critical accessibility violations in\n${found.join('\n')}`).toEqual([])
  })
})
