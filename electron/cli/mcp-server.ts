/**
 * `commonweave mcp --agent NAME`: an MCP server on stdio (the official SDK's McpServer and
 * StdioServerTransport) whose tools are the API's operations called with that agent's token,
 * so the running daemon's one permission check judges and audits every call.
 *
 * Invariants:
 * - stdout carries MCP frames only; anything else goes to stderr;
 * - a tool that fails (refused, expired, revoked, invalid input, daemon gone) answers an MCP
 *   tool error with the API's words, and the server goes on;
 * - the daemon's address is read again for each call, so a restarted daemon is found;
 * - an agent already revoked or expired is not served: it starts refused, in words on
 *   stderr (one revoked while it runs has its next call refused).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { andList } from '../../shared/and-list.ts'
import { CommonweaveError, ErrorCode, toErrorData } from '../../shared/errors.ts'
import { createHttpClient } from '../../shared/api/http-client.ts'
import type { PeerApi } from '../../shared/api/peer-api.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { readAgent, type AgentRecord } from '../peer/agents/agent-store.ts'
import { TOKEN_FILE } from '../peer/api/token.ts'
import { API_ENDPOINT_FILE } from './data-dir.ts'
import { when } from './resource-output.ts'
import { agentTools, toolInput, type AgentTool } from './mcp-tools.ts'

/** The version of the tools this server offers (not of the app). */
const SERVER_VERSION = '1.0.0'

/** Serves the agent's tools on stdin/stdout until stdin closes. */
export async function runMcpServer(dataDir: string, agentName: string): Promise<void> {
  const agent = await readAgent(dataDir, agentName)
  await refuseEnded(dataDir, agent)
  const tools = agentTools(agent)
  const server = new McpServer({ name: 'commonweave', version: SERVER_VERSION }, {
    instructions: `You act as the agent "${agent.name}" in one community space of Commonweave, under a grant to ${agent.cmd} ${andList(agent.docs)} for ${agent.purpose}. ` +
      'Every call is checked against that grant and recorded in the community\'s audit log under your name. Ids in answers can be passed to the get_ tools.',
  })
  for (const tool of tools) {
    server.registerTool(tool.name, { description: tool.description, inputSchema: tool.inputSchema }, async (args: Record<string, unknown>) => call(dataDir, agent.token, agent.spaceId, tool, args))
  }
  const transport = new StdioServerTransport()
  const closed = new Promise<void>((done) => { transport.onclose = done })
  await server.connect(transport)
  process.stderr.write(`commonweave mcp: serving ${tools.length} tools as agent "${agent.name}" (${tools.map((t) => t.name).join(', ')})\n`)
  process.stdin.once('end', () => void server.close())
  await closed
}

async function call(dataDir: string, token: string, spaceId: SpaceId, tool: AgentTool, args: Record<string, unknown>): Promise<CallToolResult> {
  try {
    const api = createHttpClient({ url: await daemonUrl(dataDir), token })
    const method = api[tool.op.op] as (input: unknown) => Promise<unknown>
    const result = await method.call(api as PeerApi, toolInput(tool, spaceId, args))
    return { content: [{ type: 'text', text: JSON.stringify(result ?? null) }] }
  } catch (err) {
    const error = toErrorData(err)
    return { isError: true, content: [{ type: 'text', text: `${error.message} (${error.code})` }] }
  }
}

/**
 * Throws, in words, when the agent's grant was revoked or has expired, as the running peer
 * judges it (asked with the owner's token, which this machine's owner holds in the data
 * directory as they hold the agent's). With no peer running, the server starts: its calls
 * say so, and work once the peer is started.
 */
async function refuseEnded(dataDir: string, agent: AgentRecord): Promise<void> {
  let owner: PeerApi
  try {
    owner = createHttpClient({ url: await daemonUrl(dataDir), token: (await readFile(join(dataDir, TOKEN_FILE), 'utf8')).trim() })
  } catch {
    return
  }
  const summary = (await owner.listAgents({ spaceId: agent.spaceId }).catch(() => ({ items: [] }))).items.find((a) => a.did === agent.did)
  if (summary?.status === 'revoked') {
    const by = summary.revoked?.byName ?? summary.revoked?.by
    throw new CommonweaveError(ErrorCode.GrantRevoked, `Agent "${agent.name}" was revoked${summary.revoked ? ` at ${when(summary.revoked.at)}` : ''}${by ? ` by ${by}` : ''}: ` +
      'it may make no more calls, so no MCP server is started for it. Add a new agent with "commonweave agent add" if it should go on.')
  }
  if (summary?.status === 'expired') {
    throw new CommonweaveError(ErrorCode.GrantExpired, `Agent "${agent.name}"'s grant expired at ${when(summary.expires)}, so no MCP server is started for it. ` +
      `Renew it with: commonweave agent renew ${shellWord(summary.spaceName)} ${shellWord(agent.name)}; then start this again.`)
  }
}

/** A name as one shell word: quoted where it holds more than letters, digits, `_`, `.` and `-`. */
function shellWord(name: string): string {
  return /^[\w.-]+$/.test(name) ? name : JSON.stringify(name)
}

async function daemonUrl(dataDir: string): Promise<string> {
  try {
    const { url } = JSON.parse(await readFile(join(dataDir, API_ENDPOINT_FILE), 'utf8')) as { url?: unknown }
    if (typeof url === 'string') return url
  } catch {
    // Not running, or its file half-written: said below in words.
  }
  throw new CommonweaveError(ErrorCode.DaemonNotRunning, `No Commonweave peer is running on ${dataDir}: ask its owner to start it ("commonweave start --data ${dataDir}").`)
}
