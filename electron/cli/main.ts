/**
 * The `commonweave` command. `init` and `start` work on the data directory, and so does
 * `whoami` when no peer runs on it; every other command calls the running daemon's local
 * API. Output is for people by default and JSON with --json; errors go to stderr with a
 * non-zero exit code (2 for misuse, 1 otherwise).
 */
import { readFileSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { multiaddr } from '@multiformats/multiaddr'
import { CommonweaveError, ErrorCode, toErrorData } from '../../shared/errors.ts'
import { isDuration, parseDuration } from '../../shared/duration.ts'
import { visibleText } from '../../shared/schemas/text.ts'
import { validated } from '../../shared/validate.ts'
import { createHttpClient } from '../../shared/api/http-client.ts'
import type { CliFlag } from '../../shared/api/operation.ts'
import type { PeerApi } from '../../shared/api/peer-api.ts'
import { TOKEN_FILE } from '../peer/api/token.ts'
import { helpText, parseCommand, UsageError, type ParsedCommand } from './args.ts'
import { API_ENDPOINT_FILE, resolveDataDir } from './data-dir.ts'
import { inFlagWords } from './flag-words.ts'
import { printResult } from './output.ts'
import { callOffline, followProgress, OFFLINE_OPS } from './offline.ts'
import { safeJson, safeText } from './safe-text.ts'

/** The largest file a flag may name (`--file`: a page's markdown). */
const MAX_FLAG_FILE_BYTES = 2_000_000

async function main(argv: string[]): Promise<number> {
  let cmd: ParsedCommand | null
  try {
    cmd = parseCommand(argv)
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    const json = argv.includes('--json')
    process.stderr.write(json
      ? safeJson({ error: { code: ErrorCode.BadRequest, message: err.message, usage: err.usage } }) + '\n'
      : `commonweave: ${err.message.split('\n').map(safeText).join('\n')}\nUsage: ${err.usage}\n`)
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
    if (result !== undefined) printResult(cmd.spec.op?.op ?? cmd.spec.path.join(' '), result, cmd.json, { ...cmd.args, ...cmd.flags })
    return 0
  } catch (err) {
    // A field the command sets is named as the flag or argument that set it.
    const error = inFlagWords(toErrorData(err), cmd.spec.op?.cli)
    // An error's words may quote a peer's text (a space's name, an inviter's answer).
    process.stderr.write(cmd.json ? safeJson({ error }) + '\n' : `commonweave: ${safeText(error.message)} (${safeText(error.code)})\n`)
    return error.code === ErrorCode.ValidationFailed || error.code === ErrorCode.BadRequest ? 2 : 1
  }
}

async function run(cmd: ParsedCommand, dataDir: string): Promise<unknown> {
  const { flags } = cmd
  switch (cmd.spec.path.join(' ')) {
    // init and start load the peer core lazily: the other commands are thin API calls and start fast.
    case 'init': {
      const { init } = await import('./local-commands.ts')
      return init(dataDir, {
        ...(flags['name'] !== undefined ? { name: displayName(flags['name'])! } : {}),
        passphrase: flags['passphrase'] === true, newIdentity: flags['new-identity'] === true,
      })
    }
    case 'whoami': {
      // With no peer running on the data directory, the answer comes from the directory itself.
      const { lockHolder } = await import('../peer/identity/data-dir-lock.ts')
      if (await lockHolder(dataDir) !== undefined) break
      const { offlineWhoami } = await import('./local-commands.ts')
      return offlineWhoami(dataDir)
    }
    case 'start': {
      const { runDaemon } = await import('./daemon.ts')
      const { askPassphrase, envPassphrase } = await import('./passphrase.ts')
      const { createLogger, parseLogLevel } = await import('../peer/log.ts')
      const log = createLogger(parseLogLevel(process.env['COMMONWEAVE_LOG']))
      await runDaemon({
        dataDir, log,
        listen: listenFlags(flags['listen'], flags['no-listen'] === true),
        mdns: !flags['no-mdns'],
        bootstrap: multiaddrFlag('bootstrap', flags['bootstrap']),
        community: flags['community'] === true,
        announce: multiaddrFlag('announce', flags['announce']),
        name: displayName(flags['name']),
        ui: !flags['no-ui'],
        newIdentity: flags['new-identity'] === true,
        unlock: { passphrase: () => askPassphrase(dataDir), wrapNew: envPassphrase() !== undefined },
        ...(flags['api-port'] === undefined ? {} : { apiPort: parsePort(flags['api-port'] as string) }),
      })
      return undefined
    }
    case 'mcp': {
      const { runMcpServer } = await import('./mcp-server.ts')
      await runMcpServer(dataDir, flags['agent'] as string)
      return undefined
    }
  }
  if (!cmd.spec.op) throw new CommonweaveError(ErrorCode.Internal, `command ${cmd.spec.path.join(' ')} has no implementation`)
  const op = cmd.spec.op.op
  const showProgress = !cmd.json && process.stderr.isTTY === true
  let daemon: Daemon
  try {
    daemon = await connect(dataDir)
  } catch (err) {
    const notRunning = err instanceof CommonweaveError && err.code === ErrorCode.DaemonNotRunning
    if (notRunning && op === 'rename') {
      throw new CommonweaveError(ErrorCode.DaemonNotRunning, `${err.message}, or rename the stopped peer with: commonweave init --name NAME --data ${dataDir} (the rosters take the name when it next starts)`)
    }
    // Export and import also work on a stopped peer: the peer core runs here for the one call.
    if (!OFFLINE_OPS.has(op) || !notRunning) throw err
    return callOffline(dataDir, op, inputOf(cmd), showProgress)
  }
  const call = daemon.api[op] as (input: unknown) => Promise<unknown>
  // A long export or import made by the running peer shows its progress, as one made here does.
  const unfollow = OFFLINE_OPS.has(op) && showProgress ? followProgress(daemon.url, daemon.token) : () => {}
  try {
    return await call(inputOf(cmd))
  } finally {
    unfollow()
  }
}

/** A command's positionals and flags as its operation's input, as the operation's CLI description maps them. */
function inputOf(cmd: ParsedCommand): unknown {
  const cli = cmd.spec.op?.cli
  if (!cli) return undefined
  const input: Record<string, unknown> = {}
  for (const [name, field] of cli.args) input[field] = cmd.args[name]
  for (const [flag, f] of Object.entries(cli.flags ?? {})) {
    const value = cmd.flags[flag]
    if (value === undefined) continue
    input[f.field ?? flag] = typeof value === 'string' ? parseFlag(flag, value, f.parse) : value
  }
  for (const field of cli.paths ?? []) if (typeof input[field] === 'string') input[field] = resolve(input[field])
  return cli.args.length === 0 && Object.keys(input).length === 0 ? undefined : input
}

function parseFlag(flag: string, value: string, parse: NonNullable<CliFlag['parse']> = 'text'): unknown {
  switch (parse) {
    case 'text': return value
    case 'trim': return value.trim()
    case 'list': return commaList(value)
    case 'duration': return parseDuration(value)
    case 'durationMs': return parseDuration(value) * 1000
    case 'time': return localTime(flag, value)
    case 'clearable': return value.trim() === '' ? null : value
    case 'timeOrDuration': return isDuration(value) ? value.trim() : localTime(flag, value)
    case 'fileText': return fileText(flag, value)
    case 'int': {
      const n = Number(value.trim())
      if (!/^-?\d{1,15}$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new CommonweaveError(ErrorCode.ValidationFailed, `--${flag} must be a whole number, not "${value}"`)
      return n
    }
  }
}

/**
 * An ISO 8601 time as the user typed it, read in this machine's time zone when it names none
 * (`2026-12-24`, `2026-12-24T09:00`, `2026-12-24 09:00`), sent as UTC so the daemon need not
 * share the zone.
 */
function localTime(flag: string, value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?))?(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim())
  const at = m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00:00'}${m[5] ?? ''}`) : undefined
  // 2027-02-30 is no day: Date would roll it over into March.
  const realDay = m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate()
  if (!at || Number.isNaN(at.getTime()) || !realDay) {
    throw new CommonweaveError(ErrorCode.ValidationFailed, `--${flag} "${value}" is not a time: use ISO 8601, e.g. 2026-12-24T09:00 (local time) or 2026-12-24T09:00Z`)
  }
  return at.toISOString()
}

