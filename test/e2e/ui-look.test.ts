/**
 * How the UI looks and whether everyone can use it: every view, light and dark (the app
 * follows the system's scheme), at 1280×800, saved as a screenshot to test-results/screenshots/
 * (git-ignored; a few are copied by hand to docs/screenshots/), and the main views scanned
 * with axe-core: no violation of impact serious or critical.
 *
 * One space with some of everything in it, seen from its founder's page in two contexts, one
 * per colour scheme. Onboarding is shot first, before the space exists.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import type { Did } from '../../shared/ids.ts'
import { ROOT } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { describeViolations, seriousViolations } from './axe.ts'
import { chromiumMissingReason, launchChromium } from './browser.ts'
import { ensureRendererBuilt } from './renderer-build.ts'
import type { UiPeer } from './ui-peer.ts'
import { PageErrors, VIEWPORT, goTo, newContext, openApp, spaceSwitcher, startNamedUiPeers, view, waitHidden, waitVisible, type UiPeers } from './ui-harness.ts'

if (chromiumMissingReason) console.log(`SKIPPED web UI end-to-end tests: ${chromiumMissingReason}`)

export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots')
const SCHEMES = ['light', 'dark'] as const
type Scheme = (typeof SCHEMES)[number]

/** A modal has finished opening: its dialog is visible and fully opaque (Mantine fades it in). */
async function settled(dialog: Locator, what: string): Promise<void> {
  await waitVisible(dialog, what)
  await waitFor(`${what} to finish opening`, () => dialog.first().evaluate((el) => {
    const box = el.closest('.mantine-Modal-content') ?? el
    return getComputedStyle(box).opacity === '1' && ['none', 'matrix(1, 0, 0, 1, 0, 0)'].includes(getComputedStyle(box).transform)
  }), 5_000, 50)
}

/** The open view has loaded: nothing in it is busy. */
async function loaded(page: Page, section: string): Promise<void> {
  const main = view(page, section)
  await waitVisible(main, `the ${section} view`)
  await waitHidden(main.locator('[aria-busy="true"]'), `the ${section} view to finish loading`)
}

interface View {
  id: string
  /** Scanned with axe (the main views). */
  axe: boolean
  open(page: Page): Promise<void>
  close?(page: Page): Promise<void>
}

const closeDialog = async (page: Page): Promise<void> => {
  await page.keyboard.press('Escape')
  await waitHidden(page.getByRole('dialog'), 'the dialog to close')
}

