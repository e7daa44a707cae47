/** Proposals as the peer shows them, for the decisions tests of the page's parts. */
import type { DecisionSummary, DecisionView, StanceView } from '../../shared/api/decisions-api.ts'
import type { Did } from '../../shared/ids.ts'
import { PROCESS_LINE } from '../../shared/schemas/decision.ts'

export const ADA = 'did:key:z6MkAda' as Did
export const BEA = 'did:key:z6MkBea' as Did
export const T0 = Date.UTC(2026, 2, 1, 12, 0)

export function summary(p: Partial<DecisionSummary> = {}): DecisionSummary {
  return {
    id: 'd1', title: 'Buy a cargo bike', process: 'consent', closesAt: new Date(T0 + 3 * 86_400_000).toISOString(),
    scheduledClose: new Date(T0 + 3 * 86_400_000).toISOString(), status: 'open', closedEarly: false, author: ADA, authorName: 'Ada',
    createdAt: new Date(T0).toISOString(), quorum: 50, verified: true,
    tally: { counts: { consent: 0, objection: 0 }, voted: 0, eligible: 2, quorum: { pct: 50, needed: 1, reached: false }, result: 'no-quorum' },
    outcome: null, myStance: null, mayStance: true, mayClose: true, imported: null, ...p,
  }
}

export function stance(p: Partial<StanceView> = {}): StanceView {
  return {
    id: 's1', did: BEA, name: 'Bea', choice: 'consent', reason: 'Good for the deliveries', castAt: new Date(T0 + 60_000).toISOString(),
    verified: true, late: false, counted: true, standing: 'counted', ...p,
  }
}

export function view(p: Partial<DecisionView> = {}): DecisionView {
  return {
    ...summary(p), details: 'It would carry the veg boxes.', processLine: PROCESS_LINE[p.process ?? 'consent'],
    stances: [], outcomes: [], eligibleVoters: [ADA, BEA], ...p,
  }
}