/** The text of the file a flag names, or an error that says why it cannot be read. */
function fileText(flag: string, value: string): string {
  const path = resolve(value)
  try {
    if (statSync(path).size > MAX_FLAG_FILE_BYTES) throw new CommonweaveError(ErrorCode.ValidationFailed, `--${flag} ${path} is larger than ${MAX_FLAG_FILE_BYTES / 1_000_000} MB`)
    return readFileSync(path, 'utf8')
  } catch (err) {
    if (err instanceof CommonweaveError) throw err
    const code = (err as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'it is not readable by you' : code === 'EISDIR' ? 'it is a folder, not a file' : `it cannot be read (${code ?? String(err)})`
    throw new CommonweaveError(ErrorCode.ValidationFailed, `--${flag} ${path}: ${why}`)
  }
}

/** `a, b,,c` as `['a', 'b', 'c']`. */
function commaList(text: string): string[] {
  return text.split(',').map((t) => t.trim()).filter(Boolean)
}

/** Checks each multiaddr of a repeated flag, so a typo is named as such, not as a libp2p failure. */
/** `--listen`, or none at all with `--no-listen` (the two together contradict each other). */
function listenFlags(values: unknown, none: boolean): string[] | undefined {
  if (!none) return multiaddrFlag('listen', values)
  if (values !== undefined) throw new CommonweaveError(ErrorCode.ValidationFailed, '--no-listen and --listen contradict each other: give one of them.')
  return []
}

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

/** `--name`, the name others see on a space's roster: one line, something visible in it. */
function displayName(value: unknown): string | undefined {
  return value === undefined ? undefined : validated(visibleText('--name', 120), value)
}

function parsePort(text: string): number {
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CommonweaveError(ErrorCode.ValidationFailed, `--api-port must be a port number from 0 to 65535, not "${text}"`)
  return port
}

/** A client for the daemon running on this data directory, or DAEMON_NOT_RUNNING. */
interface Daemon { api: PeerApi; url: string; token: string }

async function connect(dataDir: string): Promise<Daemon> {
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
  return { api: createHttpClient({ url: endpoint.url, token }), url: endpoint.url, token }
}

// `commonweave map list S | head -1`: the reader has gone, and so has any reason to go on
// writing; a running peer (`start`) just stops printing (its log knows what to do).
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err
  if (process.argv[2] !== 'start') process.exit(process.exitCode ?? 0)
})

process.exitCode = await main(process.argv.slice(2))
