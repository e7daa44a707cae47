/**
 * What this peer keeps only for itself, outside any synced document: which spaces it is in
 * (and which it left), and the invites it has issued (by hash of their secret, never the
 * secret itself).
 * Every mutation is written durably before it resolves; mutations run one at a time.
 */
import { join } from 'node:path'
import { z } from 'zod'
import { writeFileDurable } from '../storage/durable-file.ts'
import { readDataFile, setAside } from '../storage/data-file.ts'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { SpaceId } from '../../../shared/ids.ts'

/** An invite this peer issued: good for `uses` different peers (one, unless made for a meeting), until `exp`. */
const InviteRecordSchema = z.preprocess(
  // Records written before invites could admit several peers held one `usedBy`.
  (v) => (typeof v === 'object' && v !== null && typeof (v as { usedBy?: unknown }).usedBy === 'string' ? { ...v, usedBy: [(v as { usedBy: string }).usedBy] } : v),
  z.object({
    spaceId: z.string(),
    exp: z.number(),
    uses: z.number().int().positive().default(1),
    usedBy: z.array(z.string()).default([]),
  }),
)
export type InviteRecord = z.infer<typeof InviteRecordSchema>

/** A space this peer holds a grant to without being a member: what it may sync, learnt from the granter. */
const GuestSpaceSchema = z.object({
  root: z.string(),
  name: z.string(),
  /** The granter's peer id, dialled to sync. */
  granter: z.string(),
  /** collection name -> document ids, as the granter's hello listed them. */
  collections: z.record(z.string(), z.array(z.string())),
})
export type GuestSpace = z.infer<typeof GuestSpaceSchema>

const LocalStateSchema = z.object({
  version: z.literal(1),
  spaces: z.array(z.string()),
  invites: z.record(z.string(), InviteRecordSchema),
  /** Each space's founder, pinned when this peer first met the space: the root every grant chain must start at. */
  roots: z.record(z.string(), z.string()).default({}),
  guests: z.record(z.string(), GuestSpaceSchema).default({}),
  /** Spaces this peer left, and when: their documents are gone from here, and nothing brings them back but a new invite. */
  left: z.record(z.string(), z.string()).default({}),
})
type LocalStateData = z.infer<typeof LocalStateSchema>

export const LOCAL_STATE_FILE = 'local-state.json'

/** Why the state file is being rebuilt. */
export type StateProblem = { kind: 'missing'; path: string } | { kind: 'damaged'; path: string; reason: string; setAsideTo: string }
/** What a rebuild recovered: the spaces this peer is in, and their founders. */
export interface RebuiltState { spaces: SpaceId[]; roots: Record<string, string> }

/** The state in `bytes`, or why it is not one. */
function parseState(bytes: Buffer): LocalStateData | string {
  let json: unknown
  try {
    json = JSON.parse(bytes.toString('utf8'))
  } catch (err) {
    return `not JSON: ${(err as Error).message}`
  }
  const parsed = LocalStateSchema.safeParse(json)
  return parsed.success ? parsed.data : `not a valid Commonweave state file: ${parsed.error.issues[0]?.message ?? 'bad shape'}`
}

export class LocalState {
  readonly #path: string
  #data: LocalStateData
  #queue: Promise<unknown> = Promise.resolve()

  private constructor(path: string, data: LocalStateData) {
    this.#path = path
    this.#data = data
  }

  /**
   * Opens the state file. One that is missing or damaged is rebuilt by `rebuild` (see
   * local-state-recovery.ts), the damaged one set aside; without `rebuild`, a damaged file is
   * refused. One that cannot be read refuses the start: it may well be intact.
   */
  static async open(dataDir: string, rebuild?: (problem: StateProblem) => Promise<RebuiltState>): Promise<LocalState> {
    const path = join(dataDir, LOCAL_STATE_FILE)
    const bytes = await readDataFile(path, 'the list of spaces will be rebuilt from the documents on disk (the invites this peer issued are lost)')
    let problem: StateProblem
    if (bytes === undefined) {
      problem = { kind: 'missing', path }
    } else {
      const reason = parseState(bytes)
      if (typeof reason !== 'string') return new LocalState(path, reason)
      if (!rebuild) throw new CommonweaveError(ErrorCode.DataFileDamaged, `${path} is damaged (${reason}). Restore it from a backup, or move it away to start afresh.`)
      problem = { kind: 'damaged', path, reason, setAsideTo: await setAside(path) }
    }
    const rebuilt = rebuild ? await rebuild(problem) : { spaces: [], roots: {} }
    const data = LocalStateSchema.parse({ version: 1, spaces: rebuilt.spaces, invites: {}, roots: rebuilt.roots, guests: {} })
    const state = new LocalState(path, data)
    if (problem.kind === 'damaged' || rebuilt.spaces.length > 0) await state.#mutate(() => {})
    return state
  }

