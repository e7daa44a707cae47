/**
 * Command-line parsing with node:util parseArgs, strict: an unknown flag, a missing value or
 * a stray argument is a usage error (exit 2) that names the problem and the right usage.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import type { OperationDef } from '../../shared/api/operation.ts'
import { OPERATIONS } from '../../shared/api/operations.ts'

export class UsageError extends Error {
  readonly usage: string
  constructor(message: string, usage: string) {
    super(message)
    this.name = 'UsageError'
    this.usage = usage
  }
}

type Options = NonNullable<ParseArgsConfig['options']>

const GLOBAL: Options = {
  data: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
}

export interface CommandSpec {
  /** e.g. ['resource', 'add'] */
  path: string[]
  /** positional argument names, in order; all required */
  positionals: string[]
  options: Options
  /** flags that must be given */
  required?: string[]
  usage: string
  summary: string
  /** More help, shown with the usage on `--help` and on a usage error, and at the end of the command list. */
  notes?: string
  /** The API operation this command calls; none for `init`, `start` (which work on the data directory, as `whoami` does when no peer runs) and `mcp`. */
  op?: OperationDef
}

/** Commands that work on the data directory itself. */
const LOCAL_COMMANDS: CommandSpec[] = [
  {
    path: ['init'], positionals: [], options: { name: { type: 'string' }, passphrase: { type: 'boolean' }, 'new-identity': { type: 'boolean' } },
    usage: 'commonweave init [--name NAME] [--passphrase] [--new-identity]',
    summary: 'create this peer\'s identity in the data directory, or rename it, or wrap its key with a passphrase',
    notes: 'A passphrase is asked for on the terminal, or read from $COMMONWEAVE_PASSPHRASE. --new-identity starts afresh where identity.json is missing from a used data directory (you become a new member, to be invited again).',
  },
  {
    path: ['start'], positionals: [],
    options: {
      listen: { type: 'string', multiple: true }, 'api-port': { type: 'string' }, 'no-mdns': { type: 'boolean' },
      bootstrap: { type: 'string', multiple: true }, name: { type: 'string' }, 'no-ui': { type: 'boolean' }, 'new-identity': { type: 'boolean' },
      community: { type: 'boolean' }, announce: { type: 'string', multiple: true }, 'no-listen': { type: 'boolean' },
    },
    usage: 'commonweave start [--listen MULTIADDR]... [--no-listen] [--api-port N] [--no-mdns] [--bootstrap MULTIADDR]... [--community] [--announce MULTIADDR]...',
    summary: 'run the peer in the foreground (prints one JSON "ready" line)',
    notes: 'Without --api-port the local API takes the port of the last run on this data directory when it is free, so an open page reconnects by itself. On a terminal it also prints the link that opens the app, with its token. ' +
      '--community runs this peer as the community\'s always-on peer: it relays for members (only those holding a grant in one of its spaces) and they find each other through it; give it a fixed port (--listen /ip4/0.0.0.0/tcp/4001) and, behind a port forward, its public address (--announce /ip4/203.0.113.5/tcp/4001). ' +
      'Members name it with --bootstrap ADDRESS/p2p/PEER-ID (`commonweave status` on it prints both); an invite made by a member who knows it carries it. ' +
      '--no-listen accepts no direct connection at all: this peer dials out, and others reach it only through a community peer\'s relay.',
  },
  {
    path: ['mcp'], positionals: [], options: { agent: { type: 'string' } }, required: ['agent'],
    usage: 'commonweave mcp --agent NAME',
    summary: 'an MCP server on stdio for an AI agent, its tools the API under that agent\'s grant',
    notes: 'Add the agent first ("agent add"); the peer must be running. Give an MCP client the command line "commonweave mcp --agent NAME --data DIR".',
  },
]

