/**
 * The selected space's agents added on this peer (AI assistants or outside systems, each with
 * its own key, a short grant and an API token): listing, adding (the token comes back once),
 * renewing and revoking. Refreshed with the space's other slices and when the Consent view
 * opens; what each agent did is in the audit log the consent slice holds.
 */
import type { AddAgentInput, AgentResult, AgentSummary } from '../../../shared/api/agents-api.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import { ErrorCode, toErrorData, type ErrorData } from '../../../shared/errors.ts'
import type { SliceCreator } from '../../store/app-state.ts'
import { idle, latestWins, load, type Loadable } from '../../store/loadable.ts'

/** How an action went: the peer's answer, or its refusal in words (shown where it was asked). */
export type AgentOutcome<T> = { ok: true; value: T } | { ok: false; error: ErrorData }

export interface AgentsSlice {
  list: Loadable<AgentSummary[]>
  refresh(): Promise<void>
  add(input: Omit<AddAgentInput, 'spaceId'>): Promise<AgentOutcome<AgentResult>>
  renew(name: string, expiresInSeconds: number): Promise<AgentOutcome<AgentSummary>>
  revoke(name: string): Promise<AgentOutcome<AgentSummary>>
  clear(): void
}

export const createAgentsSlice: SliceCreator<'agents'> = ({ api, notify }, get, patch) => {
  const order = latestWins()
  const selected = (): SpaceId | null => get().spaces.selected
  const fetchList = (spaceId: SpaceId): Promise<void> =>
    load(() => get().agents.list, (list) => { if (selected() === spaceId) patch({ list }) }, order, async () => (await api.listAgents({ spaceId })).items)
  /** Runs an action in the selected space; after it, the list and the audit as the peer now has them. */
  const act = async <T>(run: (spaceId: SpaceId) => Promise<T>, done: (v: T) => string): Promise<AgentOutcome<T>> => {
    const spaceId = selected()
    if (!spaceId) return { ok: false, error: { code: ErrorCode.SpaceNotFound, message: 'Choose a space first.' } }
    try {
      const value = await run(spaceId)
      notify({ kind: 'done', message: done(value) })
      void fetchList(spaceId)
      // Its grant is listed with the others, and adding or revoking is in the audit log.
      void get().consent.refresh()
      return { ok: true, value }
    } catch (err) {
      return { ok: false, error: toErrorData(err) }
    }
  }
  return {
    list: idle([]),
    clear: () => patch({ list: idle([]) }),
    refresh: async () => {
      const spaceId = selected()
      if (spaceId) await fetchList(spaceId)
    },
    add: (input) => act((spaceId) => api.addAgent({ ...input, spaceId }), (a) => `Added the agent “${a.name}”.`),
    renew: (name, expiresInSeconds) => act((spaceId) => api.renewAgent({ spaceId, agent: name, expiresInSeconds }), (a) => `Renewed “${a.name}”.`),
    revoke: async (name) => {
      const out = await act((spaceId) => api.revokeAgent({ spaceId, agent: name }), (a) => `Revoked “${a.name}”: its next call is refused.`)
      if (!out.ok) notify({ kind: 'error', title: `Could not revoke “${name}”`, message: out.error.message })
      return out
    },
  }
}
