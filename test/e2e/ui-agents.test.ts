/**
 * Agents through the web UI, on a real headless peer: Ada adds an agent from the Consent view
 * (read on resources, for an AI agent assisting her, for an hour); its token is shown once, with
 * the command that runs it as an MCP server, and is gone once the dialog closes; the agent is
 * listed. A program calls the peer's API with that token: its calls, the one allowed and the one
 * refused, and one to an address that does not exist, are counted in its row by themselves and
 * are in the agent's Activity, in words; a call made while it is open shows in it. Ada revokes it (asked first): it is listed as revoked,
 * and its next call is refused. The Agents part, its form and an agent's Activity are shot,
 * light and dark, and scanned with axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import type { SpaceId } from '../../shared/ids.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { chromiumMissingReason, launchChromium } from './browser.ts'
import { ensureRendererBuilt } from './renderer-build.ts'
import { scanInto, shoot } from './ui-shots.ts'
import type { UiPeer } from './ui-peer.ts'
import {
  PageErrors, goTo, looksHuman, newContext, openApp, readClipboard, startNamedUiPeers, view, waitForText, waitHidden, waitVisible, type UiPeers,
} from './ui-harness.ts'

if (chromiumMissingReason) console.log(`SKIPPED web UI end-to-end tests: ${chromiumMissingReason}`)

const AGENT = 'Matchmaker'

/** The agent's row in the Agents table. */
const agentRow = (page: Page, name: string): Locator => page.getByRole('table', { name: 'Agents' }).getByRole('row').filter({ hasText: name })

