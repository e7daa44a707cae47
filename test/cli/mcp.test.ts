/**
 * `commonweave mcp --agent NAME` as an MCP client meets it (must-show 4): started as a child
 * process beside a running daemon and driven over stdio with the official SDK's client. Its
 * tools are the API's operations under the agent's grant; revoking the grant makes the next
 * call a tool error that says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import type { AgentResult, AgentSummary } from '../../shared/api/agents-api.ts'
import type { ResourcePage } from '../../shared/api/resources-api.ts'
import type { MatchResult } from '../../shared/api/insight-api.ts'
import { CLI } from '../helpers/cli-peer.ts'
import { cliSpace } from '../helpers/cli-space.ts'
import { waitFor } from '../helpers/wait-for.ts'

const s = cliSpace('Riverside')
const clients: Client[] = []

interface ToolAnswer { isError?: boolean; content: Array<{ type: string; text?: string }> }

/** An MCP client talking to `commonweave mcp --agent NAME` on this daemon's data directory. */
async function mcpFor(agent: string): Promise<Client> {
  const client = new Client({ name: 'commonweave-test', version: '1.0.0' })
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', '--agent', agent, '--data', s.peer.dataDir], stderr: 'pipe' }))
  clients.push(client)
  return client
}

/** A time as the CLI prints it, in this machine's zone: 2026-11-30 12:24. */
const LOCAL_TIME = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d'
const text = (answer: unknown): string => ((answer as ToolAnswer).content[0]?.text ?? '')
const json = <T>(answer: unknown): T => {
  expect((answer as ToolAnswer).isError, text(answer)).toBeFalsy()
  return JSON.parse(text(answer)) as T
}
const toolNames = async (client: Client): Promise<string[]> => (await client.listTools()).tools.map((t) => t.name).sort()

beforeAll(async () => {
  await s.json('resource', 'add', 'Riverside', '--kind', 'offer', '--title', 'Cargo bike to lend', '--tags', 'transport,bike', '--description', 'A sturdy cargo bike for moving things')
  await s.json('resource', 'add', 'Riverside', '--kind', 'need', '--title', 'Moving a sofa by bike', '--tags', 'transport')
  await s.json('page', 'create', 'Riverside', '--title', 'House rules', '--text', 'Bring the bike back clean.')
}, 60_000)

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()))
})