/** A command for each operation that has one, from its description. */
function commandOf(op: OperationDef): CommandSpec[] {
  const cli = op.cli
  if (!cli) return []
  const options: Options = {}
  for (const [flag, f] of Object.entries(cli.flags ?? {})) options[flag] = f.boolean ? { type: 'boolean' } : { type: 'string', ...(f.multiple ? { multiple: true } : {}) }
  return [{
    path: cli.path, positionals: cli.args.map(([name]) => name), options, usage: cli.usage, summary: cli.summary, op,
    ...(cli.required ? { required: cli.required } : {}), ...(cli.notes ? { notes: cli.notes } : {}),
  }]
}

export const COMMANDS: CommandSpec[] = [
  LOCAL_COMMANDS[0]!, LOCAL_COMMANDS[1]!,
  ...OPERATIONS.flatMap(commandOf),
  LOCAL_COMMANDS[2]!,
]

/** The usage of a command with its notes, as a usage error shows it. */
function usageOf(spec: CommandSpec): string {
  return spec.notes ? `${spec.usage}\n${spec.notes}` : spec.usage
}

export interface ParsedCommand {
  spec: CommandSpec
  args: Record<string, string>
  flags: Record<string, string | string[] | boolean | undefined>
  dataFlag: string | undefined
  json: boolean
}

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length))
  return [
    'Commonweave: peer-to-peer coordination for communities.',
    '',
    'Usage: commonweave COMMAND [--data DIR] [--json]',
    '',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(Math.min(width, 60))}  ${c.summary}`),
    '',
    ...COMMANDS.flatMap((c) => (c.notes ? [c.notes, ''] : [])),
    'The data directory is --data DIR, else $COMMONWEAVE_DATA, else your user data directory.',
    'Every command but init and start talks to the running peer (commonweave start); whoami answers from the data directory when none runs.',
  ].join('\n')
}

/** Returns the command, or null when help was asked for without a command. */
export function parseCommand(argv: string[]): ParsedCommand | null {
  // The command's words: not flags, nor the value of the global --data (`member --help --data DIR`).
  const words = argv.filter((a, i) => !a.startsWith('-') && argv[i - 1] !== '--data')
  if (argv.length === 0 || (words.length === 0 && argv.some((a) => a === '--help' || a === '-h'))) return null
  const spec = COMMANDS
    .filter((c) => c.path.every((p, i) => words[i] === p))
    .sort((a, b) => b.path.length - a.path.length)[0]
  if (!spec) {
    const group = COMMANDS.filter((c) => c.path[0] === words[0])
    if (group.length > 0) {
      const sub = words[1]
      const what = sub && group.every((c) => c.path[1] !== sub) && !/^[A-Za-z0-9_-]{20,}$/.test(sub)
        ? `unknown subcommand "${words[0]} ${sub}"; "${words[0]}" has: `
        : `"${words[0]}" needs a subcommand: `
      throw new UsageError(`${what}${group.map((c) => c.path[1]).join(', ')}`, group.map((c) => c.usage).join('\n'))
    }
    throw new UsageError(`unknown command "${words[0] ?? argv[0]}"`, 'Run "commonweave --help" to see the commands.')
  }
  const rest = [...argv]
  for (const p of spec.path) rest.splice(rest.indexOf(p), 1)
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: rest, options: { ...GLOBAL, ...spec.options }, allowPositionals: true, strict: true })
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify a positional.*$/s, ''), usageOf(spec))
  }
  if (parsed.values['help']) return { spec, args: {}, flags: { help: true }, dataFlag: undefined, json: false }
  if (parsed.positionals.length < spec.positionals.length) {
    throw new UsageError(`missing ${spec.positionals.slice(parsed.positionals.length).join(' ')}`, usageOf(spec))
  }
  if (parsed.positionals.length > spec.positionals.length) {
    throw new UsageError(`unexpected argument "${parsed.positionals[spec.positionals.length]}"`, usageOf(spec))
  }
  for (const r of spec.required ?? []) {
    if (parsed.values[r] === undefined) throw new UsageError(`missing --${r}`, usageOf(spec))
  }
  const args = Object.fromEntries(spec.positionals.map((n, i) => [n, parsed.positionals[i] as string]))
  const flags = parsed.values as ParsedCommand['flags']
  return { spec, args, flags, dataFlag: flags['data'] as string | undefined, json: Boolean(flags['json']) }
}
