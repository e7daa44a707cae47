/**
 * What a proposal, a stance and an outcome are signed over, and their checks. Each is signed
 * by its author's identity key (the key of their did:key) over canonical DAG-CBOR of the
 * fields that carry its meaning, under a tag naming what it is, so a signature over one kind
 * can never pass as another:
 * - a proposal: the space, a nonce, title, details, process, closesAt, quorum, the eligible
 *   voters, the author and when it was made; its id is the SHA-256 of those bytes, so a stance,
 *   which names the id, commits to all of it: nobody can swap a proposal's words, voters or
 *   close under stances already cast, nor replay them in another space;
 * - a stance: the decision id, choice, reason and castAt (DESIGN.md); the voter is the key;
 * - an outcome: the decision id, the statement, when it was closed and the stances its signer
 *   held then (a close dated back never makes those late).
 * Anyone holding the items can check them: no server, no trust in whoever relayed them.
 */
import * as dagCbor from '@ipld/dag-cbor'
import { publicKeyFromDid } from '../grants/did-key.ts'
import type { GrantCrypto } from '../grants/signature.ts'
import { fromBase64Url } from '../invite-code.ts'
import type { Outcome, Proposal, Stance } from '../schemas/decision.ts'

export const PROPOSAL_TAG = 'commonweave/decision-proposal/1'
export const STANCE_TAG = 'commonweave/decision-stance/1'
export const OUTCOME_TAG = 'commonweave/decision-outcome/1'

export type ProposalContent = Pick<Proposal, 'nonce' | 'title' | 'details' | 'process' | 'closesAt' | 'quorum' | 'eligible' | 'author' | 'createdAt' | 'imported' | 'drafter'>
type StanceFields = Pick<Stance, 'decision' | 'choice' | 'reason' | 'castAt'>
type OutcomeFields = Pick<Outcome, 'decision' | 'statement' | 'closedAt' | 'held'>

/** The bytes a proposal's author signs, and whose hash is its id. */
export function proposalBytes(spaceId: string, p: ProposalContent): Uint8Array {
  return dagCbor.encode({
    t: PROPOSAL_TAG, space: spaceId, nonce: p.nonce, title: p.title, details: p.details, process: p.process,
    closesAt: p.closesAt, quorum: p.quorum ?? null, eligible: p.eligible, author: p.author, createdAt: p.createdAt,
    // Only where there is one, so proposals made here sign the same bytes as before imports existed.
    ...(p.imported !== undefined ? { imported: importedFields(p.imported) } : {}),
    ...(p.drafter !== undefined ? { drafter: { did: p.drafter.did, name: p.drafter.name } } : {}),
  })
}

/** An import's record as signed: its fields spelled out (an optional outcome left out when absent; DAG-CBOR has no undefined). */
function importedFields(i: NonNullable<Proposal['imported']>): Record<string, unknown> {
  return {
    from: i.from, id: i.id, authorName: i.authorName, eligible: i.eligible,
    stances: i.stances.map((s) => ({ voter: s.voter, name: s.name, choice: s.choice, reason: s.reason, castAt: s.castAt })),
    ...(i.outcome ? { outcome: { statement: i.outcome.statement, byName: i.outcome.byName, at: i.outcome.at } } : {}),
  }
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')

/** A proposal's id: the SHA-256 of what its author signs, in hex. */
export function proposalId(spaceId: string, p: ProposalContent, sha256: GrantCrypto['sha256']): string {
  return hex(sha256(proposalBytes(spaceId, p)))
}

/** The bytes a voter signs: the decision id, choice, reason and castAt. */
export function stanceBytes(s: StanceFields): Uint8Array {
  return dagCbor.encode({ t: STANCE_TAG, decision: s.decision, choice: s.choice, reason: s.reason, castAt: s.castAt })
}

/** The bytes the author or an admin signs to close a proposal or state its outcome. */
export function outcomeBytes(o: OutcomeFields): Uint8Array {
  return dagCbor.encode({ t: OUTCOME_TAG, decision: o.decision, statement: o.statement, closedAt: o.closedAt, held: o.held })
}

/** Whether `signature` (base64url) is `did`'s Ed25519 signature over `bytes`. Never throws. */
export function signedBy(did: string, signature: string, bytes: Uint8Array, crypto: GrantCrypto): boolean {
  const key = publicKeyFromDid(did)
  if (!key) return false
  let sig: Uint8Array
  try {
    sig = fromBase64Url(signature)
  } catch {
    return false
  }
  return sig.length === 64 && crypto.verify(sig, bytes, key)
}

/** Its id is the hash of its content in this space, and its author signed that content. */
export function proposalVerifies(spaceId: string, p: Proposal, crypto: GrantCrypto): boolean {
  const bytes = proposalBytes(spaceId, p)
  return p.id === hex(crypto.sha256(bytes)) && signedBy(p.author, p.signature, bytes, crypto)
}

export const stanceVerifies = (s: Stance, crypto: GrantCrypto): boolean =>
  signedBy(s.voter, s.signature, stanceBytes(s), crypto)

export const outcomeVerifies = (o: Outcome, crypto: GrantCrypto): boolean =>
  signedBy(o.by, o.signature, outcomeBytes(o), crypto)
