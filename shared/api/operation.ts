/**
 * One description of each operation of the peer: its HTTP route, its input schema, what it
 * answers (for OpenAPI), the errors it adds, the permission it needs, and its CLI command.
 * The HTTP routes, the HTTP client, the OpenAPI document, the CLI's command table and (later)
 * the MCP tools are all generated from these; the peer implements each one once, as a handler
 * that takes the caller's context.
 */
import { z } from 'zod'
import type { ErrorCode } from '../errors.ts'
import type { PeerApi } from './peer-api.ts'

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE'
/** Methods whose call carries a JSON body. */
export const hasBody = (method: HttpMethod): boolean => method === 'POST' || method === 'PATCH'
export type PeerApiMethod = keyof PeerApi
export type RouteParams = Record<string, string>

/**
 * What a call needs, checked for every caller by one permission check: `peer` calls act as
 * this peer's owner (agents never make them); `space` calls read or write a collection (named,
 * or given by the `:collection` path param) of the space named by `spaceId`.
 */
export type Needs =
  | { scope: 'peer' }
  | { scope: 'space'; cmd: 'read' | 'write'; collection: string | { param: 'collection' } }
  /** Reads across collections (search): every result is kept only if the caller may read its document. */
  | { scope: 'space'; cmd: 'read'; collection: { filtered: true } }

/** How a CLI flag becomes a field of the call's input. */
export interface CliFlag {
  /** The input field it sets; the flag's own name when not given. */
  field?: string
  /**
   * `list`: comma-separated; `duration`: `90s`/`45m`/`24h`/`30d` as seconds; `durationMs`: the
   * same as ms; `fileText`: the text of the file named (read by the CLI); `trim`: trimmed text; `time`: ISO 8601, local time where no zone is given;
   * `clearable`: text, where an empty value clears the field (null); `timeOrDuration`: a duration
   * as typed (`72h`), or a time as `time` reads it.
   */
  parse?: 'text' | 'trim' | 'list' | 'duration' | 'durationMs' | 'int' | 'time' | 'clearable' | 'timeOrDuration' | 'fileText'
  /** Whether the flag may be given several times (an array). */
  multiple?: boolean
  /** A flag without a value. */
  boolean?: boolean
}

export interface CliCommand {
  /** e.g. ['resource', 'add'] */
  path: string[]
  /** Positional arguments in order, each with the input field it fills: `[['SPACE', 'spaceId']]`. */
  args: Array<[name: string, field: string]>
  flags?: Record<string, CliFlag>
  /** Flags that must be given. */
  required?: string[]
  usage: string
  summary: string
  /** More help, shown with the usage on `--help` and on a usage error, and at the end of the command list. */
  notes?: string
  /** Input fields holding a file path: the CLI makes them absolute against its working directory. */
  paths?: string[]
}

export interface OperationDef {
  op: PeerApiMethod
  summary: string
  http: { method: HttpMethod; path: string; status: 200 | 201 }
  /** Schema of the JSON body; null for routes that take none (GETs and DELETEs). */
  body: z.ZodType | null
  /** Schema of the query string of a GET, if it takes one. */
  query?: z.ZodType
  /** Assembles the handler's input from validated path params and body (or query). */
  input: (params: RouteParams, body: unknown) => unknown
  /** JSON Schema of the answer, for the OpenAPI document (refs point at its components). */
  response: Record<string, unknown>
  /** Error codes this call answers with beyond those every route shares. */
  errors?: readonly ErrorCode[]
  needs: Needs
  cli?: CliCommand
  /** The largest JSON body this call reads, when larger than the API's default (a file's text to import). */
  maxBodyBytes?: number
  /**
   * Offered to agents as a tool of `commonweave mcp`: its name, and a description written for a
   * model (what it answers, when to use it, what to pass). Write tools are listed only for an
   * agent whose grant allows writing what `needs` names.
   */
  mcp?: McpTool
}

export interface McpTool {
  tool: string
  description: string
}

/** Declares an operation (identity function: the type checks the description). */
export function defineOperation<D extends OperationDef>(def: D): D {
  return def
}

/** A reference to a schema in the OpenAPI document's components. */
export const schemaRef = (name: string): Record<string, unknown> => ({ $ref: `#/components/schemas/${name}` })
export const arrayOf = (items: Record<string, unknown>): Record<string, unknown> => ({ type: 'array', items })

export const spaceIdOf = (params: RouteParams): string => params['spaceId'] as string
export const noInput = (): undefined => undefined
/** The body, with the space it was addressed to laid over it (a body can never override the path). */
export const inSpace = (p: RouteParams, body: unknown): unknown => ({ ...(body as object), spaceId: spaceIdOf(p) })
export const onlyParams = (p: RouteParams): unknown => ({ ...p })
export const bodyOnly = (_p: RouteParams, body: unknown): unknown => body

/** A yes/no of a query string (`?all=true`). */
export const queryFlag = (name: string) => z.enum(['true', 'false'], { error: `${name} is true or false` }).transform((v) => v === 'true').optional()
