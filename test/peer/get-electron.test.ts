/**
 * `npm ci`'s postinstall where the Electron binary cannot be had: it says, in one line, that
 * `npm start` will run in browser mode, and exits 0 so the install goes on. The download goes
 * to a mirror on 127.0.0.1 (ELECTRON_MIRROR, which Electron's own downloader honours): first
 * one that refuses connections, then one that serves a file that is not Electron.
 */
import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ROOT, electronInstalled, removeDir, tempDataDir } from '../helpers/cli-peer.ts'

const SCRIPT = join(ROOT, 'electron', 'get-electron.js')

const dirs: string[] = []
const servers: Server[] = []
afterEach(() => {
  for (const s of servers.splice(0)) s.close()
  for (const d of dirs.splice(0)) removeDir(d)
})

function getElectron(mirror: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const cache = tempDataDir('cw-electron-cache-')
  dirs.push(cache)
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_MIRROR: mirror, electron_config_cache: cache }
  delete env['ELECTRON_SKIP_BINARY_DOWNLOAD']
  return new Promise((res) => {
    execFile(process.execPath, [SCRIPT], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      res({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr })
    })
  })
}

function listen(server: Server): Promise<number> {
  servers.push(server)
  return new Promise((res) => server.listen(0, '127.0.0.1', () => res((server.address() as { port: number }).port)))
}

describe.skipIf(electronInstalled())('the postinstall without an Electron binary to be had (skipped where the binary is installed)', () => {
  it('a mirror that refuses connections: one line saying browser mode, exit 0', async () => {
    const closed = createServer()
    const port = await listen(closed)
    closed.close()
    const r = await getElectron(`http://127.0.0.1:${port}/`)
    expect(r.code).toBe(0)
    expect(r.stdout.trim().split('\n')).toHaveLength(1)
    expect(r.stdout).toMatch(/could not be downloaded \(.*ECONNREFUSED.*\); npm start will run Commonweave in browser mode/)
    expect(r.stderr).toBe('')
  })

  it('a mirror that serves something else: the checksum fails, browser mode, exit 0', async () => {
    const port = await listen(createServer((_req, res) => res.end('not electron')))
    const r = await getElectron(`http://127.0.0.1:${port}/`)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/could not be downloaded \(.*\); npm start will run Commonweave in browser mode/)
    expect(r.stdout).toContain('npm run get-electron')
  })
})