describe.skipIf(chromiumMissingReason !== null)('an agent added, used and revoked through the web UI', () => {
  const errors = new PageErrors()
  let browser: Browser
  let peers: UiPeers
  let a: UiPeer
  let pageA: Page
  let spaceId: SpaceId
  let token = ''

  /** A call of another program to the peer's API with the agent's token. */
  const call = async (path: string): Promise<{ status: number; body: { items?: Array<{ title: string }>; error?: { code: string; message: string } } }> => {
    const res = await fetch(`${a.ready.api}/v1/spaces/${spaceId}/${path}`, { headers: { authorization: `Bearer ${token}` } })
    return { status: res.status, body: await res.json() as never }
  }

  beforeAll(async () => {
    await ensureRendererBuilt()
    peers = await startNamedUiPeers('agents', ['Ada'])
    ;[a] = peers.peers as [UiPeer]
    ;({ spaceId } = await a.api.createSpace({ name: 'Riverside co-op' }))
    await a.api.addResource({ spaceId, kind: 'offer', title: 'Cargo bike to lend', tags: ['transport'] })
    browser = await launchChromium()
    pageA = await openApp(await newContext(browser), a.ready.ui, 'Ada', errors)
  }, 120_000)

  errors.checkAfterEach()

  afterAll(async () => {
    await browser?.close()
    await peers?.close()
  })

  it('Ada adds an agent: its token is shown once, with the command that runs it, and it is listed', async () => {
    await goTo(pageA, 'Consent')
    const agents = view(pageA, 'Consent').getByRole('region', { name: 'Agents' })
    await waitVisible(agents.getByRole('heading', { name: 'No agents' }), 'the empty agents list')
    await agents.getByRole('button', { name: 'Add agent' }).click()
    const form = pageA.getByRole('form', { name: 'Add an agent' })
    await form.getByRole('textbox', { name: 'Name' }).fill(AGENT)
    expect(await form.getByRole('checkbox', { name: 'resources', exact: true }).isChecked()).toBe(true)
    expect(await form.getByLabel('Purpose').inputValue()).toBe('agent-assist')
    await form.getByLabel('For how long').selectOption({ label: '1 hour' })
    await form.getByRole('button', { name: 'Add agent' }).click()

    const shown = pageA.getByRole('textbox', { name: 'Agent token' })
    await waitVisible(shown, 'the token once added')
    token = (await shown.inputValue()).trim()
    expect(token.length).toBeGreaterThanOrEqual(32)
    expect(await pageA.getByRole('textbox', { name: 'Run it as an MCP server' }).inputValue()).toBe(`commonweave mcp --agent ${AGENT}`)
    expect(JSON.parse(await pageA.getByRole('textbox', { name: 'MCP client config' }).inputValue())).toMatchObject({ mcpServers: { 'commonweave-matchmaker': { args: ['mcp', '--agent', AGENT] } } })
    await pageA.evaluate(() => navigator.clipboard.writeText(''))
    await pageA.getByRole('button', { name: 'Copy the token' }).click()
    expect(await waitFor('the token on the clipboard', async () => (await readClipboard(pageA)).trim())).toBe(token)
    await pageA.getByRole('button', { name: 'Done' }).click()
    await waitHidden(shown, 'the token dialog to close')

    const row = agentRow(pageA, AGENT)
    const text = await waitForText(row, (t) => t.includes('Active'), 'the agent listed as active')
    expect(text).toMatch(/resources\s*read\s*An AI agent assisting a member\s*in (59 minutes|60 minutes|1 hour)/)
    // Shown once: opening the form again shows no token, and the page holds it nowhere.
    await agents.getByRole('button', { name: 'Add agent' }).click()
    await waitVisible(form, 'the form again')
    expect(await pageA.getByRole('textbox', { name: 'Agent token' }).count()).toBe(0)
    expect(await pageA.content()).not.toContain(token)
    // Only the agents' purposes; one that only reads turns writing off.
    const purposes = await form.getByLabel('Purpose').locator('option').allInnerTexts()
    expect(purposes).toHaveLength(4)
    expect(purposes.join('|')).not.toMatch(/Publishing|backup|Any purpose/)
    const write = form.getByRole('switch', { name: 'May also write' })
    await write.check()
    await form.getByLabel('Purpose').selectOption('matching')
    expect(await write.isChecked()).toBe(false)
    expect(await write.isDisabled()).toBe(true)
    await form.getByRole('button', { name: 'Cancel' }).click()
    await waitHidden(form, 'the form to close')
  })

  it('its calls with the token, allowed and refused, are in its Activity', async () => {
    const listed = await call('resources')
    expect(listed.status).toBe(200)
    expect(listed.body.items?.map((r) => r.title)).toEqual(['Cargo bike to lend'])
    const pages = await call('pages')
    expect(pages.status).toBe(403)
    expect((await call('nothing-here')).status).toBe(404)
    // The row keeps up by itself: no click, no reload.
    await waitForText(agentRow(pageA, AGENT), (t) => /Active\s*3\s*just now/.test(t), 'three calls counted in its row, by itself', 15_000)
    await agentRow(pageA, AGENT).getByRole('button', { name: 'Activity' }).click()
    const calls = pageA.getByRole('table', { name: `Calls by ${AGENT}` })
    // Newest first, the refusal with the peer's reason in words.
    const text = await waitForText(calls, (t) => /does not exist \(GET \/v1\/spaces\/\S+\/nothing-here\).*list pages.*refused.*list resources\s*done/s.test(t), 'the three calls in its Activity, newest first')
    expect(text).toContain('does not let it read pages')
    expect(text).not.toMatch(/unknown-route|NOT_FOUND|No API route/)
    // Another call while it is open shows in it.
    await call('resources')
    await waitForText(calls, (t) => (t.match(/list resources/g) ?? []).length === 2, 'the new call in the open Activity', 15_000)
    expect(looksHuman(text)).toBe(true)
    await pageA.keyboard.press('Escape')
    await waitHidden(calls, 'the Activity to close')
    await waitForText(agentRow(pageA, AGENT), (t) => /Active\s*4\s*just now/.test(t), 'four calls counted in its row')
    // The audit log names it too.
    const audit = pageA.getByRole('table', { name: 'Audit log' })
    await waitForText(audit, (t) => t.includes(`${AGENT} (agent)`) && t.includes('list pages: refused'), 'the calls in the audit log, in words')
  })

  it('Ada revokes it (asked first): it is listed as revoked and its next call is refused', async () => {
    await agentRow(pageA, AGENT).getByRole('button', { name: 'Revoke' }).click()
    const dialog = pageA.getByRole('dialog', { name: `Revoke “${AGENT}”?` })
    await waitVisible(dialog, 'the revoke confirmation')
    await dialog.getByRole('button', { name: 'Revoke', exact: true }).click()
    await waitHidden(dialog, 'the confirmation to close')
    await waitForText(agentRow(pageA, AGENT), (t) => t.includes('Revoked'), 'the agent listed as revoked')
    expect(await agentRow(pageA, AGENT).getByRole('button', { name: 'Revoke' }).count()).toBe(0)
    const refused = await call('resources')
    expect(refused.status).toBeGreaterThanOrEqual(400)
    expect(refused.body.items).toBeUndefined()
    expect(looksHuman(refused.body.error?.message ?? ''), refused.body.error?.message).toBe(true)
  })

  it('the Agents part, its form and an agent’s Activity, light and dark: screenshots, and axe finds nothing serious', async () => {
    // A second agent, active, beside the revoked one.
    await a.api.addAgent({ spaceId, name: 'Ada assistant', docs: ['resources', 'pages'], write: true, purpose: 'agent-assist', expiresInSeconds: 8 * 3_600 })
    const found: string[] = []
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openApp(await newContext(browser, { colorScheme: scheme, reducedMotion: 'reduce' }), a.ready.ui, `Ada (${scheme})`, errors)
      await goTo(page, 'Consent')
      const agents = view(page, 'Consent').getByRole('region', { name: 'Agents' })
      await waitForText(page.getByRole('table', { name: 'Agents' }), (t) => t.includes('Ada assistant') && t.includes('Revoked'), 'both agents listed')
      // The part at the top of the window, below the app's header.
      await agents.evaluate((el) => { el.scrollIntoView({ block: 'start' }); window.scrollBy(0, -70) })
      await page.mouse.move(0, 799)
      await shoot(page, `agents-${scheme}`)
      await scanInto(found, page, `the Agents part (${scheme})`)
      await agents.getByRole('button', { name: 'Add agent' }).click()
      const form = page.getByRole('form', { name: 'Add an agent' })
      await waitVisible(form, 'the agent form')
      await shoot(page, `agents-add-${scheme}`)
      await scanInto(found, page, `the agent form (${scheme})`)
      await form.getByRole('button', { name: 'Cancel' }).click()
      await waitHidden(form, 'the agent form to close')
      await agentRow(page, AGENT).getByRole('button', { name: 'Activity' }).click()
      await waitForText(page.getByRole('table', { name: `Calls by ${AGENT}` }), (t) => t.includes('refused'), 'its Activity')
      await shoot(page, `agents-activity-${scheme}`)
      await scanInto(found, page, `an agent’s Activity (${scheme})`)
      await page.context().close()
    }
    expect(found, found.join('\n\n')).toEqual([])
  })
})
