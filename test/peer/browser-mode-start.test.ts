/**
 * Browser mode as a person meets it: `commonweave start` keeps its API port across restarts
 * (so an open page finds its peer again), takes a free one when another program holds it and
 * says so, and prints the link that opens the app — with its token — to a terminal only, once
 * even under `npm start`. Real processes; a terminal is a pseudo-terminal made by script(1).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CLI, ROOT, electronInstalled, removeDir, startCliPeer, tempDataDir, type CliPeer } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { ensureRendererBuilt } from '../e2e/renderer-build.ts'

const LOOPBACK = ['--no-mdns', '--listen', '/ip4/127.0.0.1/tcp/0']
const SCRIPT = '/usr/bin/script'

const dirs: string[] = []
const peers: CliPeer[] = []
const servers: Server[] = []
const terminals: ChildProcess[] = []

afterEach(async () => {
  for (const t of terminals.splice(0)) {
    try {
      process.kill(-t.pid!, 'SIGKILL')
    } catch {
      // the group has gone
    }
  }
  await Promise.all(peers.splice(0).map((p) => p.stop()))
  for (const s of servers.splice(0)) s.close()
  for (const d of dirs.splice(0)) removeDir(d)
})

function newDir(): string {
  const d = tempDataDir('cw-port-')
  dirs.push(d)
  return d
}

async function start(dataDir: string, args: string[] = []): Promise<CliPeer> {
  const p = await startCliPeer(dataDir, [...LOOPBACK, ...args])
  peers.push(p)
  return p
}

async function stop(p: CliPeer): Promise<void> {
  expect(await p.stop()).toBe(0)
  peers.splice(peers.indexOf(p), 1)
}

const portOf = (url: string): number => Number(new URL(url).port)

function holdPort(port: number): Promise<Server> {
  return new Promise((res, rej) => {
    const s = createServer()
    s.once('error', rej)
    s.listen(port, '127.0.0.1', () => {
      servers.push(s)
      res(s)
    })
  })
}

describe('the API port across restarts', () => {
  it('a peer started again on the same data directory answers on the same port, with the same token', async () => {
    const dir = newDir()
    const first = await start(dir)
    const port = portOf(first.ready.api)
    await stop(first)
    const second = await start(dir)
    expect(portOf(second.ready.api)).toBe(port)
    // The page's link still works: same address, same token file.
    expect((await second.api.status()).did).toBe(first.ready.did)
  })

  it('when another program took the port meanwhile, the peer starts on a free one and says the address moved', async () => {
    const dir = newDir()
    const first = await start(dir)
    const port = portOf(first.ready.api)
    await stop(first)
    await holdPort(port)
    const second = await start(dir)
    const moved = portOf(second.ready.api)
    expect(moved).not.toBe(port)
    expect(second.logs.join('\n')).toMatch(/API port of the last run is taken/)
    // and the next start keeps the new one
    await stop(second)
    const third = await start(dir)
    expect(portOf(third.ready.api)).toBe(moved)
  })

  it('--api-port N is used as asked, and a port taken is an error that says which', async () => {
    const dir = newDir()
    const held = await holdPort(0)
    const port = (held.address() as { port: number }).port
    await expect(startCliPeer(dir, [...LOOPBACK, '--api-port', String(port)])).rejects.toThrow(/already in use/)
  })
})

interface TerminalRun { output(): string; closed: Promise<number | null> }

/** Runs `argv` on a pseudo-terminal (stdout and stderr both a TTY), as a person at a terminal would. */
function onTerminal(argv: string[], env: NodeJS.ProcessEnv = {}): TerminalRun {
  const command = argv.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ')
  const t = spawn(SCRIPT, ['-qfec', command, '/dev/null'], {
    cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, COMMONWEAVE_LOG: 'info', ...env },
  })
  terminals.push(t)
  let out = ''
  t.stdout!.on('data', (d: Buffer) => { out += d.toString() })
  t.stderr!.on('data', (d: Buffer) => { out += d.toString() })
  return { output: () => out, closed: new Promise((res) => t.on('close', (code) => res(code))) }
}

/** Stops the peer running on `dataDir` (its pid is in the endpoint file) and waits for the terminal to close. */
async function stopOnTerminal(run: TerminalRun, dataDir: string): Promise<void> {
  const { pid } = JSON.parse(readFileSync(join(dataDir, 'api.json'), 'utf8')) as { pid: number }
  process.kill(pid, 'SIGTERM')
  expect(await run.closed).toBe(0)
}

const linkRe = /http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}/g

describe.skipIf(!existsSync(SCRIPT))('the link that opens the app', () => {
  it('commonweave start on a terminal prints the link with the token in its fragment; the JSON ready line stays without it', async () => {
    await ensureRendererBuilt()
    const dir = newDir()
    const token = () => readFileSync(join(dir, 'api-token'), 'utf8').trim()
    const run = onTerminal([process.execPath, CLI, 'start', '--data', dir, ...LOOPBACK])
    await waitFor('the link to be printed', () => run.output().includes('Open the app'), 30_000)
    const links = run.output().match(linkRe) ?? []
    expect(links).toHaveLength(1)
    expect(links[0]).toContain(`#token=${token()}`)
    const readyLine = run.output().split(/\r?\n/).find((l) => l.startsWith('{"event":"ready"'))
    expect(readyLine).toBeDefined()
    expect(readyLine).not.toContain(token())
    await stopOnTerminal(run, dir)
  }, 180_000)

  it('commonweave start with its output going to a pipe (a log) never prints the token', async () => {
    const dir = newDir()
    const p = await start(dir)
    const token = readFileSync(join(dir, 'api-token'), 'utf8').trim()
    await stop(p)
    expect(p.logs.join('\n')).not.toContain(token)
    expect(JSON.stringify(p.ready)).not.toContain(token)
  })

  it.skipIf(electronInstalled())('npm start on a terminal (browser mode) prints the link once, not once for the launcher and again for the peer', async () => {
    await ensureRendererBuilt()
    const dir = newDir()
    const run = onTerminal([process.execPath, join(ROOT, 'electron', 'launch.ts'), '--data', dir, ...LOOPBACK])
    await waitFor('npm start to say the peer is running', () => run.output().includes('is running'), 60_000)
    await waitFor('the link to be printed', () => (run.output().match(linkRe) ?? []).length > 0, 10_000)
    // Both print right after the ready line; a second copy would be there by the time the peer answers.
    const { url } = JSON.parse(readFileSync(join(dir, 'api.json'), 'utf8')) as { url: string }
    await fetch(`${url}/`)
    expect(run.output().match(linkRe)).toHaveLength(1)
    expect(run.output().match(/Open the app/g)).toHaveLength(1)
    await stopOnTerminal(run, dir)
  }, 180_000)

  it.skipIf(electronInstalled())('npm start with its output going to a log prints the link without the token, and where the token is', async () => {
    await ensureRendererBuilt()
    const dir = newDir()
    const child = spawn(process.execPath, [join(ROOT, 'electron', 'launch.ts'), '--data', dir, ...LOOPBACK], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (b: Buffer) => { out += b.toString() })
    child.stderr.on('data', (b: Buffer) => { out += b.toString() })
    const exited = new Promise<void>((r) => child.once('exit', () => r()))
    try {
      await waitFor('npm start to say the peer is running', () => out.includes('Open the app'), 60_000)
      const token = readFileSync(join(dir, 'api-token'), 'utf8').trim()
      expect(out).not.toContain(token)
      expect(out).toContain(`#token=<the token in ${join(dir, 'api-token')}>`)
    } finally {
      child.kill('SIGTERM')
      await exited
    }
  }, 180_000)
})
