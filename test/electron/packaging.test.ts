/**
 * Packaging, as far as it can be checked without the Electron binary: electron-builder.yml
 * passes electron-builder's own schema and sets the fuses; `npm run dist` refuses at once
 * where the binary is missing; and the shell builds into plain JavaScript whose peer host
 * loads every module it needs.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildShell } from '../../electron/main/build.ts'
import { distPlan } from '../../electron/main/dist-plan.ts'
import { ROOT } from '../helpers/cli-peer.ts'

const require = createRequire(join(ROOT, 'package.json'))
const yaml = require('js-yaml') as { load(text: string): unknown }
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(c: unknown, log: unknown): Promise<void> }
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }

interface BuilderConfig {
  extraMetadata: { main: string }
  files: string[]
  electronFuses: Record<string, boolean>
  linux: { target: string[] }; mac: { target: string[] }; win: { target: string[] }
}
const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s own schema', async () => {
    await validateConfiguration(structuredClone(config), new DebugLogger(false))
  })
  it('flips the fuses that keep the packaged app from being turned into something else', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true, enableCookieEncryption: true,
    })
  })
  it('builds AppImage and deb, dmg, and an NSIS installer', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toEqual(['dmg'])
    expect(config.win.target).toEqual(['nsis'])
  })
  it('ships the built shell and UI, never TypeScript sources', () => {
    expect(config.extraMetadata.main).toBe('dist/electron/main.js')
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**/*', 'dist/renderer/**/*']))
    expect(config.files.some((f) => /^(electron|shared|renderer)\//.test(f))).toBe(false)
  })
})

describe('npm run dist', () => {
  it('refuses at once, saying why, where the Electron binary is missing', () => {
    const plan = distPlan({ electron: { error: 'Electron failed to install correctly' }, electronDist: '/r/node_modules/electron/dist', platform: 'linux', args: [] })
    expect(plan.kind).toBe('refuse')
    if (plan.kind === 'refuse') expect(plan.message).toMatch(/Electron binary.*not installed.*npm run get-electron.*Nothing was built/s)
    expect(distPlan({ electron: { path: '/x/electron', exists: false }, electronDist: '/d', platform: 'linux', args: [] }).kind).toBe('refuse')
  })
  it('packages with the installed binary for this platform, and lets electron-builder fetch another platform\'s', () => {
    const here = { electron: { path: '/r/node_modules/electron/dist/electron', exists: true }, electronDist: '/r/node_modules/electron/dist', platform: 'linux' as const }
    expect(distPlan({ ...here, args: [] })).toEqual({ kind: 'package', builderArgs: ['--config.electronDist=/r/node_modules/electron/dist'] })
    expect(distPlan({ ...here, args: ['--linux', 'deb'] })).toEqual({ kind: 'package', builderArgs: ['--linux', 'deb', '--config.electronDist=/r/node_modules/electron/dist'] })
    expect(distPlan({ ...here, args: ['--win'] })).toMatchObject({ kind: 'package', builderArgs: ['--win'] })
  })
  it('exits non-zero within seconds here, where the binary is missing', () => {
    let installed = true
    try {
      require('electron')
    } catch {
      installed = false
    }
    if (installed) return
    const run = spawnSync(process.execPath, [join(ROOT, 'electron', 'main', 'dist.ts')], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 })
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/needs the Electron binary/)
  })
})

describe('the built shell', () => {
  const out = join(ROOT, 'dist', `electron-test-${process.pid}`)
  afterAll(() => rmSync(out, { recursive: true, force: true }))

  it('is plain JavaScript: a self-contained preload, and a peer host whose every import resolves', async () => {
    await buildShell(out)
    const preload = readFileSync(join(out, 'preload.cjs'), 'utf8')
    expect([...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron'])
    expect(preload).toContain('exposeInMainWorld("commonweave"')
    const main = readFileSync(join(out, 'main.js'), 'utf8')
    for (const [, from] of main.matchAll(/^import .* from "([^"]+)";$/gm)) expect(from, 'main.js import').toMatch(/^(node:|electron$|\.\/chunks\/)/)
    // Loading the host under plain Node resolves all its imports, then it stops: it has no Electron parentPort.
    const host = spawnSync(process.execPath, [join(out, 'peer-host.js')], { encoding: 'utf8', timeout: 30_000 })
    expect(host.stderr).toContain('runs only as an Electron utility process')
    expect(host.status).toBe(2)
  }, 60_000)
})
