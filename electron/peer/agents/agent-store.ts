/**
 * This peer's agents on disk: one file, `agents.json` in the data directory, mode 0600, each
 * agent's name, space, key seed, API token, grants and use. The seed and the token never
 * leave this peer: only the owner (who can read the data directory anyway) and `commonweave
 * mcp --agent NAME` on this machine read them.
 *
 * Invariants:
 * - every change is a durable whole-file write (temp file, fsync, rename), one at a time;
 * - a damaged or unreadable file never stops the peer: it is set aside (`agents.json.damaged-…`)
 *   and reported in words; its agents' tokens stop working and their grants end within a day.
 */
import { join } from 'node:path'
import { z } from 'zod'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import { writeFileDurable } from '../storage/durable-file.ts'
import { readDataFile, setAside } from '../storage/data-file.ts'
import { OneAtATime } from '../../../shared/one-at-a-time.ts'
import type { Logger } from '../log.ts'

export const AGENTS_FILE = 'agents.json'

const AgentRecordSchema = z.object({
  name: z.string().min(1).max(40),
  spaceId: z.string().min(1),
  did: z.string().startsWith('did:key:'),
  /** The Ed25519 seed of its key, base64. */
  seed: z.string().min(1),
  token: z.string().regex(/^[0-9a-f]{64}$/),
  /** Every grant it was given, oldest first: the last one is in force (renewal revokes the one before). */
  grantIds: z.array(z.string()).min(1),
  cmd: z.enum(['read', 'write']),
  docs: z.array(z.string()),
  purpose: z.string(),
  createdAt: z.string(),
  calls: z.number().int().nonnegative(),
  lastCallAt: z.string().nullable(),
})
const AgentsFileSchema = z.object({ version: z.literal(1), agents: z.array(AgentRecordSchema) })

export interface AgentRecord extends Omit<z.infer<typeof AgentRecordSchema>, 'spaceId' | 'did'> {
  spaceId: SpaceId
  did: Did
}

export class AgentStore {
  readonly #path: string
  readonly #agents: AgentRecord[]
  readonly #writes = new OneAtATime()

  private constructor(path: string, agents: AgentRecord[]) {
    this.#path = path
    this.#agents = agents
  }

  /**
   * Reads the file (none yet: no agents). A damaged one is set aside and reported, never thrown;
   * one that cannot be read (its permissions, the disk) stays where it is and the error says so.
   */
  static async open(dataDir: string, log: Logger): Promise<AgentStore> {
    const path = join(dataDir, AGENTS_FILE)
    const bytes = await readDataFile(path, READ_AGAIN)
    if (bytes === undefined) return new AgentStore(path, [])
    try {
      return new AgentStore(path, parseAgents(bytes))
    } catch (err) {
      const aside = await setAside(path).catch(() => null)
      log.error(`the list of agents (${path}) cannot be used: ${(err as Error).message}. ${aside ? `It was set aside as ${aside}; ` : ''}` +
        'its agents\' tokens no longer work (their grants end within a day, or revoke them with "commonweave grants SPACE"). Add them again with "commonweave agent add".')
      return new AgentStore(path, [])
    }
  }

  all(): readonly AgentRecord[] {
    return this.#agents
  }

  /** The agent of this name (any case); the newest where a revoked one's name was given again. */
  find(name: string): AgentRecord | undefined {
    return newestNamed(this.#agents, name)
  }

  /**
   * Adds an agent. One revoked before under the same name stays listed: its calls stay in the
   * audit under its own key, and what it made is still shown as made by it.
   */
  async put(agent: AgentRecord): Promise<void> {
    this.#agents.push(agent)
    await this.save()
  }

  /** Writes the whole list as it is now, after any write under way. */
  save(): Promise<void> {
    return this.#writes.run(() => writeFileDurable(this.#path, JSON.stringify({ version: 1, agents: this.#agents }, null, 1) + '\n'))
  }
}

function newestNamed(agents: readonly AgentRecord[], name: string): AgentRecord | undefined {
  const key = name.trim().toLowerCase()
  return agents.findLast((a) => a.name.toLowerCase() === key)
}

const READ_AGAIN = 'the agents are added again with "commonweave agent add"'

function parseAgents(bytes: Buffer): AgentRecord[] {
  let json: unknown
  try {
    json = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw new Error('it is not valid JSON')
  }
  const parsed = AgentsFileSchema.safeParse(json)
  if (!parsed.success) throw new Error(`it does not hold a list of agents (${parsed.error.issues[0]?.message ?? 'unknown shape'})`)
  return parsed.data.agents as AgentRecord[]
}

/** What `commonweave mcp --agent NAME` needs of an agent, read from a data directory (the peer may be running). */
export async function readAgent(dataDir: string, name: string): Promise<AgentRecord> {
  const path = join(dataDir, AGENTS_FILE)
  const bytes = await readDataFile(path, READ_AGAIN)
  let agents: AgentRecord[]
  try {
    agents = bytes === undefined ? [] : parseAgents(bytes)
  } catch (err) {
    throw new CommonweaveError(ErrorCode.DataFileDamaged, `The list of agents ${path} cannot be read: ${(err as Error).message}. Start the peer (it sets a damaged list aside) and add the agent again.`)
  }
  const agent = newestNamed(agents, name)
  if (!agent) {
    const known = agents.map((a) => a.name)
    throw new CommonweaveError(ErrorCode.NotFound, `No agent "${name}" on this peer (${known.length > 0 ? `its agents: ${known.join(', ')}` : 'it has none'}). Add one with "commonweave agent add SPACE --name ${name} --docs resources --purpose agent-assist".`)
  }
  return agent
}
