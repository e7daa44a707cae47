/**
 * Consent through the web UI: Ada grants Cleo, who is not a member, read access to the
 * resources of her space for matching; Cleo accepts the copied code in Settings and sees the
 * space as a guest, with its resources, live. Ada revokes: Cleo's page says so within two
 * seconds, and what Ada adds afterwards never reaches Cleo's page (nor her peer).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import type { SpaceId } from '../../shared/ids.ts'
import { holdsFor } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { chromiumMissingReason, launchChromium } from './browser.ts'
import { ensureRendererBuilt } from './renderer-build.ts'
import type { UiPeer } from './ui-peer.ts'
import {
  PageErrors, goTo, newContext, openApp, readClipboard, spaceSwitcher, startNamedUiPeers, view, waitForText, waitVisible, type UiPeers,
} from './ui-harness.ts'

if (chromiumMissingReason) console.log(`SKIPPED web UI end-to-end tests: ${chromiumMissingReason}`)

const SPACE = 'Tool Library'
const resources = (page: Page): Locator => page.getByRole('list', { name: 'Resources' }).getByRole('listitem')

describe.skipIf(chromiumMissingReason !== null)('a grant given, accepted and revoked through the web UI', () => {
  const errors = new PageErrors()
  let browser: Browser
  let peers: UiPeers
  let a: UiPeer, c: UiPeer
  let pageA: Page, pageC: Page
  let spaceId: SpaceId
  let code = ''

  beforeAll(async () => {
    // First: a peer serves the UI only if the build is there when it starts.
    await ensureRendererBuilt()
    peers = await startNamedUiPeers('consent', ['Ada', 'Cleo'])
    ;[a, c] = peers.peers as [UiPeer, UiPeer]
    ;({ spaceId } = await a.api.createSpace({ name: SPACE }))
    await a.api.addResource({ spaceId, kind: 'offer', title: 'Soup pot', tags: ['kitchen'] })
    // Cleo is in a community of her own, not in Ada's.
    await c.api.createSpace({ name: 'Cleo’s garden' })
    browser = await launchChromium()
    pageA = await openApp(await newContext(browser), a.ready.ui, 'Ada', errors)
    pageC = await openApp(await newContext(browser), c.ready.ui, 'Cleo', errors)
  }, 120_000)

  errors.checkAfterEach()

  afterAll(async () => {
    await browser?.close()
    await peers?.close()
  })

  it('Ada grants Cleo, by the key Cleo’s Settings shows, read on resources for matching, and copies the code', async () => {
    await goTo(pageC, 'Settings')
    const key = (await waitForText(pageC.getByTestId('your-key'), (t) => t.startsWith('did:key:'), 'Cleo’s key in her Settings')).trim()
    expect(key).toBe(c.ready.did)

    await goTo(pageA, 'Consent')
    await pageA.getByRole('button', { name: 'Grant access' }).click()
    const form = pageA.getByRole('form', { name: 'Grant access' })
    await form.getByLabel('To (their key)').fill(key)
    await form.getByRole('checkbox', { name: 'resources', exact: true }).check()
    await form.getByLabel('Access').selectOption('read')
    await form.getByLabel('Purpose').selectOption('matching')
    await form.getByRole('button', { name: 'Grant', exact: true }).click()

    const shown = pageA.getByRole('textbox', { name: 'Grant code' })
    await waitVisible(shown, 'the grant code once granted')
    await pageA.evaluate(() => navigator.clipboard.writeText(''))
    await pageA.getByRole('button', { name: 'Copy code' }).click()
    code = await waitFor('the grant code on the clipboard', async () => (await readClipboard(pageA)).trim())
    expect(code).toBe((await shown.inputValue()).trim())
    await pageA.keyboard.press('Escape')
  })

  it('Cleo accepts it in Settings and sees the space as a guest, with its resources, live', async () => {
    const main = view(pageC, 'Settings')
    await main.getByRole('textbox', { name: 'Grant code' }).fill(code)
    await main.getByRole('button', { name: 'Accept', exact: true }).click()
    const guestName = `${SPACE} (guest)`
    if ((await spaceSwitcher(pageC).inputValue()) !== guestName) {
      await spaceSwitcher(pageC).click()
      await pageC.getByRole('option', { name: guestName }).click()
    }
    await waitFor('the guest space chosen in Cleo’s switcher', async () => (await spaceSwitcher(pageC).inputValue()) === guestName)
    await waitForText(pageC.getByTestId('space-access'), (t) => /read/i.test(t) && !/revoked/i.test(t), 'Cleo’s access described as read')
    await goTo(pageC, 'Resources')
    await waitForText(resources(pageC), (t) => t.includes('Soup pot'), 'Ada’s “Soup pot” on Cleo’s board', 30_000)

    // The control for the revocation below: while the grant holds, what Ada adds reaches Cleo's open page.
    await a.api.addResource({ spaceId, kind: 'offer', title: 'Ladder', tags: ['garden'] })
    await waitForText(resources(pageC), (t) => t.includes('Ladder'), '“Ladder”, added while the grant holds, on Cleo’s open board')
  })

  it('Ada revokes it: Cleo’s page says so within 2 s, and nothing Ada adds afterwards reaches it', async () => {
    await goTo(pageA, 'Consent')
    const row = pageA.getByRole('table', { name: 'Grants' }).getByRole('row').filter({ hasText: /Matching/ })
    await row.getByRole('button', { name: 'Revoke' }).click()
    const dialog = pageA.getByRole('dialog', { name: 'Revoke this grant?' })
    await waitVisible(dialog, 'the revoke confirmation')
    await dialog.getByRole('button', { name: 'Revoke', exact: true }).click()
    const revokedAt = Date.now()
    await waitForText(pageC.getByTestId('space-access'), (t) => /revoked/i.test(t), 'Cleo’s switcher to say the access was revoked', 2_000)
    console.log(`Cleo's page showed the revocation ${Date.now() - revokedAt} ms after Ada confirmed it`)
    await waitForText(row, (t) => /Revoked/.test(t), 'the grant marked Revoked in Ada’s table')

    await a.api.addResource({ spaceId, kind: 'offer', title: 'Secret plans', tags: ['private'] })
    await holdsFor('“Secret plans” stays off Cleo’s page and peer', 4_000, async () =>
      !(await resources(pageC).allTextContents()).join(' ').includes('Secret plans')
      // a peer that may no longer read the space may refuse to list it at all: then it is not there either
      && !(await c.api.listResources({ spaceId, all: true }).catch(() => ({ items: [] }))).items.some((r) => r.title === 'Secret plans'))
    expect((await resources(pageC).allTextContents()).join(' '), 'what reached Cleo before stays with her').toContain('Ladder')
  })
})
