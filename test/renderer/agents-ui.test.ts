/**
 * Agents in the Consent view, from hand-written answers: the list in words (access, purpose,
 * expiry, status, use) with Renew and Revoke only where they apply; adding returns the token
 * once and refreshes the list; a refused revoke is said in words; an agent's calls are read
 * from the audit log under its key, named and worded; and how to run it as an MCP server.
 */
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { MantineProvider } from '@mantine/core'
import { describe, expect, it, vi } from 'vitest'
import type { AgentSummary } from '../../shared/api/agents-api.ts'
import { AuditKind, type AuditEntry, type PeerApi } from '../../shared/api/peer-api.ts'
import type { Did } from '../../shared/ids.ts'
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'
import { AgentsPart } from '../../renderer/features/consent/AgentsPart.tsx'
import { agentActivity, agentExpiryWords, agentPurposeWrites, callWords, mcpClientConfig, mcpCommand, opWords, purposePhrase } from '../../renderer/features/consent/agent-rules.ts'
import { AGENT_PURPOSE_IDS } from '../../shared/grants/purposes.ts'
import { purposeWrites } from '../../electron/peer/agents/agent-purposes.ts'
import { when } from '../../renderer/ui/when.ts'
import { auditDetail, auditWho } from '../../renderer/features/consent/audit-rules.ts'
import type { Notice } from '../../renderer/store/app-state.ts'
import { createAppStore } from '../../renderer/store/store.ts'
import { StoreProvider } from '../../renderer/store/use-app.tsx'
import { space } from './insight-fixtures.ts'
import { standInFrame } from './stand-in-frame.ts'

const BOT = 'did:key:z6MkBot' as Did
const NOW = Date.parse('2026-11-01T10:00:00.000Z')

function agent(over: Partial<AgentSummary> = {}): AgentSummary {
  return {
    name: 'Matchmaker', did: BOT, spaceId: space.spaceId, spaceName: space.name, grantId: 'g1', cmd: 'read', docs: ['resources'], purpose: 'agent-assist',
    createdAt: '2026-11-01T09:00:00.000Z', expires: new Date(Date.now() + 7 * 3_600_000).toISOString(), status: 'active', calls: 4, lastCallAt: new Date().toISOString(), ...over,
  }
}

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/\s+/g, ' ')

function renderList(agents: AgentSummary[]): string {
  const store = createAppStore({ api: {} as PeerApi, notify: () => {} })
  store.setState((s) => ({ spaces: { ...s.spaces, selected: space.spaceId }, agents: { ...s.agents, list: { status: 'ready', value: agents, error: null } } }))
  store.getInitialState = store.getState
  return text(renderToStaticMarkup(createElement(StoreProvider, { store, children: createElement(MantineProvider, null, createElement(AgentsPart)) })))
}

describe('the agents list', () => {
  it('says each agent’s access, purpose, expiry, status and use; Renew and Revoke only where they apply', () => {
    const t = renderList([agent(), agent({ name: 'Old helper', cmd: 'write', docs: ['resources', 'pages'], status: 'revoked', calls: 0, lastCallAt: null })])
    expect(t).toMatch(/Matchmaker resources read An AI agent assisting a member in 7 hours Active 4 just now Activity Renew Revoke/)
    expect(t).toMatch(/Old helper resources, pages read and write An AI agent assisting a member — Revoked 0 none yet Activity (?!Renew)/)
    expect(t).not.toContain(' agent-assist ')
    expect(t.split('Revoke ').length - 1, 'one Revoke button (the revoked one has none)').toBe(1)
  })
  it('says when there is no agent yet, with “Add agent”', () => {
    const t = renderList([])
    expect(t).toContain('No agents')
    expect(t).toContain('Add agent')
  })
})

describe('the agents slice', () => {
  it('adding returns the token once and refreshes the list; a refused revoke is said in words', async () => {
    const notices: Notice[] = []
    let agents: AgentSummary[] = []
    const { store } = standInFrame({
      listSpaces: async () => [space],
      listAgents: async () => ({ items: agents }),
      addAgent: async (input) => {
        const a = agent({ name: input.name, docs: input.docs, cmd: input.write ? 'write' : 'read' })
        agents = [a]
        return { ...a, token: 'cwa_secret', agent: a.name }
      },
      revokeAgent: async () => { throw new CommonweaveError(ErrorCode.NotFound, 'No agent named “Ghost” in this space.') },
    }, notices)
    await vi.waitFor(() => expect(store.getState().spaces.selected).toBe(space.spaceId))
    const out = await store.getState().agents.add({ name: 'Matchmaker', docs: ['resources'], purpose: 'agent-assist', expiresInSeconds: 3_600 })
    expect(out.ok && out.value.token).toBe('cwa_secret')
    expect(notices).toContainEqual({ kind: 'done', message: 'Added the agent “Matchmaker”.' })
    await vi.waitFor(() => expect(store.getState().agents.list.value.map((a) => a.name)).toEqual(['Matchmaker']))
    expect(JSON.stringify(store.getState()), 'the token is kept nowhere in the store').not.toContain('cwa_secret')
    const revoked = await store.getState().agents.revoke('Ghost')
    expect(revoked.ok).toBe(false)
    expect(notices).toContainEqual({ kind: 'error', title: 'Could not revoke “Ghost”', message: 'No agent named “Ghost” in this space.' })
  })
})