const VIEWS: View[] = [
  { id: 'resources', axe: true, open: async (p) => {
    await goTo(p, 'Resources')
    await waitVisible(p.getByRole('list', { name: 'Resources' }).getByRole('listitem').filter({ hasText: 'Soup pot' }), 'the board’s offers')
  } },
  { id: 'resource-page', axe: false, open: async (p) => {
    await p.getByRole('list', { name: 'Resources' }).getByRole('listitem').filter({ hasText: 'Soup pot' }).click()
    await waitVisible(p.getByRole('button', { name: 'Edit', exact: true }), 'the resource page')
  } },
  { id: 'resource-add', axe: false, open: async (p) => {
    await goTo(p, 'Resources')
    await p.getByRole('button', { name: 'Add a resource' }).first().click()
    await settled(p.getByRole('dialog'), 'the add form')
  }, close: closeDialog },
  { id: 'bookings', axe: true, open: async (p) => {
    await goTo(p, 'Bookings')
    await waitVisible(p.getByRole('alert').filter({ hasText: /overlaps/ }), 'the conflict in the bookings')
  } },
  { id: 'decisions', axe: true, open: async (p) => {
    await goTo(p, 'Decisions')
    await waitVisible(p.getByRole('list', { name: 'Closed proposals' }).getByRole('link', { name: 'Open the hall on Sundays' }), 'the closed proposal')
  } },
  { id: 'decision-page', axe: true, open: async (p) => {
    await p.getByRole('list', { name: 'Open proposals' }).getByRole('link', { name: 'Buy a shared cargo bike' }).click()
    await waitVisible(p.getByRole('region', { name: 'Tally' }), 'the tally')
    await waitFor('both stances listed', async () => (await p.getByRole('list', { name: 'Stances' }).getByRole('listitem').count()) === 2)
  } },
  { id: 'decision-propose', axe: false, open: async (p) => {
    await goTo(p, 'Decisions')
    await p.getByRole('button', { name: 'New proposal' }).click()
    await settled(p.getByRole('dialog'), 'the propose form')
  }, close: closeDialog },
  { id: 'members', axe: true, open: async (p) => {
    await goTo(p, 'Members')
    await waitFor('both members listed', async () => (await p.getByRole('list', { name: 'Members' }).getByRole('listitem').count()) === 2)
  } },
  { id: 'members-invite', axe: false, open: async (p) => {
    await p.getByRole('button', { name: 'Invite someone' }).click()
    await p.getByRole('button', { name: 'Make invite code' }).click()
    await waitVisible(p.getByRole('button', { name: 'Copy code' }), 'the invite code')
    await settled(p.getByRole('dialog'), 'the invite dialog')
  }, close: closeDialog },
  { id: 'consent', axe: true, open: async (p) => {
    await goTo(p, 'Consent')
    await waitVisible(p.getByRole('table', { name: 'Grants' }), 'the grants table')
  } },
  { id: 'peers', axe: true, open: (p) => goTo(p, 'Peers and sync') },
  { id: 'settings', axe: true, open: (p) => goTo(p, 'Settings') },
  { id: 'search', axe: true, open: async (p) => {
    await goTo(p, 'Resources')
    await p.keyboard.press('/')
    const dialog = p.getByRole('dialog', { name: 'Search Tool Library' })
    await settled(dialog, 'the search window')
    await dialog.getByRole('combobox', { name: 'Search this space' }).fill('pot')
    await waitVisible(dialog.getByRole('option').filter({ hasText: 'Soup pot' }).locator('mark'), 'a hit with its matched word marked')
  }, close: closeDialog },
  { id: 'palette', axe: false, open: async (p) => {
    await p.keyboard.press('Control+k')
    await settled(p.getByRole('dialog', { name: 'Go to…' }), 'the command palette')
  }, close: closeDialog },
]

