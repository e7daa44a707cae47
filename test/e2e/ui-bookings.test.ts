/**
 * Two members book the same facility for overlapping times, each on their own page, while
 * their peers cannot reach each other. Once the peers meet again both pages tell the conflict,
 * each naming the other holder; when one cancels, the conflict clears on both pages.
 *
 * The peers run in this process (in-process-ui-peer.ts) so that the partition is real and
 * whole: each peer's connection gater refuses the other on every address, both ways
 * (test/helpers/partition.ts), while each page keeps talking to its own peer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import { partition } from '../helpers/partition.ts'
import { connected } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { chromiumMissingReason, launchChromium } from './browser.ts'
import { startInProcessUiPeer, type InProcessUiPeer } from './in-process-ui-peer.ts'
import { ensureRendererBuilt } from './renderer-build.ts'
import { PageErrors, goTo, selectOptionStartingWith, view, newContext, openApp, waitForText, waitHidden, waitVisible } from './ui-harness.ts'

if (chromiumMissingReason) console.log(`SKIPPED web UI end-to-end tests: ${chromiumMissingReason}`)

const HALL = 'Community hall'

/** `YYYY-MM-DDTHH:mm` for a datetime-local input, `days` from today at `hour`, in local time. */
function localInput(days: number, hour: number): string {
  const d = new Date()
  d.setDate(d.getDate() + days)
  d.setHours(hour, 0, 0, 0)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

const conflicts = (page: Page): Locator => page.getByRole('alert').filter({ hasText: /overlaps/ })
const upcoming = (page: Page): Locator => page.getByRole('list', { name: 'Bookings' }).getByRole('listitem')

async function book(page: Page, fromHour: number, untilHour: number): Promise<void> {
  await view(page, 'Bookings').getByRole('button', { name: 'Book', exact: true }).click()
  const form = page.getByRole('form', { name: 'Book' })
  await waitVisible(form, 'the booking form')
  await selectOptionStartingWith(form.getByLabel('Resource'), HALL)
  await form.getByLabel('From').fill(localInput(1, fromHour))
  await form.getByLabel('Until').fill(localInput(1, untilHour))
  await form.getByRole('button', { name: 'Book', exact: true }).click()
  await waitHidden(form, 'the booking form to close once booked')
}

describe.skipIf(chromiumMissingReason !== null)('a booking conflict made apart, told to both, cleared by one', () => {
  const errors = new PageErrors()
  const peers: InProcessUiPeer[] = []
  let browser: Browser
  let a: InProcessUiPeer, b: InProcessUiPeer
  let pageA: Page, pageB: Page

  beforeAll(async () => {
    await ensureRendererBuilt()
    const started = await Promise.allSettled([startInProcessUiPeer('Ada'), startInProcessUiPeer('Bea')])
    for (const s of started) if (s.status === 'fulfilled') peers.push(s.value)
    for (const s of started) if (s.status === 'rejected') throw s.reason
    ;[a, b] = peers as [InProcessUiPeer, InProcessUiPeer]
    const { spaceId } = await a.api.createSpace({ name: 'Village hall' })
    const { code } = await a.api.createInvite({ spaceId })
    await b.api.joinSpace({ code })
    const hall = await a.api.addResource({ spaceId, kind: 'facility', title: HALL, tags: ['events'] })
    await waitFor('the hall to reach Bea’s peer', async () => (await b.api.listResources({ spaceId })).items.some((r) => r.id === hall.id), 20_000)
    browser = await launchChromium()
    pageA = await openApp(await newContext(browser), a.ui, 'Ada', errors)
    pageB = await openApp(await newContext(browser), b.ui, 'Bea', errors)
    for (const page of [pageA, pageB]) await goTo(page, 'Bookings')
  }, 120_000)

  errors.checkAfterEach()

  afterAll(async () => {
    await browser?.close()
    await Promise.all(peers.map((p) => p.close()))
  })

  it('apart, each books the hall for overlapping times and sees no conflict yet', async () => {
    const cut = await partition([a], [b])
    try {
      await book(pageA, 10, 12)
      await book(pageB, 11, 13)
      await waitForText(upcoming(pageA), (t) => t.includes(HALL), 'Ada’s booking in her upcoming list')
      await waitForText(upcoming(pageB), (t) => t.includes(HALL), 'Bea’s booking in her upcoming list')
      expect(connected(a, b), 'the peers are still apart').toBe(false)
      expect(await upcoming(pageA).count(), 'Ada’s page knows only her own booking').toBe(1)
      expect(await upcoming(pageB).count(), 'Bea’s page knows only her own booking').toBe(1)
      expect(await conflicts(pageA).count()).toBe(0)
      expect(await conflicts(pageB).count()).toBe(0)
    } finally {
      await cut.heal()
    }
  })

  it('together again, both pages tell the conflict, each naming the other holder', async () => {
    const onA = await waitForText(conflicts(pageA), (t) => /Bea’s booking/.test(t), 'the conflict with Bea’s booking on Ada’s page', 30_000)
    const onB = await waitForText(conflicts(pageB), (t) => /Ada’s booking/.test(t), 'the conflict with Ada’s booking on Bea’s page', 30_000)
    // each told from the reader's side: their own booking first, the other's holder by name
    expect(onA).toMatch(/Your booking .* overlaps Bea’s booking/)
    expect(onB).toMatch(/Your booking .* overlaps Ada’s booking/)
  })

  it('Bea cancels hers; the conflict clears on both pages', async () => {
    await conflicts(pageB).getByRole('button', { name: 'Cancel booking' }).click()
    const dialog = pageB.getByRole('dialog', { name: 'Cancel this booking?' })
    await waitVisible(dialog, 'the cancel confirmation')
    await dialog.getByRole('button', { name: 'Cancel booking' }).click()
    await waitHidden(conflicts(pageB), 'the conflict to clear on Bea’s page')
    await waitHidden(conflicts(pageA), 'the conflict to clear on Ada’s page', 30_000)
    await waitFor('only Ada’s booking left in her upcoming list', async () => (await upcoming(pageA).count()) === 1)
    expect(await upcoming(pageA).allTextContents()).toEqual([expect.stringContaining('You')])
  })
})
