#!/usr/bin/env node
/**
 * `npm ci`'s postinstall (and `npm run get-electron`): fetches the Electron binary, or says
 * in one line that `npm start` will run the app in browser mode. It never fails the install.
 *
 * package.json's `allowScripts` denies electron's own install script: where GitHub cannot be
 * reached it fails, and takes `npm ci` down with it; where a firewall drops packets it can
 * hang. Here the same artifact is fetched with electron's own @electron/get (same mirror and
 * cache settings, same checksums), with timeouts: 15 s to connect, 30 s without a byte. A
 * slow download that keeps moving is never cut short. Then electron's install.js unpacks it
 * from the cache, so the result is exactly what electron would have installed.
 *
 * Plain JavaScript, because npm may run it with an older Node than the project's.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const TIMEOUTS = { lookup: 15_000, connect: 15_000, secureConnect: 15_000, socket: 30_000 }
/** Unpacking from the cache reads no network; this only bounds a wedged install.js. */
const UNPACK_MS = 5 * 60_000
const BROWSER_MODE = 'npm start will run Commonweave in browser mode (the peer with its web UI). To try again: npm run get-electron'

const say = (line) => console.log(`commonweave: ${line}`)
const firstLine = (err) => String(err instanceof Error ? err.message : err).split('\n')[0]

function electronPackage() {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return undefined
  }
}

/** The binary electron's index.js points at, if it is there. */
function installedBinary(electronDir) {
  try {
    const path = createRequire(join(electronDir, 'package.json'))('./index.js')
    return typeof path === 'string' && existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}

function unpack(electronDir) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d) => { stderr += d })
    const timer = setTimeout(() => child.kill('SIGKILL'), UNPACK_MS)
    child.on('error', (err) => { clearTimeout(timer); resolve(firstLine(err)) })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      resolve(code === 0 ? undefined : signal ? `unpacking did not finish within ${UNPACK_MS / 60_000} minutes` : firstLine(stderr.trim() || `exit ${code}`))
    })
  })
}

async function main() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    say(`ELECTRON_SKIP_BINARY_DOWNLOAD is set, so the Electron binary was not downloaded; ${BROWSER_MODE}`)
    return
  }
  const electronDir = electronPackage()
  if (!electronDir) {
    say(`the electron package is not installed (dev dependencies left out?); ${BROWSER_MODE}`)
    return
  }
  const electronRequire = createRequire(join(electronDir, 'package.json'))
  const { version } = electronRequire('./package.json')
  if (installedBinary(electronDir)) {
    say(`Electron ${version} is installed; npm start opens the desktop app.`)
    return
  }
  try {
    const { downloadArtifact } = electronRequire('@electron/get')
    await downloadArtifact({
      version, artifactName: 'electron',
      platform: process.env.npm_config_platform || process.platform,
      arch: process.env.npm_config_arch || process.arch,
      cacheRoot: process.env.electron_config_cache,
      checksums: electronRequire('./checksums.json'),
      downloadOptions: { timeout: TIMEOUTS },
    })
  } catch (err) {
    say(`the Electron binary could not be downloaded (${firstLine(err)}); ${BROWSER_MODE}`)
    return
  }
  const failed = await unpack(electronDir)
  if (failed || !installedBinary(electronDir)) {
    say(`the Electron binary was downloaded but could not be installed (${failed ?? 'no binary after unpacking'}); ${BROWSER_MODE}`)
    return
  }
  say(`Electron ${version} is installed; npm start opens the desktop app.`)
}

// Exit at once: after a failed download @electron/get leaves a 30 s progress-bar timer behind.
main()
  .catch((err) => say(`the Electron binary could not be set up (${firstLine(err)}); ${BROWSER_MODE}`))
  .finally(() => process.exit(0))
