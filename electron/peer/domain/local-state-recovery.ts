/**
 * Rebuilding `local-state.json` when it is missing or damaged but the documents are on disk.
 * The list of spaces and their founders can be read back from the spaces' authority documents:
 * every stored document is loaded, and one whose `type` is `space-authority` and whose roster
 * holds this peer is a space this peer is in (a quarantined one too: its founder and roster are
 * what this peer accepted). What no document holds is lost, and the log says so: the invites
 * this peer issued (their codes stop working) and the spaces it was only a guest of.
 */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import * as Automerge from '@automerge/automerge'
import type { StorageAdapterInterface } from '@automerge/automerge-repo'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import type { Logger } from '../log.ts'
import type { RebuiltState, StateProblem } from './local-state.ts'

export interface RecoveryDeps {
  /** The repo's storage (the journal replayed), and the directory it keeps documents in. */
  storage: StorageAdapterInterface
  automergeDir: string
  me: Did
  log: Logger
}

/** The `rebuild` that `LocalState.open` calls: the member spaces found on disk, logged with what was lost. */
export function rebuildFromDocuments(d: RecoveryDeps): (problem: StateProblem) => Promise<RebuiltState> {
  return async (problem) => {
    const found = await memberSpacesOnDisk(d)
    const rebuilt: RebuiltState = { spaces: found.map((f) => f.spaceId), roots: Object.fromEntries(found.map((f) => [f.spaceId, f.founder])) }
    // A missing file with no documents is a new data directory: nothing was lost.
    if (problem.kind === 'missing' && found.length === 0) return rebuilt
    d.log.warn(`${problem.path} was ${problem.kind === 'missing' ? 'missing' : `damaged (${problem.reason})`}: rebuilt the list of spaces from the documents on disk. ` +
      'Lost: the invites this peer issued (their codes no longer work: issue new ones) and the spaces it was only a guest of (ask for a new grant code).', {
      file: problem.path, spaces: found.map((f) => f.name), ...(problem.kind === 'damaged' ? { damagedFileKeptAs: problem.setAsideTo } : {}),
    })
    return rebuilt
  }
}

interface FoundSpace { spaceId: SpaceId; founder: string; name: string }

async function memberSpacesOnDisk(d: RecoveryDeps): Promise<FoundSpace[]> {
  const found: FoundSpace[] = []
  for (const docId of await storedDocIds(d.automergeDir)) {
    const doc = await loadStored(d.storage, docId)
    if (doc?.['type'] !== 'space-authority' || typeof doc['founder'] !== 'string') continue
    const roster = doc['roster'] as Record<string, unknown> | undefined
    if (typeof roster !== 'object' || roster === null || roster[d.me] === undefined) continue
    found.push({ spaceId: docId as SpaceId, founder: doc['founder'], name: String(doc['name']) })
  }
  return found
}

/** Document ids in the store: `<dir>/<two chars>/<document id>/`. */
async function storedDocIds(dir: string): Promise<string[]> {
  const ids: string[] = []
  for (const shard of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (!shard.isDirectory()) continue
    for (const doc of await readdir(join(dir, shard.name), { withFileTypes: true }).catch(() => [])) {
      if (doc.isDirectory() && doc.name.startsWith(shard.name)) ids.push(doc.name)
    }
  }
  return ids
}

/** A stored document's content as plain data, or undefined if it cannot be loaded. */
async function loadStored(storage: StorageAdapterInterface, docId: string): Promise<Record<string, unknown> | undefined> {
  const chunks = [...await storage.loadRange([docId, 'snapshot']), ...await storage.loadRange([docId, 'incremental'])]
  if (chunks.length === 0) return undefined
  try {
    let doc = Automerge.init<Record<string, unknown>>()
    for (const c of chunks) if (c.data) doc = Automerge.loadIncremental(doc, c.data)
    return doc
  } catch {
    return undefined
  }
}
