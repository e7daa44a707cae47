/**
 * Agents' calls: from an API token to the agent it belongs to, and from there to the API
 * bound to that agent's principal, with every call (allowed, refused or failed) counted and
 * written to the audit log under the agent's name; so is every request of its token that never
 * became a call (a body or route refused, a socket it may not open), which the server reports.
 *
 * Invariants:
 * - tokens are looked up by their SHA-256 digest, never compared as text;
 * - auditing never slows or fails a call: the audit log queues entries and writes them in
 *   batches; the counts of calls are written to disk at most every few seconds, and at stop;
 * - a call is recorded under the agent's own space (where its grant is), naming another space
 *   it reached for in `detail`; a write names the item it made, changed or tried to (its id,
 *   and its title where the answer holds one).
 */
import { createHash } from 'node:crypto'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import type { PeerApiMethod } from '../../../shared/api/operation.ts'
import { OPERATION_BY_METHOD } from '../../../shared/api/operations.ts'
import { AuditKind, type AuditEntry, type PeerApi, type Principal } from '../../../shared/api/peer-api.ts'
import type { AuditLog } from '../consent/audit-log.ts'
import type { Logger } from '../log.ts'
import type { AgentRecord, AgentStore } from './agent-store.ts'

/** An agent's side of the API: the calls its token may make. */
export interface AgentCaller {
  readonly name: string
  readonly api: PeerApi
  /**
   * Records a request that failed before its call reached the API, or never was one: a body
   * or input refused, no such route (`op` 'unknown-route', the request in `about`), the events
   * or sync socket refused ('events-socket', 'sync-socket'). A failure the API already
   * recorded is not recorded twice.
   */
  unreached(op: string, err: unknown, about?: { input?: unknown; request?: string }): void
}

/** The API bound to an agent, acting in its own space only. */
export type AgentBinder = (principal: Extract<Principal, { kind: 'agent' }>, ownSpace: SpaceId) => PeerApi

const SAVE_COUNTS_AFTER_MS = 5_000
/** Errors that mean "not allowed", as opposed to a call that was allowed and then failed. */
const REFUSALS: ReadonlySet<string> = new Set([ErrorCode.Forbidden, ErrorCode.Unauthorized, ErrorCode.GrantExpired, ErrorCode.GrantRevoked])
const MAX_DETAIL = 300

export interface AgentCallsDeps { store: AgentStore; audit: Pick<AuditLog, 'record'>; now: () => number; log: Logger }

export class AgentCalls {
  readonly #d: AgentCallsDeps
  readonly #byDigest = new Map<string, AgentRecord>()
  /** Asked on every agent call (its refusal) and every name lookup: not a scan of all agents. */
  readonly #byDid = new Map<Did, AgentRecord>()
  readonly #callers = new Map<Did, AgentCaller>()
  /** Failures already in the audit (an error thrown by the API on its way out through the server). */
  readonly #recorded = new WeakSet<object>()
  #bind: AgentBinder | undefined
  #saveTimer: ReturnType<typeof setTimeout> | undefined

  constructor(deps: AgentCallsDeps) {
    this.#d = deps
    for (const agent of deps.store.all()) this.known(agent)
  }

  serve(bind: AgentBinder): void {
    this.#bind = bind
  }

  /** Takes a new agent's token into use (that of a revoked one of the same name stays known: its calls are refused, saying why). */
  known(agent: AgentRecord): void {
    this.#byDigest.set(digestOf(agent.token), agent)
    this.#byDid.set(agent.did, agent)
  }

  byToken(token: string): AgentCaller | undefined {
    const agent = this.#byDigest.get(digestOf(token))
    return agent ? this.#caller(agent) : undefined
  }

  byDid(did: Did): AgentRecord | undefined {
    return this.#byDid.get(did)
  }

