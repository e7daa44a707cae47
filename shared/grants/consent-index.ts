/**
 * The consent of one space, indexed: which chains are valid now, for whom, and which
 * revocations bite. Pure: built from signature-checked grants and revocations, the space's
 * root and the time, and asked with the time.
 *
 * Invariants:
 * - the root (the founder) may do everything and needs no grant;
 * - a peer may do what at least one of its valid chains allows, until that chain's earliest exp;
 * - a revocation bites when its issuer is the root, the revoked grant's own issuer or holder
 *   (who gives it up: a member leaving), an issuer
 *   further up one of that grant's chains, or a holder of a valid chain allowing `/grant/revoke`
 *   (an admin); revocations are grow-only, so a revoked grant never comes back;
 * - the index says when it next changes by itself (an expiry or an nbf passing), so the caller
 *   can rebuild it then rather than trust a verdict past its time.
 */
import type { Did } from '../ids.ts'
import { ErrorCode, type ErrorData } from '../errors.ts'
import { checkChain, checkStanding, type ChainScope } from './grant-verify.ts'
import {
  ALL_DOCS, CLOCK_SKEW_SECONDS, Cmd, MAX_CHAIN_LENGTH, cmdCovers, cmdReads, cmdWrites, type Grant, type Revocation,
} from './grant-format.ts'

export interface ConsentInput {
  space: string
  root: Did
  /** Grants whose signatures were checked. */
  grants: readonly Grant[]
  /** Revocations whose signatures were checked. */
  revocations: readonly Revocation[]
  now: number
}

export type AccessMode = 'read' | 'write'

export interface GrantStanding {
  grant: Grant
  /** The valid chain ending in this grant, if there is one. */
  chain: ChainScope | undefined
  problem: ErrorData | null
}

export class ConsentIndex {
  readonly space: string
  readonly root: Did
  /** Grant ids whose revocation bites. */
  readonly revoked: ReadonlySet<string>
  /** When, in ms, a verdict of this index may change by the clock alone (an exp or nbf passes). */
  readonly nextChange: number
  readonly #chains = new Map<Did, ChainScope[]>()
  readonly #standing = new Map<string, GrantStanding>()
  /** Per revoked grant id, the earliest revocation that bites it. */
  readonly #revokedBy = new Map<string, Revocation>()
  /** Per revoked grant id, every revocation that bites it. */
  readonly #bitingAll = new Map<string, Revocation[]>()
  /** A grant's chain judged on structure alone (see `structuralChain`). */
  readonly #structural: (grantId: string) => ChainScope | undefined