describe('a read-only agent over MCP', () => {
  let client: Client

  beforeAll(async () => {
    const reader = await s.json<AgentResult>('agent', 'add', 'Riverside', '--name', 'reader', '--docs', 'resources', '--purpose', 'agent-assist', '--expires', '1h')
    expect(reader).toMatchObject({ agent: 'reader', cmd: 'read', status: 'active' })
    client = await mcpFor('reader')
  }, 30_000)

  it('offers the read tools of its collections and no write tools', async () => {
    const names = await toolNames(client)
    expect(names).toEqual(expect.arrayContaining(['get_resource', 'list_resources', 'search']))
    for (const never of ['add_resource', 'add_page', 'propose', 'get_page', 'list_decisions', 'map_metrics']) expect(names).not.toContain(never)
    const search = (await client.listTools()).tools.find((t) => t.name === 'search')
    expect(search?.description).toMatch(/search/i)
    expect(Object.keys(search?.inputSchema.properties ?? {})).toContain('query')
    expect(Object.keys(search?.inputSchema.properties ?? {})).not.toContain('spaceId')
  })

  it('search finds the space\'s resources (and none of its pages, which it may not read)', async () => {
    const result = json<{ hits: Array<{ title: string; kind: string }> }>(await client.callTool({ name: 'search', arguments: { query: 'bike' } }))
    expect(result.hits.map((h) => h.title)).toEqual(expect.arrayContaining(['Cargo bike to lend', 'Moving a sofa by bike']))
    expect(result.hits.map((h) => h.title)).not.toContain('House rules')
  })

  it('list_resources filters as asked and get_resource shows one in full', async () => {
    const needs = json<ResourcePage>(await client.callTool({ name: 'list_resources', arguments: { kind: 'need', all: true } }))
    expect(needs.items.map((r) => r.title)).toEqual(['Moving a sofa by bike'])
    const one = json<{ title: string; tags: string[] }>(await client.callTool({ name: 'get_resource', arguments: { resourceId: needs.items[0]!.id.slice(0, 8) } }))
    expect(one).toMatchObject({ title: 'Moving a sofa by bike', tags: ['transport'] })
  })

  it('match pairs the need with the offer, with reasons in words', async () => {
    const r = json<MatchResult>(await client.callTool({ name: 'match', arguments: {} }))
    expect(r.matches[0]).toMatchObject({ need: { title: 'Moving a sofa by bike' }, offer: { title: 'Cargo bike to lend' }, space: { name: 'Riverside' } })
    expect(r.matches[0]!.reasons.map((x) => x.detail).join('; ')).toMatch(/transport/)
  })

  it('is offered no input it would always be refused, and descriptions that promise only what its grant gives', async () => {
    const tools = (await client.listTools()).tools
    const match = tools.find((t) => t.name === 'match')
    expect(Object.keys(match?.inputSchema.properties ?? {})).toContain('needId')
    expect(Object.keys(match?.inputSchema.properties ?? {})).not.toContain('across')
    expect((await client.callTool({ name: 'match', arguments: { across: true } }) as ToolAnswer).isError).toBe(true)
    const search = tools.find((t) => t.name === 'search')?.description ?? ''
    expect(search).toMatch(/This agent may read resources only\.$/)
    expect(search).not.toMatch(/get_page|get_decision|pages|decisions|bookings/)
  })

  it('a call the API refuses or cannot make is a tool error in words, and the server goes on', async () => {
    const missing = await client.callTool({ name: 'get_resource', arguments: { resourceId: 'ffffffff' } })
    expect((missing as ToolAnswer).isError).toBe(true)
    expect(text(missing)).toMatch(/NOT_FOUND/)
    const invalid = await client.callTool({ name: 'list_resources', arguments: { kind: 'spaceship' } })
    expect((invalid as ToolAnswer).isError).toBe(true)
    expect((await client.callTool({ name: 'list_resources', arguments: {} }) as ToolAnswer).isError).toBeFalsy()
  })

  it('its calls are in the audit under its name', async () => {
    const audit = await s.run('audit', 'Riverside')
    expect(audit.stdout).toMatch(/agent reader: search ok/)
    expect(audit.stdout).toMatch(/agent reader: read a resource failed/)
  })

  it('after "agent revoke", the next call is a tool error naming the revocation; revoking again says it was already', async () => {
    const revoked = await s.run('agent', 'revoke', 'Riverside', 'reader')
    expect(revoked.stdout).toMatch(new RegExp(`^Revoked agent "reader" at ${LOCAL_TIME} by Ana: its next call is refused \\(\\d+ calls, the last ${LOCAL_TIME}\\)\\.$`, 'm'))
    const answer = await client.callTool({ name: 'search', arguments: { query: 'bike' } })
    expect((answer as ToolAnswer).isError).toBe(true)
    expect(text(answer)).toMatch(/reader's grant was revoked at .* by Ana.*\(GRANT_REVOKED\)/)
    const again = await s.run('agent', 'revoke', 'Riverside', 'reader')
    expect(again.code, again.stderr).toBe(0)
    expect(again.stdout).toMatch(new RegExp(`^Agent "reader" was already revoked at ${LOCAL_TIME} by Ana; nothing changed`, 'm'))
  })

  it('"mcp --agent" for a revoked agent does not start: it says why on stderr and exits 1', async () => {
    await s.fails(1, /Agent "reader" was revoked at .* by Ana: it may make no more calls, so no MCP server is started for it\. .*\(GRANT_REVOKED\)/, 'mcp', '--agent', 'reader')
  })
})

describe('a writing agent over MCP', () => {
  it('is offered add_resource, and what it adds is in the space', async () => {
    await s.json('agent', 'add', 'Riverside', '--name', 'writer', '--docs', 'resources', '--write', '--purpose', 'agent-assist')
    const client = await mcpFor('writer')
    const names = await toolNames(client)
    expect(names).toContain('add_resource')
    expect(names).not.toContain('add_page')
    const added = json<{ id: string; title: string }>(await client.callTool({ name: 'add_resource', arguments: { kind: 'offer', title: 'Spare bike lights', tags: ['bike'] } }))
    expect(added.title).toBe('Spare bike lights')
    const listed = await s.json<ResourcePage>('resource', 'list', 'Riverside')
    expect(listed.items.map((r) => r.title)).toContain('Spare bike lights')
  }, 30_000)

  it('with a write grant on decisions, is offered propose: the member signs it as author, marked as drafted by the agent', async () => {
    await s.json('agent', 'add', 'Riverside', '--name', 'clerk', '--docs', 'decisions', '--write', '--purpose', 'agent-assist')
    const client = await mcpFor('clerk')
    expect(await toolNames(client)).toEqual(expect.arrayContaining(['get_decision', 'list_decisions', 'propose']))
    const drafted = json<{ id: string; verified: boolean; authorName: string; draftedBy: { name: string } }>(
      await client.callTool({ name: 'propose', arguments: { title: 'A second cargo bike', details: 'Asked for at the meeting.', process: 'consent', closes: '72h' } }))
    expect(drafted).toMatchObject({ verified: true, draftedBy: { name: 'clerk' } })
    const listed = await client.callTool({ name: 'list_decisions', arguments: {} })
    expect(text(listed)).toMatch(/A second cargo bike/)
  }, 30_000)
})

describe('the agent commands in words', () => {
  it('"agent add" prints the token once with a warning and the command line for an MCP client; "agent list" shows scope, status and use', async () => {
    const added = await s.run('agent', 'add', 'Riverside', '--name', 'notes', '--docs', 'resources,pages', '--purpose', 'agent-assist', '--expires', '2h')
    expect(added.code, added.stderr).toBe(0)
    expect(added.stdout).toMatch(new RegExp(`^Added agent "notes" in Riverside: it reads resources and pages for agent-assist, until ${LOCAL_TIME}\\.$`, 'm'))
    expect(added.stdout).toMatch(/token: {2}[0-9a-f]{64}/)
    expect(added.stdout).toMatch(/shown this once/)
    expect(added.stdout).toContain(`commonweave mcp --agent "notes" --data "${s.peer.dataDir}"`)
    const list = await s.run('agent', 'list', 'Riverside')
    expect(list.stdout).toMatch(new RegExp(`^reader +revoked at ${LOCAL_TIME} by Ana +reads resources for agent-assist +\\d+ calls, the last ${LOCAL_TIME}$`, 'm'))
    expect(list.stdout).toMatch(new RegExp(`^notes +active until ${LOCAL_TIME} +reads resources and pages for agent-assist +no calls yet$`, 'm'))
    expect(list.stdout).not.toMatch(/[0-9a-f]{64}/)
    await s.fails(1, /No agent "nobody"/, 'mcp', '--agent', 'nobody')
  })
  it('a revoked agent\'s name given again: both are listed, the new one serves', async () => {
    const again = await s.json<AgentResult>('agent', 'add', 'Riverside', '--name', 'reader', '--docs', 'resources', '--purpose', 'matching', '--expires', '1h')
    const listed = await s.json<{ items: AgentSummary[] }>('agent', 'list', 'Riverside')
    expect(listed.items.filter((a) => a.name === 'reader').map((a) => [a.status, a.purpose])).toEqual([['revoked', 'agent-assist'], ['active', 'matching']])
    const client = await mcpFor('reader')
    expect(await toolNames(client)).toEqual(['gaps', 'get_resource', 'list_resources', 'match', 'search', 'suggest'])
    expect(json<ResourcePage>(await client.callTool({ name: 'list_resources', arguments: {} })).items.length).toBeGreaterThan(0)
    expect(listed.items.find((a) => a.did === again.did)?.status).toBe('active')
  }, 30_000)

  it('an expired agent: listed as expired at its time, and "mcp --agent" says to renew it', async () => {
    await s.json('agent', 'add', 'Riverside', '--name', 'brief', '--docs', 'resources', '--purpose', 'agent-assist', '--expires', '1s')
    await waitFor('the agent to expire', async () => (await s.json<{ items: AgentSummary[] }>('agent', 'list', 'Riverside')).items.some((a) => a.name === 'brief' && a.status === 'expired'), 10_000, 200)
    expect((await s.run('agent', 'list', 'Riverside')).stdout).toMatch(new RegExp(`^brief +expired at ${LOCAL_TIME} +reads resources for agent-assist`, 'm'))
    await s.fails(1, new RegExp(`^commonweave: Agent "brief"'s grant expired at ${LOCAL_TIME}, so no MCP server is started for it\\. Renew it with: commonweave agent renew Riverside brief; then start this again\\. \\(GRANT_EXPIRED\\)$`, 'm'), 'mcp', '--agent', 'brief')
  }, 20_000)

  it('names the flag a person typed, not the field behind it, in a refusal', async () => {
    await s.fails(2, /^commonweave: --expires: an agent lasts at most 24 h at a time \(VALIDATION_FAILED\)$/m, 'agent', 'add', 'Riverside', '--name', 'long', '--docs', 'resources', '--purpose', 'agent-assist', '--expires', '48h')
    await s.fails(2, /^commonweave: --expires: an agent lasts at most 24 h at a time \(VALIDATION_FAILED\)$/m, 'agent', 'renew', 'Riverside', 'notes', '--expires', '48h')
    await s.fails(2, /^commonweave: --per-need is at least 1 \(VALIDATION_FAILED\)$/m, 'match', 'Riverside', '--per-need', '0')
  })

  it('refuses an agent whose purpose could use none of its collections, naming them; its usage lists only agents\' purposes', async () => {
    await s.fails(2, /An agent for matching uses resources, bookings and map only, never pages: leave it out of --docs/, 'agent', 'add', 'Riverside', '--name', 'idle', '--docs', 'pages', '--purpose', 'matching')
    const help = await s.run('agent', 'add', '--help')
    const purposes = help.stdout.split('\n').find((l) => l.startsWith('Purposes for --purpose:')) ?? ''
    expect(purposes).toMatch(/agent-assist .*coordination .*matching .*research/)
    expect(purposes).not.toMatch(/publication|backup/)
  })
})
