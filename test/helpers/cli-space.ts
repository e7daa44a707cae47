/**
 * One member's daemon with a space, driven only through the CLI, for a describe block: started
 * before its tests (`init`, `start` on loopback without mDNS, `space create`), stopped and its
 * data removed after; with the three ways a test calls it: run, read `--json`, expect a refusal.
 */
import { afterAll, beforeAll, expect } from 'vitest'
import { removeDir, runCli, startCliPeer, tempDataDir, type CliPeer, type CliResult } from './cli-peer.ts'

const LOOPBACK = ['--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns']

export interface CliSpace {
  readonly peer: CliPeer
  run(...args: string[]): Promise<CliResult>
  json<T>(...args: string[]): Promise<T>
  /** Runs a command that must fail with `code`, saying `pattern` on stderr. */
  fails(code: number, pattern: RegExp, ...args: string[]): Promise<void>
}

export function cliSpace(space: string, name = 'Ana'): CliSpace {
  let peer: CliPeer | undefined
  const run = (...args: string[]): Promise<CliResult> => runCli([...args, '--data', peer!.dataDir])
  const json = async <T>(...args: string[]): Promise<T> => {
    const r = await run(...args, '--json')
    if (r.code !== 0) throw new Error(`commonweave ${args.join(' ')} failed (${r.code}): ${r.stderr}`)
    return JSON.parse(r.stdout) as T
  }
  const fails = async (code: number, pattern: RegExp, ...args: string[]): Promise<void> => {
    const r = await run(...args)
    expect(r.code, `commonweave ${args.join(' ')} should fail: ${r.stdout}${r.stderr}`).toBe(code)
    expect(r.stderr).toMatch(pattern)
  }
  beforeAll(async () => {
    const dataDir = tempDataDir()
    expect((await runCli(['init', '--name', name, '--data', dataDir])).code).toBe(0)
    peer = await startCliPeer(dataDir, LOOPBACK)
    await json('space', 'create', space)
  }, 60_000)
  afterAll(async () => {
    await peer?.stop()
    if (peer) removeDir(peer.dataDir)
  })
  return { get peer() { return peer! }, run, json, fails }
}