  constructor(input: ConsentInput) {
    this.space = input.space
    this.root = input.root
    const grants = dedupe(input.grants.filter((g) => g.payload.sub === input.space))
    const byAudience = new Map<Did, Grant[]>()
    for (const g of grants) push(byAudience, g.payload.aud, g)
    const byId = new Map(grants.map((g) => [g.id, g]))
    const revocations = input.revocations.filter((r) => r.payload.sub === input.space)

    // Pass 1: revocations by the root, or by the revoked grant's own issuer or holder, need no chain to judge.
    const firm = new Set<string>()
    const judged = new Set<Revocation>()
    const bites = (r: Revocation): void => {
      judged.add(r)
      push(this.#bitingAll, r.payload.target, r)
      const earlier = this.#revokedBy.get(r.payload.target)
      if (earlier === undefined || r.payload.iat < earlier.payload.iat) this.#revokedBy.set(r.payload.target, r)
    }
    for (const r of revocations) {
      const target = byId.get(r.payload.target)
      // Its holder may give a grant up (a member leaving): that harms no one else.
      if (r.payload.iss === input.root || (target && (target.payload.iss === r.payload.iss || target.payload.aud === r.payload.iss))) {
        firm.add(r.payload.target)
        bites(r)
      }
    }
    let standing = this.#evaluate(grants, byAudience, firm, input)
    // Pass 2: revocations by an issuer up the target's chain, or by an admin. Authority to revoke is
    // judged on the chains' structure alone, ignoring time and revocations: one who held it when
    // revoking keeps the revocation in force after losing it, so a revoked grant never comes back.
    const revoked = new Set(firm)
    const structural = new Map<string, ChainScope | undefined>()
    const chainOf = (g: Grant): ChainScope | undefined => {
      if (!structural.has(g.id)) structural.set(g.id, firstChain(g, input.root, byAudience, () => true))
      return structural.get(g.id)
    }
    for (const r of revocations) {
      // Every revocation is judged (not only the first per target), so that the earliest that bites is known.
      if (judged.has(r)) continue
      const target = byId.get(r.payload.target)
      const upChain = target ? chainOf(target)?.grants.some((g) => g.payload.iss === r.payload.iss) ?? false : false
      const admin = (byAudience.get(r.payload.iss) ?? []).some((g) => {
        const c = chainOf(g)
        return c !== undefined && cmdCovers(c.cmd, Cmd.Revoke)
      })
      if (upChain || admin) {
        revoked.add(r.payload.target)
        bites(r)
      }
    }
    this.#structural = (id) => { const g = byId.get(id); return g ? chainOf(g) : undefined }
    if (revoked.size !== firm.size) standing = this.#evaluate(grants, byAudience, revoked, input)
    this.revoked = revoked
    for (const [id, s] of standing) {
      this.#standing.set(id, s)
      if (s.chain) push(this.#chains, s.chain.audience, s.chain)
    }
    this.nextChange = nextChange(grants, input.now)
  }

  /** The earliest revocation that bites `grantId` (its time and issuer say when and by whom it was revoked); undefined when it is not revoked. */
  revocationOf(grantId: string): Revocation | undefined {
    return this.#revokedBy.get(grantId)
  }

  /** Every revocation that bites `grantId` (a signer may backdate one: who else revoked it matters too). */
  revocationsOf(grantId: string): readonly Revocation[] {
    return this.#bitingAll.get(grantId) ?? []
  }

  /**
   * A chain from the root to this grant judged on its structure alone (aligned, each link only
   * narrowing), ignoring time and revocations: whether the grant was ever properly given.
   */
  structuralChain(grantId: string): ChainScope | undefined {
    return this.#structural(grantId)
  }

  /** Every valid chain a peer holds in this space. */
  chainsOf(did: Did, now: number): ChainScope[] {
    const t = Math.floor(now / 1000)
    return (this.#chains.get(did) ?? []).filter((c) => c.exp > t)
  }

  /** True when `did` may read (or write) `docId`, whose collection is `collection` (if it is in one). */
  allows(did: Did, mode: AccessMode, docId: string, collection: string | undefined, now: number): boolean {
    return this.until(did, mode, docId, collection, now) > now
  }

  /** Until when (ms) `did` may read or write `docId`: 0 when it may not; Infinity for the root. */
  until(did: Did, mode: AccessMode, docId: string, collection: string | undefined, now: number): number {
    if (did === this.root) return Infinity
    let best = 0
    for (const c of this.chainsOf(did, now)) {
      if (!(mode === 'read' ? cmdReads(c.cmd) : cmdWrites(c.cmd))) continue
      if (!c.docs.includes(ALL_DOCS) && !c.docs.includes(docId) && !(collection !== undefined && c.docs.includes(collection))) continue
      best = Math.max(best, c.exp * 1000)
    }
    return best
  }

  /** True when `did` is the root or holds any valid chain here. */
  knows(did: Did, now: number): boolean {
    return did === this.root || this.chainsOf(did, now).length > 0
  }

  /** Every grant known here, with its chain or the rule it fails. */
  standings(): GrantStanding[] {
    return [...this.#standing.values()]
  }

  standing(grantId: string): GrantStanding | undefined {
    return this.#standing.get(grantId)
  }

  /** Everyone this space's grants name, valid or not: the peers a revocation of this space concerns. */
  involved(): Set<Did> {
    const out = new Set<Did>([this.root])
    for (const s of this.#standing.values()) {
      out.add(s.grant.payload.iss)
      out.add(s.grant.payload.aud)
    }
    return out
  }

  #evaluate(grants: Grant[], byAudience: Map<Did, Grant[]>, revoked: ReadonlySet<string>, input: ConsentInput): Map<string, GrantStanding> {
    const out = new Map<string, GrantStanding>()
    const ctx = { space: input.space, now: input.now, isRevoked: (id: string) => revoked.has(id) }
    for (const g of grants) {
      const own = checkStanding(g, ctx)
      if (!own.ok) {
        out.set(g.id, { grant: g, chain: undefined, problem: own.error })
        continue
      }
      let problem: ErrorData | null = null
      const chain = firstChain(g, input.root, byAudience, (x) => {
        const r = checkStanding(x, ctx)
        if (!r.ok) problem ??= r.error
        return r.ok
      }, (error) => { problem ??= error })
      out.set(g.id, { grant: g, chain, problem: chain ? null : problem ?? { code: ErrorCode.WrongRoot, message: 'no chain leads from the founder to this grant' } })
    }
    return out
  }
}

/**
 * The first valid chain from the root to `g`, searching depth-first through parents that pass
 * `usable` (so expired, revoked or junk grants addressed to an issuer cannot crowd out its good
 * ones), shortest paths to the root tried first at each step; at most MAX_CHAIN_LENGTH long.
 */
function firstChain(g: Grant, root: Did, byAudience: Map<Did, Grant[]>, usable: (g: Grant) => boolean, onProblem?: (e: ErrorData) => void): ChainScope | undefined {
  if (!usable(g)) return undefined
  let visited = 0
  const walk = (path: Grant[]): ChainScope | undefined => {
    if (++visited > 256) return undefined
    const head = path[0]!
    if (head.payload.iss === root) {
      const verdict = checkChain(path, { root })
      if (verdict.ok) return verdict.value
      onProblem?.(verdict.error)
      return undefined
    }
    if (path.length >= MAX_CHAIN_LENGTH) {
      onProblem?.({ code: ErrorCode.ChainTooLong, message: 'no chain of at most five links leads from the founder to this grant' })
      return undefined
    }
    const parents = (byAudience.get(head.payload.iss) ?? []).filter((p) => !path.includes(p) && usable(p))
    parents.sort((a, b) => Number(b.payload.iss === root) - Number(a.payload.iss === root))
    for (const p of parents) {
      const found = walk([p, ...path])
      if (found) return found
    }
    return undefined
  }
  return walk([g])
}

function nextChange(grants: Grant[], now: number): number {
  const t = now / 1000
  let next = Infinity
  for (const g of grants) {
    if (g.payload.exp > t) next = Math.min(next, g.payload.exp)
    const validFrom = g.payload.nbf - CLOCK_SKEW_SECONDS
    if (validFrom > t) next = Math.min(next, validFrom)
  }
  return next * 1000
}

function dedupe(grants: Grant[]): Grant[] {
  const seen = new Set<string>()
  return grants.filter((g) => !seen.has(g.id) && (seen.add(g.id), true))
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
