/**
 * The built renderer as the Electron window runs it, in Chromium, without the Electron binary:
 * its files served with the app's CSP headers (by the app protocol's own resolveAppFile), and a
 * `window.commonweave` shaped like the preload's that carries each call through main's sender
 * and call checks to a real peer in a peer host. A new peer shows the welcome; creating a space
 * there reaches the peer and the frame appears; peer events refresh the page; the strict CSP
 * is never violated. What this cannot show (Electron's own IPC, contextBridge, app:// itself)
 * is for test/e2e/electron.test.ts where the binary exists.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { APP_ORIGIN, contentTypeOf, resolveAppFile } from '../../electron/main/app-protocol.ts'
import { SECURITY_HEADERS } from '../../electron/main/csp.ts'
import { answerCall } from '../../electron/main/ipc-handlers.ts'
import type { PeerProcess } from '../../electron/main/peer-process.ts'
import { chromiumMissingReason, launchChromium } from '../e2e/browser.ts'
import { ensureRendererBuilt, RENDERER_DIST } from '../e2e/renderer-build.ts'
import { startHost, TEST_NET } from './host-channel.ts'

// Chromium cannot be handed app:// here, so the page lives on a stand-in https origin whose
// URLs map one to one onto app://commonweave/.
const STAND_IN = 'https://commonweave.test'
const asAppUrl = (url: string): string => url.startsWith(STAND_IN) ? APP_ORIGIN + url.slice(STAND_IN.length) : url

if (chromiumMissingReason) console.log(`SKIPPED renderer-over-IPC test: ${chromiumMissingReason}`)

describe.skipIf(chromiumMissingReason !== null)('the renderer over the IPC bridge', () => {
  let browser: Browser | undefined
  let peer: PeerProcess | undefined
  const dataDir = mkdtempSync(join(tmpdir(), 'cw-renderer-ipc-'))
  afterAll(async () => {
    await browser?.close()
    await peer?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('shows the welcome, creates a space through the peer, and keeps to the CSP', async () => {
    await ensureRendererBuilt()
    peer = startHost({ dataDir, passphrase: 'kept by the keyring', net: TEST_NET }).peer
    const running = peer
    browser = await launchChromium()
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.route(`${STAND_IN}/**`, async (route) => {
      const file = resolveAppFile(RENDERER_DIST, asAppUrl(route.request().url()))
      if (!file) return route.fulfill({ status: 404, headers: { ...SECURITY_HEADERS } })
      return route.fulfill({ status: 200, body: readFileSync(file), headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file) } })
    })
    // Stand-in for Electron's IPC: each call carries the facts main would read off its event.
    await page.exposeBinding('__cwInvoke', (source, op: unknown, input: unknown) => answerCall(
      { contentsId: 1, destroyed: false, frame: { url: asAppUrl(source.frame.url()), isMainFrame: source.frame === page.mainFrame() } },
      { contentsId: 1 }, op, input, running, dataDir))
    await page.addInitScript(() => {
      const w = window as unknown as Record<string, unknown> & { __cwInvoke(op: string, input: unknown): Promise<unknown> }
      const listeners = new Set<(event: string, payload: unknown) => void>()
      w['__cwViolations'] = [] as string[]
      document.addEventListener('securitypolicyviolation', (e) => (w['__cwViolations'] as string[]).push(`${e.violatedDirective} ${e.blockedURI}`))
      w['__cwEmit'] = (event: string, payload: unknown) => { for (const l of listeners) l(event, payload) }
      w['commonweave'] = Object.freeze({
        shell: 'electron', versions: Object.freeze({ electron: 'test', chrome: 'test' }),
        invoke: (op: string, input?: unknown) => w.__cwInvoke(String(op), input),
        onEvent: (l: (event: string, payload: unknown) => void) => { listeners.add(l); return () => { listeners.delete(l) } },
        onConnection: () => () => {},
      })
    })
    running.onEvent((event, payload) => {
      page.evaluate(([e, p]) => (window as unknown as { __cwEmit(e: unknown, p: unknown): void }).__cwEmit(e, p), [event, payload] as const).catch(() => {})
    })

    await page.goto(`${STAND_IN}/index.html`)
    await page.getByRole('heading', { name: 'Welcome to Commonweave' }).waitFor({ timeout: 30_000 })
    await page.screenshot({ path: join(tmpdir(), 'cw-electron-welcome.png') })
    const form = page.getByRole('form', { name: 'Create a space' })
    await form.getByLabel('New space').fill('Tool Library')
    await form.getByRole('button', { name: 'Create' }).click()
    await page.getByRole('navigation', { name: 'Sections' }).waitFor({ timeout: 30_000 })
    await page.getByText('Tool Library').first().waitFor({ timeout: 30_000 })
    await page.screenshot({ path: join(tmpdir(), 'cw-electron-frame.png') })

    // The space is the peer's, not the page's: asked over the same path, the peer lists it.
    expect(await running.call('listSpaces', undefined)).toMatchObject({ ok: true, value: [{ name: 'Tool Library', role: 'founder' }] })
    // No token anywhere: the page never had one (its sections are in-page #/ routes, which no navigation guard sees).
    expect(page.url()).toMatch(new RegExp(`^${STAND_IN}/index\\.html(#/[a-z-]*)?$`))
    expect(page.url()).not.toContain('token')
    expect(await page.evaluate(() => (window as unknown as { __cwViolations: string[] }).__cwViolations)).toEqual([])
  }, 120_000)
})