describe.skipIf(chromiumMissingReason !== null)('every view, light and dark: screenshots and accessibility', () => {
  const errors = new PageErrors()
  const pages = {} as Record<Scheme, Page>
  let browser: Browser
  let peers: UiPeers
  let a: UiPeer, b: UiPeer

  const shoot = (page: Page, scheme: Scheme, id: string): Promise<Buffer> =>
    page.screenshot({ path: join(SCREENSHOTS, `${id}-${scheme}.png`), animations: 'disabled', caret: 'hide' })

  const scan = async (page: Page, what: string): Promise<void> => {
    const violations = await seriousViolations(page)
    expect(violations, `serious or critical accessibility violations in ${what}:\n${describeViolations(violations)}`).toEqual([])
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true })
    await ensureRendererBuilt()
    peers = await startNamedUiPeers('look', ['Ada', 'Bea'])
    ;[a, b] = peers.peers as [UiPeer, UiPeer]
    browser = await launchChromium()
    for (const scheme of SCHEMES) {
      pages[scheme] = await openApp(await newContext(browser, { colorScheme: scheme, reducedMotion: 'reduce' }), a.ready.ui, `Ada (${scheme})`, errors)
    }
  }, 120_000)

  errors.checkAfterEach()

  afterAll(async () => {
    await browser?.close()
    await peers?.close()
  })

  it('onboarding, light and dark', async () => {
    const found: string[] = []
    for (const scheme of SCHEMES) {
      const page = pages[scheme]
      await waitVisible(page.getByLabel('New space'), 'onboarding')
      await shoot(page, scheme, 'onboarding')
      const violations = await seriousViolations(page)
      if (violations.length > 0) found.push(`onboarding (${scheme}):\n${describeViolations(violations)}`)
    }
    expect(found, `serious or critical accessibility violations in\n${found.join('\n')}`).toEqual([])
  })

  it('a space with some of everything appears on both pages', async () => {
    const { spaceId } = await a.api.createSpace({ name: 'Tool Library' })
    const { code } = await a.api.createInvite({ spaceId })
    await b.api.joinSpace({ code })
    const add = (kind: 'offer' | 'need' | 'tool' | 'facility' | 'skill', title: string, description: string, tags: string[]) =>
      a.api.addResource({ spaceId, kind, title, description, tags })
    await add('offer', 'Soup pot', 'A 20-litre pot for community meals; collect from no. 12.', ['kitchen', 'lending'])
    await add('need', 'Help moving on Saturday', 'Two people and a van for an hour.', ['moving'])
    await add('tool', 'Ladder', 'Aluminium, 3 m.', ['garden', 'diy'])
    const hall = await add('facility', 'Community hall', 'Seats 40; key at the café.', ['events'])
    await b.api.addResource({ spaceId, kind: 'skill', title: 'Bike repair', description: 'Saturday mornings.', tags: ['bikes'] })
    const tomorrow = (hour: number): string => {
      const d = new Date()
      d.setDate(d.getDate() + 1)
      d.setHours(hour, 0, 0, 0)
      return d.toISOString()
    }
    await a.api.book({ spaceId, resource: hall.id, from: tomorrow(10), to: tomorrow(12) })
    await waitFor('the hall to reach Bea’s peer', async () => (await b.api.listResources({ spaceId })).items.some((r) => r.id === hall.id), 20_000)
    await b.api.book({ spaceId, resource: hall.id, from: tomorrow(11), to: tomorrow(13) })
    await a.api.createGrant({ spaceId, to: b.ready.did as Did, cmd: 'read', docs: ['resources'], purpose: 'research', note: 'For the neighbourhood survey.' })
    const bike = await a.api.proposeDecision({ spaceId, title: 'Buy a shared cargo bike', process: 'consent', quorum: 50, closes: '72h',
      details: 'A cargo bike for the veg boxes and for moving things around the estate.\nAbout €2,400; the co-op fund covers it.' })
    const sundays = await a.api.proposeDecision({ spaceId, title: 'Open the hall on Sundays', process: 'consensus', closes: '7d' })
    await waitFor('the proposals to reach Bea’s peer', async () => (await b.api.listDecisions({ spaceId })).items.length === 2, 20_000)
    await a.api.castStance({ spaceId, decisionId: bike.id, choice: 'objection', reason: 'Where would we keep it?' })
    await a.api.castStance({ spaceId, decisionId: bike.id, choice: 'consent', reason: 'The shed has room after all.' })
    await b.api.castStance({ spaceId, decisionId: bike.id, choice: 'consent', reason: 'Good for the deliveries, and the school can borrow it.' })
    await b.api.castStance({ spaceId, decisionId: sundays.id, choice: 'agree', reason: 'Yes, for the repair café.' })
    await waitFor('Bea’s stance on the hall to reach Ada’s peer', async () => (await a.api.getDecision({ spaceId, decisionId: sundays.id })).tally.voted === 1, 20_000)
    await a.api.closeDecision({ spaceId, decisionId: sundays.id, outcome: 'Agreed: the hall opens 10–16 on Sundays from next month; Bea holds the key.' })
    for (const scheme of SCHEMES) {
      await waitFor(`the space on the ${scheme} page`, async () => (await spaceSwitcher(pages[scheme]).inputValue().catch(() => '')) === 'Tool Library', 20_000)
    }
  })

  for (const scheme of SCHEMES) {
    describe(`${scheme}`, () => {
      for (const view of VIEWS) {
        it(view.id, async () => {
          const page = pages[scheme]
          await view.open(page)
          // The pointer rests where the last click left it; a hover highlight is not the view's look.
          await page.mouse.move(0, VIEWPORT.height - 1)
          const section = await page.locator('main section[aria-label]').first().getAttribute('aria-label')
          if (section) await loaded(page, section)
          await shoot(page, scheme, view.id)
          if (view.axe) await scan(page, `${view.id} (${scheme})`)
          await view.close?.(page)
        })
      }
    })
  }
})
