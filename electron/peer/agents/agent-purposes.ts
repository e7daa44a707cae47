/**
 * Which purposes an agent may act under, and what each lets it do through the API. A grant's
 * purpose is part of the consent a person gave ("why"): an agent holding a grant "for
 * matching" may match, not rewrite the space's pages, even where its collections would
 * allow it. Pure; table-tested.
 *
 * | purpose       | what an agent may call                                  | collections it uses      | writes |
 * | ------------- | ------------------------------------------------------- | ------------------------ | ------ |
 * | agent-assist  | every operation its grant's collections and command allow | all                    | yes    |
 * | coordination  | the same: an assistant of the space's coordinators      | all                      | yes    |
 * | matching      | match, gaps, suggest, and reading resources to explain  | resources, bookings, map | no     |
 * |               | them; search                                            |                          |        |
 * | research      | aggregate figures only: health, map metrics (not gaps:  | resources, bookings,     | no     |
 * |               | it names people's own items and their owners)           | decisions, map           |        |
 * | publication, backup | nothing: an agent is never added for these        | -                        | -      |
 *
 * "Collections it uses" are those its operations read (gaps reads bookings and the map,
 * health decisions too): an item of any other collection is never shown under that purpose,
 * in a search either, and an agent is not added for a collection its purpose never uses.
 */
import type { PeerApiMethod } from '../../../shared/api/operation.ts'
import { AGENT_PURPOSE_IDS, type AgentPurposeId } from '../../../shared/grants/purposes.ts'
import { andList } from '../../../shared/and-list.ts'
import { opsWords } from '../../../shared/api/op-words.ts'

interface AgentPurpose {
  /** Operations allowed (still within the grant's collections and command); `all` for any. */
  ops: 'all' | ReadonlySet<PeerApiMethod>
  /** Collections whose items it may use; `all` for any its grant names. */
  collections: 'all' | readonly string[]
  writes: boolean
}

const AGENT_PURPOSES: Readonly<Record<AgentPurposeId, AgentPurpose>> = {
  'agent-assist': { ops: 'all', collections: 'all', writes: true },
  coordination: { ops: 'all', collections: 'all', writes: true },
  matching: { ops: new Set<PeerApiMethod>(['match', 'gaps', 'suggest', 'listResources', 'getResource', 'search']), collections: ['resources', 'bookings', 'map'], writes: false },
  research: { ops: new Set<PeerApiMethod>(['health', 'mapMetrics']), collections: ['resources', 'bookings', 'decisions', 'map'], writes: false },
}

const purposeOf = (purpose: string): AgentPurpose | undefined =>
  (Object.hasOwn(AGENT_PURPOSES, purpose) ? AGENT_PURPOSES[purpose as AgentPurposeId] : undefined)

export { AGENT_PURPOSE_IDS }

export function isAgentPurpose(purpose: string): boolean {
  return purposeOf(purpose) !== undefined
}

/** Whether an agent may ever write under this purpose (`--write` is refused where it may not). */
export function purposeWrites(purpose: string): boolean {
  return purposeOf(purpose)?.writes === true
}

/** Whether an agent acting for `purpose` may use items of `collection` (undefined: a space's own documents, for `all` purposes only). */
export function purposeUses(purpose: string, collection: string | undefined): boolean {
  const used = purposeOf(purpose)?.collections
  return used === 'all' || (used !== undefined && collection !== undefined && used.includes(collection))
}

/** Of `docs`, the collections an agent acting for `purpose` could never use: naming them in its grant gives it nothing. */
export function unusedCollections(purpose: string, docs: readonly string[]): string[] {
  return docs.filter((d) => !purposeUses(purpose, d))
}

/** The collections a purpose uses, in words ("resources, bookings and map"), or "every collection". */
export function purposeCollectionsWords(purpose: string): string {
  const used = purposeOf(purpose)?.collections
  return used === undefined ? 'none' : used === 'all' ? 'every collection' : andList(used)
}

/**
 * Why an agent holding a grant for `purpose` may not make `op` (a `write` one when `writes`)
 * on `collection` (when the call names one), or null when it may.
 */
export function purposeRefusal(purpose: string, op: PeerApiMethod, writes: boolean, collection?: string): string | null {
  const p = purposeOf(purpose)
  if (!p) return `its grant's purpose "${purpose}" is not one an agent acts under (${AGENT_PURPOSE_IDS.join(', ')})`
  if (writes && !p.writes) return `its grant is for ${purpose}, which only reads`
  if (p.ops !== 'all' && !p.ops.has(op)) return `its grant is for ${purpose}, which lets it ${opsWords(p.ops)} only`
  if (collection !== undefined && !purposeUses(purpose, collection)) return `its grant is for ${purpose}, which uses ${purposeCollectionsWords(purpose)} only, not ${collection}`
  return null
}