describe('agent words', () => {
  const call = (over: Partial<AuditEntry>): AuditEntry => ({ at: '2026-11-01T10:00:00.000Z', kind: AuditKind.AgentCall, spaceId: space.spaceId, did: BOT, name: 'Matchmaker', op: 'listResources', outcome: 'ok', ...over })
  it('reads an agent’s calls from the audit under its key, newest first, and words them', () => {
    const audit: AuditEntry[] = [
      call({ at: '2026-11-01T10:00:00.000Z' }),
      { at: '2026-11-01T10:01:00.000Z', kind: AuditKind.GrantIssued, spaceId: space.spaceId, did: BOT },
      call({ at: '2026-11-01T10:02:00.000Z', op: 'getPage', outcome: 'refused' }),
      call({ at: '2026-11-01T10:03:00.000Z', did: 'did:key:z6MkOther' as Did, name: 'Other' }),
    ]
    expect(agentActivity(audit, BOT).map((e) => `${opWords(e.op)} ${e.outcome}`)).toEqual(['read a page refused', 'list resources ok'])
    const names = { byDid: new Map<string, string>(), byPeer: new Map<string, string>() }
    expect(auditWho(call({}), names)).toBe('Matchmaker (agent)')
    expect(auditDetail(call({ outcome: 'refused', op: 'addResource', detail: "FORBIDDEN: Matchmaker's grant does not let it write resources." })))
      .toBe("post a resource: refused · Matchmaker's grant does not let it write resources.")
  })
  it('says how long it lasts, and when it ended', () => {
    expect(agentExpiryWords({ status: 'active', expires: '2026-11-01T13:00:00.000Z' }, NOW)).toBe('in 3 hours')
    expect(agentExpiryWords({ status: 'expired', expires: '2026-11-01T08:00:00.000Z' }, NOW)).toBe('ended 2 hours ago')
    expect(agentExpiryWords({ status: 'revoked', expires: '2026-11-01T13:00:00.000Z' }, NOW)).toBe('—')
  })
  it('gives the command and an MCP client’s config that run it, its name quoted where it has a space', () => {
    expect(mcpCommand('Matchmaker')).toBe('commonweave mcp --agent Matchmaker')
    expect(mcpCommand('Ada helper')).toBe('commonweave mcp --agent "Ada helper"')
    expect(JSON.parse(mcpClientConfig('Ada helper'))).toEqual({ mcpServers: { 'commonweave-ada-helper': { command: 'commonweave', args: ['mcp', '--agent', 'Ada helper'] } } })
  })
  it('words what the peer noted of a call as a member reads it: no codes, routes or commands, times in the local zone', () => {
    const path = '/v1/spaces/s1/nothing-here'
    expect(callWords({ op: 'unknown-route', detail: `GET ${path}: NOT_FOUND: No API route ${path}` }))
      .toEqual({ what: `an address of the API that does not exist (GET ${path})`, note: '' })
    expect(callWords({ op: 'events-socket', detail: 'FORBIDDEN: an agent may not follow the live events' }))
      .toEqual({ what: 'the live events connection', note: 'an agent may not follow the live events' })
    expect(opWords('sync-socket')).toBe('the sync connection')
    const at = '2026-11-01T09:30:00.000Z'
    const revoked = callWords({ op: 'listResources', detail: `GRANT_REVOKED: Matchmaker's grant was revoked at ${at} by Ada; it may make no more calls. Add a new agent with \`commonweave agent add\` if it should go on.` })
    expect(revoked.note).toBe(`Matchmaker's grant was revoked at ${when(at)} by Ada; it may make no more calls. Add a new agent if it should go on.`)
    expect(revoked.note).not.toContain(at)
    expect(callWords({ op: 'getPage', detail: 'FORBIDDEN: its grant ended; run `commonweave agent add` for another' }).note).toBe('its grant ended; add a new agent for another')
  })
  it('says a purpose inside a sentence with its acronym kept, and lets an agent write only under a purpose that writes, as the peer does', () => {
    expect(purposePhrase('agent-assist')).toBe('an AI agent assisting a member')
    expect(purposePhrase('matching')).toBe('matching offers and needs, within or across communities')
    for (const id of AGENT_PURPOSE_IDS) expect(agentPurposeWrites(id), id).toBe(purposeWrites(id))
    expect(agentPurposeWrites('research')).toBe(false)
  })
})
