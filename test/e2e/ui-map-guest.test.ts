/**
 * The map's other ways in, through the web UI on real headless peers. Ada imports Kumu's two
 * CSV sheets (elements, connections) through the Map view's two file fields: the report first
 * (the merge by web address, the counts), then the map, every node in sight. Cleo is no member:
 * a guest whose read grant names the map sees it drawn, can open a node and export, but is
 * offered no control that would change it (add, link, import, edit, delete).
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { SpaceId } from '../../shared/ids.ts'
import { ROOT } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { chromiumMissingReason, launchChromium } from './browser.ts'
import { ensureRendererBuilt } from './renderer-build.ts'
import type { UiPeer } from './ui-peer.ts'
import { PageErrors, foundSpaceByApi, goTo, grantRead, openApps, startNamedUiPeers, view, waitForText, waitHidden, waitVisible, type UiPeers } from './ui-harness.ts'
import { allInSight, canvasCounts, layoutStopped, nodePanel } from './ui-map-helpers.ts'

if (chromiumMissingReason) console.log(`SKIPPED web UI end-to-end tests: ${chromiumMissingReason}`)

const FIXTURES = join(ROOT, 'test', 'fixtures', 'map')
/** The sheets' nodes once their duplicates are merged (by web address, and by name and type), and their edges. */
const LABELS = ['Green Valley Co-op', 'Maria López', 'Seed Library', 'Riverside', 'Tool Library']
const EDGES = 5

describe.skipIf(chromiumMissingReason !== null)('the map from Kumu’s CSV sheets, and as a guest sees it', () => {
  const errors = new PageErrors()
  let browser: Browser
  let peers: UiPeers
  let a: UiPeer, c: UiPeer
  let pageA: Page, pageC: Page
  let spaceId: SpaceId

  beforeAll(async () => {
    await ensureRendererBuilt()
    peers = await startNamedUiPeers('mapguest', ['Ada', 'Cleo'])
    ;[a, c] = peers.peers as [UiPeer, UiPeer]
    spaceId = await foundSpaceByApi(a, [], 'Valley food')
    await grantRead(a, c, spaceId, ['map'])
    browser = await launchChromium()
    ;[pageA, pageC] = await openApps(browser, [[a, 'Ada'], [c, 'Cleo']], errors) as [Page, Page]
  }, 120_000)

  errors.checkAfterEach()

  afterAll(async () => {
    await browser?.close()
    await peers?.close()
  })

  it('Ada imports the elements and connections sheets through the file fields: the report, then the map', async () => {
    await goTo(pageA, 'Map')
    await view(pageA, 'Map').getByRole('button', { name: 'Import' }).click()
    const dialog = pageA.getByRole('dialog', { name: 'Import into the map' })
    await dialog.getByLabel('File to import').setInputFiles(join(FIXTURES, 'kumu-elements.csv'))
    await dialog.getByLabel('Connections sheet').setInputFiles(join(FIXTURES, 'kumu-connections.csv'))
    await dialog.getByRole('button', { name: 'Check the file' }).click()
    const report = dialog.getByRole('region', { name: 'Import report' })
    await waitForText(report, (t) => t.includes(`would add ${LABELS.length} nodes and ${EDGES} edges`), 'the dry run’s report')
    // The focus went to the step's next button, and the summary was said.
    expect(await pageA.evaluate(() => document.activeElement?.textContent)).toBe('Import')
    expect(await dialog.getByRole('status').innerText()).toContain(`would add ${LABELS.length} nodes`)
    const merged = await report.getByRole('list', { name: 'Merged' }).innerText()
    expect(merged).toMatch(/Green Valley Cooperative.*Green Valley Co-op.*the same web address/)
    await dialog.getByRole('button', { name: 'Import', exact: true }).click()
    await waitForText(report, (t) => t.includes(`added ${LABELS.length} nodes`), 'the import’s report')
    expect(await pageA.evaluate(() => document.activeElement?.textContent)).toBe('Done')
    await dialog.getByRole('button', { name: 'Done' }).click()
    await waitHidden(dialog, 'the import dialog to close')
    await waitFor('the canvas to hold the sheets’ map', async () => {
      const n = await canvasCounts(pageA)
      return n?.nodes === LABELS.length && n.edges === EDGES
    }, 15_000, 50)
    await layoutStopped(pageA)
    await allInSight(pageA, LABELS)
  })

  it('Cleo, a guest who may read the map, sees it drawn and may export it, but is offered nothing that changes it', async () => {
    await waitFor('the map on Cleo’s peer', async () => (await c.api.getMapGraph({ spaceId })).nodes.length === LABELS.length, 30_000, 100)
    await goTo(pageC, 'Map')
    const region = view(pageC, 'Map')
    await waitFor('the map drawn on Cleo’s page', async () => (await canvasCounts(pageC))?.nodes === LABELS.length, 15_000, 50)
    await waitVisible(region.getByRole('button', { name: 'Export' }), 'the export button')
    for (const name of ['Add a node', 'Link two nodes', 'Import']) expect(await region.getByRole('button', { name, exact: true }).count(), name).toBe(0)
    const find = pageC.getByRole('textbox', { name: 'Find a node' })
    await find.fill('Seed')
    await find.press('Enter')
    const panel = nodePanel(pageC)
    await waitVisible(panel.getByRole('heading', { name: 'Seed Library' }), 'Seed Library’s panel')
    await waitVisible(panel.getByRole('list', { name: 'Edges' }), 'its edges')
    for (const name of [/^Edit$/, /^Link to/, /^Delete/]) expect(await panel.getByRole('button', { name }).count(), String(name)).toBe(0)
  })
})
