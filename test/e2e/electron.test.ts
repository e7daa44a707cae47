/**
 * The Electron shell, end to end: where the Electron binary is installed, the built app
 * (dist/electron/main.js, what is packaged) starts its own peer in a utility process and opens
 * one window titled "Commonweave" on the app:// origin; a new peer shows the welcome, a space
 * created there goes over IPC to the peer and back, and the page can reach nothing but
 * `window.commonweave`. Where the binary was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD or
 * no network), this says so and skips; the same renderer is still tested in Chromium by
 * ui.test.ts, and every policy of the shell by test/electron/ without the binary.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { _electron, type ElectronApplication } from 'playwright-core'
import { buildShell } from '../../electron/main/build.ts'
import { ROOT, removeDir, tempDataDir } from '../helpers/cli-peer.ts'
import { ensureRendererBuilt } from './renderer-build.ts'

function electronBinary(): { path: string } | { skip: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown
    if (typeof path === 'string' && existsSync(path)) return { path }
    return { skip: `the electron package names ${String(path)}, which does not exist` }
  } catch (err) {
    // the electron package throws when its binary was never downloaded
    return { skip: (err as Error).message.split('\n')[0] ?? 'require("electron") threw' }
  }
}

const electron = electronBinary()
if ('skip' in electron) {
  console.log(`SKIPPED Electron shell test: the Electron binary is not installed here (${electron.skip}). ` +
    'npm run get-electron fetches it. The renderer is tested in Chromium by test/e2e/ui-*.test.ts; the shell\'s policies by test/electron/.')
}

describe.skipIf('skip' in electron)('Electron shell', () => {
  let home: string | undefined
  let app: ElectronApplication | undefined

  afterAll(async () => {
    await app?.close()
    if (home) removeDir(home)
  })

  it('opens one window titled Commonweave, shows the welcome, and a space created there round-trips over IPC', async () => {
    await ensureRendererBuilt()
    await buildShell()
    home = tempDataDir('cw-e2e-electron-')
    app = await _electron.launch({
      executablePath: (electron as { path: string }).path,
      args: [
        // Chromium refuses to run as root with its OS sandbox; the window's own sandbox setting is unaffected
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        // A test machine has no keyring: force Chromium's plain-text store and opt in to an
        // unprotected key, so no keyring prompt can block the run (the refusal is tested in test/electron/key-storage.test.ts).
        '--password-store=basic',
        join(ROOT, 'dist', 'electron', 'main.js'),
        '--allow-unprotected-key', '--data', join(home, 'peer'), '--no-mdns', '--listen', '/ip4/127.0.0.1/tcp/0',
      ],
      cwd: ROOT,
      // its own profile: app.getPath('userData') lives under XDG_CONFIG_HOME
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
      timeout: 60_000,
    })
    const win = await app.firstWindow({ timeout: 60_000 })
    await win.waitForLoadState('domcontentloaded')
    expect(await win.title()).toBe('Commonweave')
    // the app's own origin, no token; its sections are in-page #/ routes
    expect(win.url()).toMatch(/^app:\/\/commonweave\/index\.html(#\/[a-z-]*)?$/)
    expect(app.windows()).toHaveLength(1)

    // A new peer: the welcome. Creating a space goes page → preload → main → peer and back.
    await win.getByRole('heading', { name: 'Welcome to Commonweave' }).waitFor({ timeout: 30_000 })
    const form = win.getByRole('form', { name: 'Create a space' })
    await form.getByLabel('New space').fill('Tool Library')
    await form.getByRole('button', { name: 'Create' }).click()
    await win.getByRole('navigation', { name: 'Sections' }).waitFor({ timeout: 30_000 })

    // The page holds exactly the bridge: no Node, no ipcRenderer; the peer answers as data.
    const reach = await win.evaluate(async () => {
      const w = window as unknown as { commonweave: { invoke(op: string, input?: unknown): Promise<unknown> }; require?: unknown; process?: unknown }
      return {
        keys: Object.keys(w.commonweave).sort(),
        node: typeof w.require !== 'undefined' || typeof w.process !== 'undefined',
        spaces: await w.commonweave.invoke('listSpaces'),
        unknown: await w.commonweave.invoke('formatDisk', {}),
      }
    })
    expect(reach.keys).toEqual(['invoke', 'onConnection', 'onEvent', 'shell', 'versions'])
    expect(reach.node).toBe(false)
    expect(reach.spaces).toMatchObject({ ok: true, value: [{ name: 'Tool Library', role: 'founder' }] })
    expect(reach.unknown).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  }, 180_000)
})
