/**
 * Every signed grant and revocation this peer holds, checked once: decoded, signature-verified
 * and bound to its space when it arrives (from the local log, a space's document, a peer or
 * this peer), then kept in memory and in the local append-only log.
 *
 * Invariants:
 * - an envelope is signature-checked once; one refused before is refused again without
 *   another check (by hash), so a peer repeating junk costs nothing;
 * - time, chain and revocation are not judged here: they change, and `ConsentIndex` judges them;
 * - what is kept here is on its way to the log; `add` resolves once it is on disk.
 */
import type { Did, SpaceId } from '../../../shared/ids.ts'
import { ErrorCode, type ErrorData } from '../../../shared/errors.ts'
import type { Grant, Revocation } from '../../../shared/grants/grant-format.ts'
import type { GrantCrypto } from '../../../shared/grants/signature.ts'
import { verifyRevocation } from '../../../shared/grants/grant-verify.ts'
import { decodeGrant } from '../../../shared/grants/grant-codec.ts'
import type { ConsentKind, GrantLog } from './grant-log.ts'

/** Envelopes remembered as refused (by hash), so a peer repeating them costs no signature check. */
const REJECTED_MAX = 10_000

export interface Envelopes { grants?: readonly Uint8Array[]; revocations?: readonly Uint8Array[] }

export type Admission = { ok: true; id: string; isNew: boolean } | { ok: false; error: ErrorData }

export class GrantStore {
  readonly #log: GrantLog
  readonly #crypto: GrantCrypto
  readonly #grants = new Map<string, Grant>()
  readonly #revocations = new Map<string, Revocation>()
  readonly #rejected = new Set<string>()

  constructor(log: GrantLog, crypto: GrantCrypto) {
    this.#log = log
    this.#crypto = crypto
  }

  /** Takes back everything the local log holds (signatures are checked again: the log is on disk). */
  loadLog(): void {
    for (const rec of this.#log.all()) this.admit(rec.spaceId, rec.kind, rec.bytes)
  }

  /**
   * Checks one envelope for a space and keeps it in memory if good. `revokerOk` narrows who may
   * issue a revocation (for envelopes from peers): anyone the space's grants name, or its root.
   */
  admit(spaceId: SpaceId, kind: ConsentKind, bytes: Uint8Array, revokerOk?: (iss: Did) => boolean): Admission {
    const key = `${kind}:${spaceId}:${this.#crypto.sha256(bytes).join(',')}`
    if (this.#rejected.has(key)) return { ok: false, error: { code: ErrorCode.GrantMalformed, message: 'this envelope was refused before' } }
    if (kind === 'grant') {
      const decoded = decodeGrant(bytes, this.#crypto)
      if (!decoded.ok) return this.#refuse(key, decoded.error)
      const g = decoded.value
      if (g.payload.sub !== spaceId) return this.#refuse(key, { code: ErrorCode.WrongSpace, message: 'the grant is for another space' })
      if (this.#grants.has(g.id)) return { ok: true, id: g.id, isNew: false }
      if (!this.#crypto.verify(g.signature, g.signedBytes, g.issuerKey)) return this.#refuse(key, { code: ErrorCode.SignatureInvalid, message: 'the grant\'s signature is not valid for its issuer' })
      this.#grants.set(g.id, g)
      return { ok: true, id: g.id, isNew: true }
    }
    const r = verifyRevocation(bytes, spaceId, this.#crypto)
    if (!r.ok) return this.#refuse(key, r.error)
    if (this.#revocations.has(r.value.id)) return { ok: true, id: r.value.id, isNew: false }
    if (revokerOk && !revokerOk(r.value.payload.iss)) {
      return this.#refuse(key, { code: ErrorCode.Forbidden, message: 'the revocation is by no one this space\'s grants name' })
    }
    this.#revocations.set(r.value.id, r.value)
    return { ok: true, id: r.value.id, isNew: true }
  }

  /** True when this id is held (a grant or a revocation). */
  holds(id: string): boolean {
    return this.#grants.has(id) || this.#revocations.has(id)
  }

  /** Writes an admitted envelope to the local log; false when it was there already. */
  persist(spaceId: SpaceId, kind: ConsentKind, id: string, bytes: Uint8Array, source: string): Promise<boolean> {
    if (this.#log.has(id)) return Promise.resolve(false)
    return this.#log.add({ id, spaceId, kind, bytes, source })
  }

  /** Every grant and revocation of a space. */
  envelopes(spaceId: SpaceId): { grants: Grant[]; revocations: Revocation[] } {
    return {
      grants: [...this.#grants.values()].filter((g) => g.payload.sub === spaceId),
      revocations: [...this.#revocations.values()].filter((r) => r.payload.sub === spaceId),
    }
  }

  grant(id: string): Grant | undefined {
    return this.#grants.get(id)
  }

  revocationsOf(grantId: string): Revocation[] {
    return [...this.#revocations.values()].filter((r) => r.payload.target === grantId)
  }

  #refuse(key: string, error: ErrorData): { ok: false; error: ErrorData } {
    if (this.#rejected.size >= REJECTED_MAX) this.#rejected.clear()
    this.#rejected.add(key)
    return { ok: false, error }
  }
}