  get spaces(): readonly SpaceId[] {
    return this.#data.spaces as SpaceId[]
  }

  /** The founder pinned for a space, if this peer has met it. */
  root(spaceId: SpaceId): string | undefined {
    return this.#data.roots[spaceId]
  }

  get guests(): Readonly<Record<string, GuestSpace>> {
    return this.#data.guests
  }

  /** True when an unused, unexpired invite exists: only then are unknown peers let in, and only to join. */
  hasOpenInvites(nowSec: number): boolean {
    return this.openInviteSpaces(nowSec).size > 0
  }

  /** The spaces for which an unused, unexpired invite exists. */
  openInviteSpaces(nowSec: number): Set<SpaceId> {
    return new Set(Object.values(this.#data.invites).filter((i) => i.exp > nowSec && i.usedBy.length < i.uses).map((i) => i.spaceId as SpaceId))
  }

  /** Pins a space's founder the first time; a later, different founder is refused. */
  async pinRoot(spaceId: SpaceId, root: string): Promise<boolean> {
    const known = this.#data.roots[spaceId]
    if (known !== undefined) return known === root
    await this.#mutate((d) => { d.roots[spaceId] ??= root })
    return this.#data.roots[spaceId] === root
  }

  setGuest(spaceId: SpaceId, guest: GuestSpace): Promise<void> {
    return this.#mutate((d) => {
      d.guests[spaceId] = guest
      delete d.left[spaceId]
    })
  }

  invite(secretHash: string): InviteRecord | undefined {
    return this.#data.invites[secretHash]
  }

  addSpace(spaceId: SpaceId): Promise<void> {
    return this.#mutate((d) => {
      if (!d.spaces.includes(spaceId)) d.spaces.push(spaceId)
      delete d.left[spaceId]
    })
  }

  /** When this peer left a space, if it did (and has not joined it again). */
  leftAt(spaceId: SpaceId): string | undefined {
    return this.#data.left[spaceId]
  }

  /** Forgets a space this peer left: no longer loaded, its invites withdrawn, its founder unpinned. */
  removeSpace(spaceId: SpaceId, at: string): Promise<void> {
    return this.#mutate((d) => {
      d.spaces = d.spaces.filter((id) => id !== spaceId)
      delete d.guests[spaceId]
      delete d.roots[spaceId]
      for (const [k, v] of Object.entries(d.invites)) if (v.spaceId === spaceId) delete d.invites[k]
      d.left[spaceId] = at
    })
  }

  /** Records a new invite, and drops invites that expired over a day ago so the file does not grow forever. */
  addInvite(secretHash: string, record: InviteRecord, nowSec: number): Promise<void> {
    return this.#mutate((d) => {
      for (const [k, v] of Object.entries(d.invites)) if (v.exp + 86_400 < nowSec) delete d.invites[k]
      d.invites[secretHash] = record
    })
  }

  /** Marks an invite used by `by`; false when it already admitted as many other peers as it was made for. A peer that used it may use it again (a retried join). */
  async useInvite(secretHash: string, by: string): Promise<boolean> {
    let won = false
    await this.#mutate((d) => {
      const rec = d.invites[secretHash]
      if (rec && (rec.usedBy.includes(by) || rec.usedBy.length < rec.uses)) {
        if (!rec.usedBy.includes(by)) rec.usedBy.push(by)
        won = true
      }
    })
    return won
  }

  #mutate(fn: (d: LocalStateData) => void): Promise<void> {
    const run = this.#queue.then(async () => {
      const next = structuredClone(this.#data)
      fn(next)
      await writeFileDurable(this.#path, JSON.stringify(next, null, 2) + '\n')
      this.#data = next
    })
    this.#queue = run.catch(() => {})
    return run
  }
}
