/**
 * Live page documents in Chromium, as the daemon serves them: a page built with the app's Vite
 * config (test/e2e/doc-sync-page/: the browser bridge and `openPageDocs`, nothing else) served
 * by the local API with its CSP, from a real peer that holds a page document. The page loads
 * Automerge's wasm only when asked (not at first paint), compiles it under the CSP, opens the
 * page document over `/v1/sync` and reads its title; no CSP violation is reported.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { startApiServer, type ApiServer } from '../../electron/peer/api/http-server.ts'
import { loadOrCreateToken } from '../../electron/peer/api/token.ts'
import type { DocId } from '../../shared/ids.ts'
import { ROOT } from '../helpers/cli-peer.ts'
import { Peers, type TestPeer } from '../helpers/peers.ts'
import { chromiumMissingReason, launchChromium } from './browser.ts'

if (chromiumMissingReason) console.log(`SKIPPED live documents e2e test: ${chromiumMissingReason}`)

function buildCheckPage(outDir: string): Promise<void> {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js')
  const config = join(ROOT, 'test', 'e2e', 'doc-sync-page', 'vite.config.ts')
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', config, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (d: Buffer) => { output += d.toString() })
    child.stderr.on('data', (d: Buffer) => { output += d.toString() })
    child.once('error', reject)
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}:\n${output}`))))
  })
}

describe.skipIf(chromiumMissingReason !== null)('live page documents in the browser', () => {
  const peers = new Peers()
  const outDir = mkdtempSync(join(tmpdir(), 'cw-doc-sync-page-'))
  let a: TestPeer
  let page: DocId
  let server: ApiServer
  let token: string
  let browser: Browser | undefined

  beforeAll(async () => {
    await buildCheckPage(outDir)
    a = await peers.start('A')
    const { spaceId } = await a.peer.api.createSpace({ name: 'Seed library' })
    page = (await a.peer.api.createPage({ spaceId, title: 'How we lend seeds' })).id as DocId
    token = await loadOrCreateToken(a.dataDir)
    server = await startApiServer({ api: a.peer.api, events: a.peer.events, sync: a.peer.windows, token, staticDir: outDir })
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await peers.close()
    rmSync(outDir, { recursive: true, force: true })
  })

  it('builds the wasm as an asset, loads it only when asked, under the CSP, and opens a page document', async () => {
    expect(readdirSync(join(outDir, 'assets')).some((f) => f.endsWith('.wasm'))).toBe(true)
    browser = await launchChromium()
    const tab = await browser.newPage()
    const wasm: string[] = []
    const problems: string[] = []
    tab.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()) })
    tab.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()) })
    tab.on('pageerror', (e) => problems.push(e.message))
    await tab.addInitScript(() => {
      const w = window as unknown as { __cwViolations: string[] }
      w.__cwViolations = []
      document.addEventListener('securitypolicyviolation', (e) => w.__cwViolations.push(`${e.violatedDirective} ${e.blockedURI}`))
    })
    const response = await tab.goto(`${server.url}/#token=${token}`)
    const csp = response?.headers()['content-security-policy'] ?? ''
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'")
    expect(csp).not.toMatch(/'unsafe-eval'/)
    await tab.waitForSelector('body[data-ready="yes"]', { state: 'attached', timeout: 15_000 })
    expect(wasm, 'the wasm fetched at first paint').toEqual([])

    const opened = await tab.evaluate((id) => (window as unknown as { __cwOpenPage(id: string): Promise<unknown> }).__cwOpenPage(id), page as string)
    expect(opened).toEqual({ title: 'How we lend seeds', writable: true })
    expect(wasm).toHaveLength(1)
    expect(await tab.evaluate(() => (window as unknown as { __cwViolations: string[] }).__cwViolations)).toEqual([])
    expect(problems).toEqual([])
  }, 60_000)
})
