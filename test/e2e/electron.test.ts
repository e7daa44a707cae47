/**
 * The Electron shell: where the Electron binary is installed, the app starts (its own peer in
 * a utility process) and opens one window titled "Commonweave". Where the binary was not
 * downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD), this says so and skips; the same renderer is
 * still tested in Chromium by ui.test.ts.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { _electron, type ElectronApplication } from 'playwright-core'
import { ROOT, removeDir, tempDataDir } from '../helpers/cli-peer.ts'
import { ensureRendererBuilt } from './renderer-build.ts'

function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    // the electron package throws when its binary was never downloaded
    return null
  }
}

const electronPath = electronBinary()
if (!electronPath) {
  console.log('SKIPPED Electron shell test: the Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD); the same renderer is tested in Chromium by ui.test.ts')
}

describe.skipIf(electronPath === null)('Electron shell', () => {
  let home: string | undefined
  let app: ElectronApplication | undefined

  afterAll(async () => {
    await app?.close()
    if (home) removeDir(home)
  })

  it('opens one window titled Commonweave', async () => {
    await ensureRendererBuilt()
    home = tempDataDir('cw-e2e-electron-')
    app = await _electron.launch({
      executablePath: electronPath!,
      // Chromium refuses to run as root with its OS sandbox; the window's own sandbox setting is unaffected
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), join(ROOT, 'electron', 'main', 'main.ts')],
      cwd: ROOT,
      // its own profile and peer data: app.getPath('userData') lives under XDG_CONFIG_HOME
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
      timeout: 60_000,
    })
    const win = await app.firstWindow({ timeout: 60_000 })
    await win.waitForLoadState('domcontentloaded')
    expect(await win.title()).toBe('Commonweave')
  }, 120_000)
})
