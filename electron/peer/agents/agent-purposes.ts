/**
 * Which purposes an agent may act under, and what each lets it do through the API. A grant's
 * purpose is part of the consent a person gave ("why"): an agent holding a grant "for
 * matching" may match, not rewrite the space's pages, even where its collections would
 * allow it. Pure; table-tested.
 *
 * | purpose       | what an agent may call                                              | writes |
 * | ------------- | ------------------------------------------------------------------- | ------ |
 * | agent-assist  | every operation its grant's collections and command allow           | yes    |
 * | coordination  | the same: an assistant of the space's coordinators                  | yes    |
 * | matching      | match, gaps, suggest, and reading resources to explain them; search | no     |
 * | research      | aggregate figures only: health, map metrics (not gaps: it names     | no     |
 * |               | people's own items and their owners)                                |        |
 * | publication, backup | nothing: an agent is never added for these                    | -      |
 */
import type { PeerApiMethod } from '../../../shared/api/operation.ts'

interface AgentPurpose {
  /** Operations allowed (still within the grant's collections and command); `all` for any. */
  ops: 'all' | ReadonlySet<PeerApiMethod>
  writes: boolean
}

const AGENT_PURPOSES: Readonly<Record<string, AgentPurpose>> = {
  'agent-assist': { ops: 'all', writes: true },
  coordination: { ops: 'all', writes: true },
  matching: { ops: new Set<PeerApiMethod>(['match', 'gaps', 'suggest', 'listResources', 'getResource', 'search']), writes: false },
  research: { ops: new Set<PeerApiMethod>(['health', 'mapMetrics']), writes: false },
}

/** The purposes an agent can be added for, in the order to offer them. */
export const AGENT_PURPOSE_IDS: readonly string[] = Object.keys(AGENT_PURPOSES)

export function isAgentPurpose(purpose: string): boolean {
  return Object.hasOwn(AGENT_PURPOSES, purpose)
}

/** Whether an agent may ever write under this purpose (`--write` is refused where it may not). */
export function purposeWrites(purpose: string): boolean {
  return AGENT_PURPOSES[purpose]?.writes === true
}

/** Why an agent holding a grant for `purpose` may not make `op` (a `write` one when `writes`), or null when it may. */
export function purposeRefusal(purpose: string, op: PeerApiMethod, writes: boolean): string | null {
  const p = Object.hasOwn(AGENT_PURPOSES, purpose) ? AGENT_PURPOSES[purpose] : undefined
  if (!p) return `its grant's purpose "${purpose}" is not one an agent acts under (${AGENT_PURPOSE_IDS.join(', ')})`
  if (writes && !p.writes) return `its grant is for ${purpose}, which only reads`
  if (p.ops !== 'all' && !p.ops.has(op)) return `its grant is for ${purpose}, which allows ${[...p.ops].join(', ')} only`
  return null
}
