/**
 * The `commonweave` command. `init` and `start` work on the data directory; every other
 * command calls the running daemon's local API. Output is for people by default and JSON
 * with --json; errors go to stderr with a non-zero exit code (2 for misuse, 1 otherwise).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { multiaddr } from '@multiformats/multiaddr'
import { CommonweaveError, ErrorCode, toErrorData } from '../../shared/errors.ts'
import { parseDuration } from '../../shared/duration.ts'
import { createHttpClient } from '../../shared/api/http-client.ts'
import type { PeerApi } from '../../shared/api/peer-api.ts'
import type { Did, SpaceId } from '../../shared/ids.ts'
import { TOKEN_FILE } from '../peer/api/token.ts'
import { helpText, parseCommand, UsageError, type ParsedCommand } from './args.ts'
import { API_ENDPOINT_FILE, resolveDataDir } from './data-dir.ts'
import { printResult } from './output.ts'

async function main(argv: string[]): Promise<number> {
  let cmd: ParsedCommand | null
  try {
    cmd = parseCommand(argv)
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    const json = argv.includes('--json')
    process.stderr.write(json
      ? JSON.stringify({ error: { code: ErrorCode.BadRequest, message: err.message, usage: err.usage } }) + '\n'
      : `commonweave: ${err.message}\nUsage: ${err.usage}\n`)
    return 2
  }
  if (!cmd) {
    process.stdout.write(helpText() + '\n')
    return 0
  }
  if (cmd.flags['help']) {
    process.stdout.write(`Usage: ${cmd.spec.usage}\n${cmd.spec.summary}\n${cmd.spec.notes ? `\n${cmd.spec.notes}\n` : ''}`)
    return 0
  }
  const dataDir = resolveDataDir(cmd.dataFlag)
  try {
    const result = await run(cmd, dataDir)
    if (result !== undefined) printResult(cmd.spec.path.join(' '), result, cmd.json)
    return 0
  } catch (err) {
    const error = toErrorData(err)
    process.stderr.write(cmd.json ? JSON.stringify({ error }) + '\n' : `commonweave: ${error.message} (${error.code})\n`)
    return error.code === ErrorCode.ValidationFailed || error.code === ErrorCode.BadRequest ? 2 : 1
  }
}

async function run(cmd: ParsedCommand, dataDir: string): Promise<unknown> {
  const { flags, args } = cmd
  switch (cmd.spec.path.join(' ')) {
    // init and start load the peer core lazily: the other commands are thin API calls and start fast.
    case 'init': {
      const { loadOrCreateIdentity } = await import('../peer/identity/identity.ts')
      const { identity, created } = await loadOrCreateIdentity(dataDir, flags['name'] as string | undefined)
      return { did: identity.did, peerId: identity.peerIdString, name: identity.name, dataDir, created }
    }
    case 'start': {
      const { runDaemon } = await import('./daemon.ts')
      const { createLogger, parseLogLevel } = await import('../peer/log.ts')
      const log = createLogger(parseLogLevel(process.env['COMMONWEAVE_LOG']))
      await runDaemon({
        dataDir, log,
        listen: multiaddrFlag('listen', flags['listen']),
        mdns: !flags['no-mdns'],
        bootstrap: multiaddrFlag('bootstrap', flags['bootstrap']),
        name: flags['name'] as string | undefined,
        ui: !flags['no-ui'],
        apiPort: flags['api-port'] === undefined ? 0 : parsePort(flags['api-port'] as string),
      })
      return undefined
    }
  }
  const api = await connect(dataDir)
  switch (cmd.spec.path.join(' ')) {
    case 'status': return api.status()
    case 'whoami': return api.whoami()
    case 'peers': return api.peers()
    case 'space create': return api.createSpace({ name: args['NAME'] as string })
    case 'space list': return api.listSpaces()
    case 'invite': return api.createInvite({
      spaceId: args['SPACE'] as SpaceId,
      ...(flags['expires'] ? { expiresInSeconds: parseDuration(flags['expires'] as string) } : {}),
    })
    case 'join': return api.joinSpace({
      code: args['CODE'] as string,
      ...(flags['timeout'] ? { timeoutMs: parseDuration(flags['timeout'] as string) * 1000 } : {}),
    })
    case 'resource add': return api.addResource({
      spaceId: args['SPACE'] as SpaceId,
      kind: flags['kind'] as never,
      title: flags['title'] as string,
      ...(flags['description'] !== undefined ? { description: flags['description'] as string } : {}),
      ...(flags['tags'] !== undefined ? { tags: commaList(flags['tags'] as string) } : {}),
    })
    case 'resource list': return api.listResources({ spaceId: args['SPACE'] as SpaceId })
    case 'grant': return api.createGrant({
      spaceId: args['SPACE'] as SpaceId,
      to: (flags['to'] as string).trim() as Did,
      // Checked by the daemon, which names the allowed values; the cast only satisfies the compiler.
      cmd: flags['cmd'] as 'read' | 'write',
      docs: commaList(flags['docs'] as string),
      purpose: (flags['purpose'] as string).trim(),
      ...(flags['expires'] ? { expiresInSeconds: parseDuration(flags['expires'] as string) } : {}),
      ...(flags['note'] !== undefined ? { note: flags['note'] as string } : {}),
    })
    case 'accept': return api.acceptGrant({ code: args['CODE'] as string })
    case 'revoke': return api.revokeGrant({ grantId: args['GRANT_ID'] as string })
    case 'grants': return api.listGrants({ spaceId: args['SPACE'] as SpaceId })
    case 'audit': return api.audit({ spaceId: args['SPACE'] as SpaceId })
  }
  throw new CommonweaveError(ErrorCode.Internal, `command ${cmd.spec.path.join(' ')} has no implementation`)
}

/** `a, b,,c` as `['a', 'b', 'c']`. */
function commaList(text: string): string[] {
  return text.split(',').map((t) => t.trim()).filter(Boolean)
}

/** Checks each multiaddr of a repeated flag, so a typo is named as such, not as a libp2p failure. */
function multiaddrFlag(flag: string, values: unknown): string[] | undefined {
  if (values === undefined) return undefined
  for (const v of values as string[]) {
    try {
      multiaddr(v)
    } catch (err) {
      throw new CommonweaveError(ErrorCode.ValidationFailed,
        `--${flag} "${v}" is not a multiaddr (${(err as Error).message}); for example --${flag} /ip4/0.0.0.0/tcp/4001`)
    }
  }
  return values as string[]
}

function parsePort(text: string): number {
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CommonweaveError(ErrorCode.ValidationFailed, `--api-port must be a port number from 0 to 65535, not "${text}"`)
  return port
}

/** A client for the daemon running on this data directory, or DAEMON_NOT_RUNNING. */
async function connect(dataDir: string): Promise<PeerApi> {
  const notRunning = new CommonweaveError(ErrorCode.DaemonNotRunning,
    `No Commonweave peer is running on ${dataDir}. Start one with: commonweave start --data ${dataDir}`)
  let endpoint: { url?: unknown }
  let token: string
  try {
    endpoint = JSON.parse(await readFile(join(dataDir, API_ENDPOINT_FILE), 'utf8')) as { url?: unknown }
    token = (await readFile(join(dataDir, TOKEN_FILE), 'utf8')).trim()
  } catch {
    throw notRunning
  }
  if (typeof endpoint.url !== 'string') throw notRunning
  return createHttpClient({ url: endpoint.url, token })
}

process.exitCode = await main(process.argv.slice(2))
