/**
 * A decision through the web UI, on three pages: Ada proposes (consensus, a quorum of half),
 * Bea takes a stance with her reason (the form says a disagreement needs one before sending),
 * and Ada's page shows the tally move and Bea's stance, by name and verified, without a reload.
 * Ada closes it with an outcome, which Bea's page shows. Cleo, a guest with a read grant on
 * decisions only, sees the proposal and its stances but is offered no stance and no board.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import type { SpaceId } from '../../shared/ids.ts'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { waitFor } from '../helpers/wait-for.ts'
import { loomioExport } from '../helpers/loomio-export.ts'
import { chromiumMissingReason, launchChromium } from './browser.ts'
import { ensureRendererBuilt } from './renderer-build.ts'
import type { UiPeer } from './ui-peer.ts'
import {
  PageErrors, foundSpaceByApi, goTo, grantRead, openApps, sectionLink, startNamedUiPeers, view, waitForText, waitHidden, waitVisible, type UiPeers,
} from './ui-harness.ts'

if (chromiumMissingReason) console.log(`SKIPPED web UI end-to-end tests: ${chromiumMissingReason}`)

const TITLE = 'Open the hall on Sundays'
const REASON = 'Who holds the key on Sundays? Not me.'
const OUTCOME = 'Agreed: the hall opens 10–16 on Sundays; Ada holds the key.'

const tally = (page: Page): Locator => page.getByRole('region', { name: 'Tally' })
const stances = (page: Page): Locator => page.getByRole('list', { name: 'Stances' }).getByRole('listitem')

/** Opens the proposal from the Decisions list, once it has reached this page's peer. */
async function openProposal(page: Page, who: string): Promise<void> {
  await goTo(page, 'Decisions')
  const link = view(page, 'Decisions').getByRole('list', { name: 'Open proposals' }).getByRole('link', { name: TITLE })
  await waitVisible(link, `the proposal in ${who}’s open proposals`, 30_000)
  await link.click()
  await waitVisible(page.getByRole('heading', { name: TITLE }), `the proposal’s page on ${who}’s page`)
}

