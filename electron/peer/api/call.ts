/**
 * Every call into the peer goes through here: the caller's context, the one permission check,
 * then the operation's handler. The `PeerApi` the UI, CLI, HTTP server and tests hold is the
 * owner's; an agent's (later) is the same code with another principal.
 */
import type { CallContext, PeerApi, Principal } from '../../../shared/api/peer-api.ts'
import type { PeerApiMethod } from '../../../shared/api/operation.ts'
import { OPERATION_BY_METHOD } from '../../../shared/api/operations.ts'

type InputOf<M extends PeerApiMethod> = Parameters<PeerApi[M]> extends [] ? undefined : Parameters<PeerApi[M]>[0]
type OutputOf<M extends PeerApiMethod> = Awaited<ReturnType<PeerApi[M]>>

/** The implementation of every operation, taking the caller's context. */
export type Handlers = { [M in PeerApiMethod]: (ctx: CallContext, input: InputOf<M>) => Promise<OutputOf<M>> }

/** Throws when the caller may not make this call with this input. */
export type PermissionCheck = (ctx: CallContext, op: PeerApiMethod, input: unknown) => void

const NEVER = new AbortController().signal

/**
 * A `PeerApi` whose every call runs as `principal`: its input resolved (a space named by name
 * becomes its id), checked, then handled.
 */
export function bindApi(handlers: Handlers, check: PermissionCheck, principal: Principal, resolve: (input: unknown) => unknown = (i) => i): PeerApi {
  const api: Record<string, (input?: unknown, signal?: AbortSignal) => Promise<unknown>> = {}
  for (const op of Object.keys(OPERATION_BY_METHOD) as PeerApiMethod[]) {
    const handler = handlers[op] as (ctx: CallContext, input: unknown) => Promise<unknown>
    api[op] = async (raw, signal) => {
      const ctx: CallContext = { principal, signal: signal ?? NEVER }
      const input = resolve(raw)
      check(ctx, op, input)
      return handler(ctx, input)
    }
  }
  return api as unknown as PeerApi
}
