/**
 * What a fault run did and what it ended with, Jepsen-style: every acknowledged write (which
 * peer, which item, when), every final read, and every heal with the moment all peers held
 * identical heads again. `lost` = acknowledged and missing from any peer's final read;
 * `converged` = every peer's final heads identical.
 */
import { pct } from '../bench/report.ts'

export interface Ack { peer: string; itemId: string; at: number }
export interface Heal {
  at: number
  label: string
  /**
   * At convergence, how the cut-off peer was linked to each other peer: over a connection kept
   * through the partition (TCP resumed it) or a new one opened after the heal (a redial).
   */
  links?: string
  convergedAt?: number
}

export class History {
  readonly acks: Ack[] = []
  readonly heals: Heal[] = []
  /** A write sent and not answered (the peer was killed or cut mid-write): neither acknowledged nor counted lost. */
  unacknowledged = 0
  readonly #finalReads = new Map<string, Set<string>>()
  readonly #finalHeads = new Map<string, string>()

  ack(peer: string, itemId: string): void {
    this.acks.push({ peer, itemId, at: Date.now() })
  }

  healed(label: string): Heal {
    const h: Heal = { at: Date.now(), label }
    this.heals.push(h)
    return h
  }

  finalRead(peer: string, itemIds: string[], heads: Record<string, string[] | null>): void {
    this.#finalReads.set(peer, new Set(itemIds))
    this.#finalHeads.set(peer, canonicalHeads(heads))
  }

  /** Acknowledged writes missing from at least one peer's final read, with the peers missing each. */
  lost(): Array<Ack & { missingOn: string[] }> {
    const out: Array<Ack & { missingOn: string[] }> = []
    for (const a of this.acks) {
      const missingOn = [...this.#finalReads].filter(([, ids]) => !ids.has(a.itemId)).map(([p]) => p)
      if (missingOn.length > 0) out.push({ ...a, missingOn })
    }
    return out
  }

  converged(): boolean {
    const all = [...this.#finalHeads.values()]
    return all.length > 0 && all.every((h) => h === all[0] && !h.includes('null'))
  }

  acksBy(peer: string): number {
    return this.acks.filter((a) => a.peer === peer).length
  }

  /** Milliseconds from each heal to convergence (heals never followed by convergence are left out, and counted by `unconverged`). */
  convergenceMs(): number[] {
    return this.heals.flatMap((h) => (h.convergedAt === undefined ? [] : [h.convergedAt - h.at]))
  }

  unconverged(): number {
    return this.heals.filter((h) => h.convergedAt === undefined).length
  }

  convergenceSummary(): { p50: number; p99: number; max: number } {
    const ms = this.convergenceMs()
    return { p50: pct(ms, 50), p99: pct(ms, 99), max: ms.length > 0 ? Math.max(...ms) : NaN }
  }
}

/** One string for a peer's heads of every document, so two peers' can be compared with `===`. */
export function canonicalHeads(heads: Record<string, string[] | null>): string {
  return Object.keys(heads).sort().map((d) => `${d}:${heads[d] === null ? 'null' : heads[d]!.join(',')}`).join(';')
}