describe.skipIf(chromiumMissingReason !== null)('a proposal made, answered and closed through the web UI', () => {
  const errors = new PageErrors()
  let browser: Browser
  let peers: UiPeers
  let a: UiPeer, b: UiPeer, c: UiPeer
  let pageA: Page, pageB: Page, pageC: Page
  let spaceId: SpaceId

  beforeAll(async () => {
    await ensureRendererBuilt()
    peers = await startNamedUiPeers('decisions', ['Ada', 'Bea', 'Cleo'])
    ;[a, b, c] = peers.peers as [UiPeer, UiPeer, UiPeer]
    spaceId = await foundSpaceByApi(a, [b], 'Village hall')
    // Cleo is no member: a guest who may read the space's decisions, and nothing else.
    await grantRead(a, c, spaceId, ['decisions'])
    browser = await launchChromium()
    ;[pageA, pageB, pageC] = await openApps(browser, [[a, 'Ada'], [b, 'Bea'], [c, 'Cleo']], errors) as [Page, Page, Page]
  }, 120_000)

  errors.checkAfterEach()

  afterAll(async () => {
    await browser?.close()
    await peers?.close()
  })

  it('Ada proposes, by consensus with a quorum of half; its page explains the process in one line', async () => {
    await goTo(pageA, 'Decisions')
    await waitVisible(view(pageA, 'Decisions').getByRole('heading', { name: 'No proposals yet' }), 'the empty state')
    await view(pageA, 'Decisions').getByRole('button', { name: 'New proposal' }).click()
    const form = pageA.getByRole('form', { name: 'New proposal' })
    await waitVisible(form, 'the propose form')
    await form.getByRole('textbox', { name: 'Title' }).fill(TITLE)
    await form.getByRole('textbox', { name: 'Details' }).fill('From next month, 10–16, for the repair café and the choir.')
    await form.getByLabel('Process').selectOption('consensus')
    await form.getByLabel('Quorum (%)').fill('50')
    await form.getByRole('radio', { name: 'In 1 day' }).check()
    await form.getByRole('button', { name: 'Propose' }).click()
    await waitHidden(form, 'the form to close once proposed')

    await waitVisible(pageA.getByRole('heading', { name: TITLE }), 'the new proposal’s page')
    await waitForText(pageA.getByTestId('process-line'), (t) => t.startsWith('Consensus: carried unless someone blocks'), 'the process in one line')
    const shown = await waitForText(tally(pageA), (t) => /0 of 2 members have taken part/.test(t), 'the empty tally')
    expect(shown).toMatch(/closes in (23 h \d+ min|1 day)/)
    expect(shown).toMatch(/Quorum 50%: 1 needed, 0 taken part — not reached yet/)
  })

  it('Bea disagrees, and the form asks for her reason before sending it', async () => {
    await openProposal(pageB, 'Bea')
    const group = pageB.getByRole('group', { name: 'Your stance' })
    expect(await group.getByRole('button').allTextContents()).toEqual(['Agree', 'Abstain', 'Disagree', 'Block'])
    await group.getByRole('button', { name: 'Disagree' }).click()
    const reason = pageB.getByRole('textbox', { name: 'Reason' })
    expect(await reason.getAttribute('aria-describedby')).toBeTruthy()
    await waitForText(pageB.getByText('Disagree needs a reason: say why, so others can respond.'), (t) => t.length > 0, 'the reason said to be needed')
    await pageB.getByRole('button', { name: 'Submit stance' }).click()
    await waitForText(pageB.getByText('Disagree needs a reason.', { exact: true }), (t) => t.length > 0, 'the missing reason, in words')
    await reason.fill(REASON)
    await pageB.getByRole('button', { name: 'Submit stance' }).click()
    await waitForText(stances(pageB), (t) => t.includes(REASON), 'Bea’s stance in her list')
    await waitVisible(pageB.getByRole('button', { name: 'Change stance' }), 'the form offering to change it')
  })

  it('Ada’s page shows the tally move and Bea’s stance, by name and verified, without a reload', async () => {
    const shown = await waitForText(tally(pageA), (t) => /1 of 2 members have taken part/.test(t), 'Bea’s stance in Ada’s tally', 30_000)
    expect(shown).toMatch(/Disagree\s*1/)
    expect(shown).toMatch(/reached/)
    const item = await waitForText(stances(pageA), (t) => t.includes(REASON), 'Bea’s stance on Ada’s page')
    expect(item).toContain('Bea')
    expect(item).toContain('Disagree')
    expect(item).toContain('Verified')
  })

  it('Cleo, reading decisions only, sees the proposal and its stances but no stance control, no board', async () => {
    await waitVisible(sectionLink(pageC, 'Decisions'), 'Decisions in Cleo’s navigation', 30_000)
    expect(await sectionLink(pageC, 'Resources').count(), 'no resources board for a grant on decisions only').toBe(0)
    await openProposal(pageC, 'Cleo')
    await waitForText(stances(pageC), (t) => t.includes(REASON), 'Bea’s stance on Cleo’s page', 30_000)
    await waitVisible(tally(pageC), 'the tally on Cleo’s page')
    expect(await pageC.getByRole('group', { name: 'Your stance' }).count()).toBe(0)
    expect(await pageC.getByRole('button', { name: 'Submit stance' }).count()).toBe(0)
    expect(await pageC.getByRole('button', { name: 'Close proposal' }).count()).toBe(0)
    await pageC.getByRole('button', { name: 'All proposals' }).click()
    await waitVisible(pageC.getByRole('list', { name: 'Open proposals' }), 'Cleo’s list')
    expect(await pageC.getByRole('button', { name: 'New proposal' }).count()).toBe(0)
  })

  it('Ada closes it with an outcome; Bea’s page shows the outcome and that it closed', async () => {
    await pageA.getByRole('button', { name: 'Close proposal' }).click()
    const dialog = pageA.getByRole('dialog', { name: 'Close proposal' })
    await waitVisible(dialog, 'the close dialog')
    await dialog.getByRole('textbox', { name: 'Outcome' }).fill(OUTCOME)
    await dialog.getByRole('button', { name: 'Close with outcome' }).click()
    await waitHidden(dialog, 'the dialog to close once closed')
    await waitForText(pageA.getByRole('region', { name: 'Outcome' }), (t) => t.includes(OUTCOME), 'the outcome on Ada’s page')

    const outcome = await waitForText(pageB.getByRole('region', { name: 'Outcome' }), (t) => t.includes(OUTCOME), 'the outcome on Bea’s page', 30_000)
    expect(outcome).toContain('Ada')
    expect(outcome).toContain('Verified')
    await waitForText(tally(pageB), (t) => /closed on/.test(t), 'Bea’s tally saying it closed')
    await waitForText(tally(pageB), (t) => /Result: carried/.test(t), 'the final result on Bea’s page')
    await waitHidden(pageB.getByRole('group', { name: 'Your stance' }), 'no stance offered once closed')
    await waitFor('the proposal among Bea’s closed ones', async () => {
      await pageB.getByRole('button', { name: 'All proposals' }).click().catch(() => {})
      return (await pageB.getByRole('list', { name: 'Closed proposals' }).getByRole('link', { name: TITLE }).count()) === 1
    }, 20_000)
  })

  it('Ada brings the co-op’s Loomio decisions over: a report of what came and what did not, then each marked imported, its stances as Loomio recorded them', async () => {
    const file = join(a.dataDir, '..', `hall-co-op-loomio-${Date.now()}.json`)
    writeFileSync(file, loomioExport())
    await pageA.getByRole('button', { name: 'All proposals' }).click().catch(() => {})
    await goTo(pageA, 'Decisions')
    await view(pageA, 'Decisions').getByRole('button', { name: 'Import from Loomio' }).click()
    const form = pageA.getByRole('form', { name: 'Import from Loomio' })
    await waitVisible(form, 'the import form')
    await form.getByRole('textbox', { name: 'Loomio export file' }).fill(file)
    await form.getByRole('button', { name: 'Import' }).click()
    const report = await waitForText(pageA.getByRole('dialog', { name: 'Import from Loomio' }).getByRole('status'), (t) => t.includes('Imported 3 decisions'), 'the import report')
    expect(report).toContain('“Where shall we picnic?”: a dot vote poll')
    await pageA.getByRole('button', { name: 'Done' }).click()
    const link = view(pageA, 'Decisions').getByRole('list', { name: 'Closed proposals' }).getByRole('link', { name: 'Paint the hall green' })
    await waitVisible(link, 'the imported proposal among the closed ones')
    await link.click()
    await waitVisible(pageA.getByRole('heading', { name: 'Paint the hall green' }), 'the imported proposal’s page')
    const items = await waitForText(stances(pageA), (t) => t.includes('Ben Okafor'), 'Loomio’s stances, by name')
    expect(items).toContain('As Loomio recorded it')
    expect(items).toContain('Fine, green it is & no more')
    await waitForText(pageA.getByRole('region', { name: 'Outcome' }), (t) => t.includes('Green, from March.'), 'Loomio’s outcome')
    await waitForText(tally(pageA), (t) => /Result: carried/.test(t), 'the tally from Loomio’s stances')
  })
})
