/**
 * The tools `commonweave mcp --agent NAME` offers: one for each operation with an `mcp`
 * description that the agent's grant lets it use. A tool's input is the operation's own body
 * or query schema and its path parameters, without the space (the agent's own is filled in);
 * a yes/no of a query string is a boolean to the model.
 */
import { z } from 'zod'
import { andList } from '../../shared/and-list.ts'
import type { OperationDef, PeerApiMethod } from '../../shared/api/operation.ts'
import { OPERATIONS } from '../../shared/api/operations.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { purposeRefusal, purposeUses } from '../peer/agents/agent-purposes.ts'

/** Input fields an agent is always refused (matching across organisations is its member's own to do): never offered to a model. */
const NEVER_AN_AGENTS: Partial<Record<PeerApiMethod, readonly string[]>> = { match: ['across'] }

/** What an agent's grant allows, as `agents.json` records it. */
export interface AgentScope { spaceId: SpaceId; cmd: 'read' | 'write'; docs: string[]; purpose: string }

export interface AgentTool {
  name: string
  description: string
  op: OperationDef
  inputSchema: z.ZodObject
  /** Which of the input's fields go into the route's path. */
  pathParams: string[]
}

/** The tools an agent with this scope may use, in the operations' order. */
export function agentTools(scope: AgentScope): AgentTool[] {
  return OPERATIONS.flatMap((op) => (op.mcp && offered(op, scope) ? [toolOf(op, op.mcp.tool, describe(op, op.mcp.description, scope))] : []))
}

/** A tool across collections (search, suggest, health) says which this agent may read: a model should not look for the rest. */
function describe(op: OperationDef, description: string, scope: AgentScope): string {
  const needs = op.needs
  if (needs.scope !== 'space' || typeof needs.collection !== 'object') return description
  const readable = scope.docs.filter((d) => purposeUses(scope.purpose, d))
  return `${description} This agent may read ${readable.length > 0 ? andList(readable) : 'none of the community\'s collections'} only.`
}

/** Listed only where a call could succeed: its collection named in the grant, writes only for a write grant, within the grant's purpose. */
function offered(op: OperationDef, scope: AgentScope): boolean {
  const needs = op.needs
  if (needs.scope !== 'space') return false
  const writes = needs.cmd === 'write'
  if (purposeRefusal(scope.purpose, op.op, writes) !== null) return false
  if (typeof needs.collection === 'object') return 'filtered' in needs.collection
  return scope.docs.includes(needs.collection) && (!writes || scope.cmd === 'write')
}

function toolOf(op: OperationDef, name: string, description: string): AgentTool {
  const pathParams = [...op.http.path.matchAll(/:(\w+)/g)].map((m) => m[1] as string).filter((p) => p !== 'spaceId')
  const base = (op.body ?? op.query ?? z.object({})) as z.ZodObject
  const shape: Record<string, z.ZodType> = {}
  for (const p of pathParams) shape[p] = z.string().trim().min(1, `${p} is required`).describe(`The ${p.replace(/Id$/, '')}'s id, or a unique start of it`)
  const never = NEVER_AN_AGENTS[op.op] ?? []
  for (const [field, schema] of Object.entries(base.shape as Record<string, z.ZodType>)) {
    if (field === 'spaceId' || never.includes(field)) continue
    shape[field] = isQueryFlag(schema) ? z.boolean().optional() : schema
  }
  return { name, description, op, inputSchema: z.strictObject(shape), pathParams }
}

/** A query string's yes/no (`queryFlag`): "true" reads as true, "false" as false. */
function isQueryFlag(schema: z.ZodType): boolean {
  const yes = schema.safeParse('true')
  const no = schema.safeParse('false')
  return yes.success && yes.data === true && no.success && no.data === false
}

/** A tool's arguments as the operation's input: the agent's space and the path parameters laid over the rest. */
export function toolInput(tool: AgentTool, spaceId: SpaceId, args: Record<string, unknown>): unknown {
  const params: Record<string, string> = { spaceId }
  const rest: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(args)) {
    if (tool.pathParams.includes(k)) params[k] = String(v)
    else if (v !== undefined) rest[k] = v
  }
  return tool.op.input(params, rest)
}