  async close(): Promise<void> {
    if (this.#saveTimer === undefined) return
    clearTimeout(this.#saveTimer)
    this.#saveTimer = undefined
    await this.#d.store.save()
  }

  #caller(agent: AgentRecord): AgentCaller | undefined {
    const bind = this.#bind
    if (!bind) return undefined
    let caller = this.#callers.get(agent.did)
    if (caller) return caller
    const inner = bind({ kind: 'agent', did: agent.did, name: agent.name }, agent.spaceId)
    const api: Record<string, (input?: unknown, signal?: AbortSignal) => Promise<unknown>> = {}
    for (const op of Object.keys(OPERATION_BY_METHOD) as PeerApiMethod[]) {
      const call = inner[op] as (input?: unknown, signal?: AbortSignal) => Promise<unknown>
      api[op] = async (input, signal) => {
        try {
          const result = await call(input, signal)
          this.#note(agent, op, input, 'ok', undefined, undefined, result)
          return result
        } catch (err) {
          this.#note(agent, op, input, outcomeOf(err), err)
          if (typeof err === 'object' && err !== null) this.#recorded.add(err)
          throw err
        }
      }
    }
    const unreached: AgentCaller['unreached'] = (op, err, about = {}) => {
      if (typeof err === 'object' && err !== null && this.#recorded.has(err)) return
      this.#note(agent, op, about.input, outcomeOf(err), err, about.request)
    }
    caller = { name: agent.name, api: api as unknown as PeerApi, unreached }
    this.#callers.set(agent.did, caller)
    return caller
  }

  #note(agent: AgentRecord, op: string, input: unknown, outcome: NonNullable<AuditEntry['outcome']>, err?: unknown, request?: string, result?: unknown): void {
    const at = this.#d.now()
    agent.calls++
    agent.lastCallAt = new Date(at).toISOString()
    const target = (input as { spaceId?: unknown } | undefined)?.spaceId
    const elsewhere = typeof target === 'string' && target !== agent.spaceId ? `in space ${target}` : ''
    const why = err === undefined ? '' : err instanceof CommonweaveError ? `${err.code}: ${err.message}` : String(err)
    const needs = Object.hasOwn(OPERATION_BY_METHOD, op) ? OPERATION_BY_METHOD[op as PeerApiMethod].needs : undefined
    const item = needs?.scope === 'space' && needs.cmd === 'write' ? itemWords(input, result) : ''
    const detail = [request ?? '', elsewhere, item, why].filter(Boolean).join(': ').slice(0, MAX_DETAIL)
    this.#d.audit.record({
      kind: AuditKind.AgentCall, spaceId: agent.spaceId, did: agent.did, grantId: agent.grantIds.at(-1) as string,
      name: agent.name, op, outcome, ...(detail ? { detail } : {}),
    })
    this.#saveSoon()
  }

  #saveSoon(): void {
    if (this.#saveTimer !== undefined) return
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = undefined
      this.#d.store.save().catch((err: unknown) => this.#d.log.warn('could not write the agents\' counts of calls; they are written again with the next change', { error: String(err) }))
    }, SAVE_COUNTS_AFTER_MS)
    this.#saveTimer.unref()
  }
}

/** The item a write made or changed, or was asked to: `<id> "<title>"`, from the answer where there is one, else the input's id. */
function itemWords(input: unknown, result: unknown): string {
  const r = (typeof result === 'object' && result !== null ? result : {}) as Record<string, unknown>
  const asked = Object.entries((typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>)
    .find(([k, v]) => k !== 'spaceId' && k.endsWith('Id') && typeof v === 'string')?.[1]
  const id = typeof r['id'] === 'string' ? r['id'] : asked
  if (typeof id !== 'string') return ''
  const title = [r['title'], r['label'], r['resourceTitle']].find((t): t is string => typeof t === 'string')
  return title === undefined ? id : `${id} ${JSON.stringify(title.slice(0, 80))}`
}

function outcomeOf(err: unknown): 'refused' | 'failed' {
  return err instanceof CommonweaveError && REFUSALS.has(err.code) ? 'refused' : 'failed'
}

function digestOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}
