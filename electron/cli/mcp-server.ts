/**
 * `commonweave mcp --agent NAME`: an MCP server on stdio (the official SDK's McpServer and
 * StdioServerTransport) whose tools are the API's operations called with that agent's token,
 * so the running daemon's one permission check judges and audits every call.
 *
 * Invariants:
 * - stdout carries MCP frames only; anything else goes to stderr;
 * - a tool that fails (refused, expired, revoked, invalid input, daemon gone) answers an MCP
 *   tool error with the API's words, and the server goes on;
 * - the daemon's address is read again for each call, so a restarted daemon is found.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { CommonweaveError, ErrorCode, toErrorData } from '../../shared/errors.ts'
import { createHttpClient } from '../../shared/api/http-client.ts'
import type { PeerApi } from '../../shared/api/peer-api.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { readAgent } from '../peer/agents/agent-store.ts'
import { API_ENDPOINT_FILE } from './data-dir.ts'
import { agentTools, toolInput, type AgentTool } from './mcp-tools.ts'

/** The version of the tools this server offers (not of the app). */
const SERVER_VERSION = '1.0.0'

/** Serves the agent's tools on stdin/stdout until stdin closes. */
export async function runMcpServer(dataDir: string, agentName: string): Promise<void> {
  const agent = await readAgent(dataDir, agentName)
  const tools = agentTools(agent)
  const server = new McpServer({ name: 'commonweave', version: SERVER_VERSION }, {
    instructions: `You act as the agent "${agent.name}" in one community space of Commonweave, under a grant to ${agent.cmd} ${agent.docs.join(', ')} for ${agent.purpose}. ` +
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

async function daemonUrl(dataDir: string): Promise<string> {
  try {
    const { url } = JSON.parse(await readFile(join(dataDir, API_ENDPOINT_FILE), 'utf8')) as { url?: unknown }
    if (typeof url === 'string') return url
  } catch {
    // Not running, or its file half-written: said below in words.
  }
  throw new CommonweaveError(ErrorCode.DaemonNotRunning, `No Commonweave peer is running on ${dataDir}: ask its owner to start it ("commonweave start --data ${dataDir}").`)
}
