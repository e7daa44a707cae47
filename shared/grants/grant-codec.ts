/**
 * Envelopes to and from canonical DAG-CBOR. Decoding is total: any input gives a value or the
 * rule it broke, never a throw. Only the shape is checked here; signatures, times, chains and
 * revocations are checked in grant-verify.ts.
 *
 * Canonical means: DAG-CBOR's strict decoder accepts it (no duplicate keys, shortest integers,
 * sorted keys, no indefinite lengths), and encoding the decoded value gives back the very bytes.
 * So every grant has exactly one spelling, and its id (the hash of those bytes) is stable.
 */
import * as dagCbor from '@ipld/dag-cbor'
import { decode as lenientDecode } from 'cborg'
import type { Did } from '../ids.ts'
import { isKnownPurpose } from './purposes.ts'
import { publicKeyFromDid } from './did-key.ts'
import { isAcceptableKey, isWellFormedKey, type GrantCrypto } from './signature.ts'
import {
  GRANT_TAG, MAX_AFTER_HEADS, MAX_DELEGATION_DEPTH, MAX_DOC_REF_LENGTH, MAX_DOCS, MAX_ENVELOPE_BYTES, MAX_NOTE_BYTES,
  NONCE_BYTES, REVOCATION_TAG, VARSIG_HEADER, isKnownCmd, maxLifetimeSeconds,
  type Grant, type GrantPayload, type Revocation, type RevocationPayload, type Signed,
} from './grant-format.ts'
import { ErrorCode, fail, ok, type Result } from './result.ts'

const DAG_CBOR = 0x71
const SHA2_256 = 0x12
const SPACE_ID = /^[1-9A-HJ-NP-Za-km-z]{8,64}$/
const DOC_REF = /^[A-Za-z0-9_*-]+$/
export const GRANT_ID = /^b[a-z2-7]{20,120}$/

type Fields = Record<string, unknown>

/** The id of an envelope: CIDv1 (dag-cbor, sha2-256) of its bytes, multibase base32 (`bafyrei…`). */
export function envelopeId(bytes: Uint8Array, sha256: GrantCrypto['sha256']): string {
  const digest = sha256(bytes)
  const cid = new Uint8Array(4 + digest.byteLength)
  cid.set([0x01, DAG_CBOR, SHA2_256, digest.byteLength])
  cid.set(digest, 4)
  return 'b' + base32(cid)
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567'

/** RFC 4648 base32, lower case, no padding: what multibase `b` means (a hot path: one per grant seen). */
function base32(bytes: Uint8Array): string {
  let out = ''
  let bits = 0
  let value = 0
  for (let i = 0; i < bytes.length; i++) {
    value = (value << 8) | bytes[i]!
    bits += 8
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31]
  return out
}

/** The bytes a signature covers, for a payload under a tag. */
export function signedBytesOf(tag: string, payload: GrantPayload | RevocationPayload): Uint8Array {
  return dagCbor.encode({ h: VARSIG_HEADER, [tag]: stripUndefined(payload) })
}

/** Assembles an envelope from a payload and its signature over `signedBytesOf(tag, payload)`. */
export function encodeEnvelope(tag: string, payload: GrantPayload | RevocationPayload, signature: Uint8Array): Uint8Array {
  return dagCbor.encode([signature, { h: VARSIG_HEADER, [tag]: stripUndefined(payload) }])
}

export function decodeGrant(bytes: Uint8Array, crypto: GrantCrypto): Result<Grant> {
  return decodeEnvelope(bytes, GRANT_TAG, checkGrantPayload, crypto)
}

export function decodeRevocation(bytes: Uint8Array, crypto: GrantCrypto): Result<Revocation> {
  return decodeEnvelope(bytes, REVOCATION_TAG, checkRevocationPayload, crypto)
}

function decodeEnvelope<P extends { iss: Did }>(
  bytes: Uint8Array, tag: string, check: (p: unknown) => Result<P>, crypto: GrantCrypto,
): Result<Signed<P>> {
  if (!(bytes instanceof Uint8Array)) return fail(ErrorCode.GrantMalformed, 'an envelope is bytes')
  if (bytes.byteLength > MAX_ENVELOPE_BYTES) return fail(ErrorCode.GrantTooLarge, `an envelope is at most ${MAX_ENVELOPE_BYTES} bytes; this one has ${bytes.byteLength}`)
  let value: unknown
  try {
    value = dagCbor.decode(bytes)
  } catch {
    return notStrictCbor(bytes)
  }
  let again: Uint8Array
  try {
    again = dagCbor.encode(value)
  } catch {
    return fail(ErrorCode.GrantMalformed, 'the envelope holds values DAG-CBOR cannot carry')
  }
  if (!equalBytes(again, bytes)) return fail(ErrorCode.NonCanonical, 'the envelope is not in canonical DAG-CBOR form')
  if (!Array.isArray(value) || value.length !== 2) return fail(ErrorCode.GrantMalformed, 'an envelope is [signature, payload]')
  const [signature, sigPayload] = value as [unknown, unknown]
  if (!(signature instanceof Uint8Array) || signature.byteLength !== 64) return fail(ErrorCode.GrantMalformed, 'the signature is 64 bytes')
  if (!isPlainObject(sigPayload)) return fail(ErrorCode.GrantMalformed, 'the signed part is a map')
  const keys = Object.keys(sigPayload)
  if (!('h' in sigPayload)) return fail(ErrorCode.GrantMalformed, 'the signed part has no header')
  if (!(tag in sigPayload)) {
    const other = keys.find((k) => k !== 'h')
    return fail(ErrorCode.GrantMalformed, other ? `expected a ${tag} envelope, got ${other.slice(0, 40)}` : `no ${tag} payload`)
  }
  if (keys.length !== 2) return fail(ErrorCode.UnknownField, 'the signed part has fields besides the header and the payload')
  const header = sigPayload['h']
  if (!(header instanceof Uint8Array) || !equalBytes(header, VARSIG_HEADER)) return fail(ErrorCode.GrantMalformed, 'only Ed25519 signatures over DAG-CBOR are accepted')
  const payload = check(sigPayload[tag])
  if (!payload.ok) return payload
  const issuerKey = publicKeyFromDid(payload.value.iss) as Uint8Array
  return ok({
    id: envelopeId(bytes, crypto.sha256),
    bytes,
    payload: payload.value,
    signature,
    // Canonical bytes: the array header (1), the signature's byte-string header (2) and its 64 bytes, then the signed part.
    signedBytes: bytes.subarray(1 + 2 + 64),
    issuerKey,
  })
}

/** Tells malformed CBOR from CBOR that is merely not in DAG-CBOR's one canonical form. */
function notStrictCbor(bytes: Uint8Array): Result<never> {
  try {
    lenientDecode(bytes, { strict: false, rejectDuplicateMapKeys: false, useMaps: true, tags: lenientTags() })
  } catch {
    return fail(ErrorCode.GrantMalformed, 'the envelope is not valid CBOR')
  }
  return fail(ErrorCode.NonCanonical, 'the envelope is not in canonical DAG-CBOR form')
}

function lenientTags(): Array<(inner: unknown) => unknown> {
  const tags: Array<(inner: unknown) => unknown> = []
  tags[42] = (inner) => inner
  return tags
}

const GRANT_FIELDS = new Set(['iss', 'aud', 'sub', 'cmd', 'pol', 'nbf', 'exp', 'nonce', 'dlg', 'meta'])
const POLICY_FIELDS = new Set(['docs', 'purpose'])
const META_FIELDS = new Set(['note'])
const REVOCATION_FIELDS = new Set(['iss', 'sub', 'target', 'afterHeads', 'iat', 'nonce'])

/** A payload map holding only `allowed` fields. */
function payloadFields(p: unknown, allowed: Set<string>, what: 'grant' | 'revocation'): Result<Fields> {
  if (!isPlainObject(p)) return fail(ErrorCode.GrantMalformed, `a ${what} payload is a map`)
  const unknown = unknownField(p, allowed)
  if (unknown) return fail(ErrorCode.UnknownField, `unknown ${what} field "${unknown}"`)
  return ok(p)
}

function checkGrantPayload(raw: unknown): Result<GrantPayload> {
  const fields = payloadFields(raw, GRANT_FIELDS, 'grant')
  if (!fields.ok) return fields
  const p = fields.value
  const iss = checkDid(p, 'iss')
  if (!iss.ok) return iss
  const aud = checkDid(p, 'aud')
  if (!aud.ok) return aud
  if (typeof p['sub'] !== 'string' || !SPACE_ID.test(p['sub'])) return fail(ErrorCode.GrantMalformed, 'sub must be a space id')
  const cmd = p['cmd']
  if (typeof cmd !== 'string' || cmd.length > 64 || !isKnownCmd(cmd)) return fail(ErrorCode.GrantMalformed, `cmd ${JSON.stringify(String(cmd).slice(0, 64))} is not a command this peer knows`)
  const pol = p['pol']
  if (!isPlainObject(pol)) return fail(ErrorCode.GrantMalformed, 'pol must be a map of docs and purpose')
  const unknownPol = unknownField(pol, POLICY_FIELDS)
  if (unknownPol) return fail(ErrorCode.UnknownField, `unknown policy field "${unknownPol}"`)
  const docs = pol['docs']
  if (!Array.isArray(docs) || docs.length === 0 || docs.length > MAX_DOCS) return fail(ErrorCode.GrantMalformed, `pol.docs lists 1 to ${MAX_DOCS} documents or collections`)
  if (!docs.every((d): d is string => typeof d === 'string' && d.length > 0 && d.length <= MAX_DOC_REF_LENGTH && DOC_REF.test(d))) {
    return fail(ErrorCode.GrantMalformed, 'pol.docs holds collection names, document ids or *')
  }
  if (new Set(docs).size !== docs.length) return fail(ErrorCode.GrantMalformed, 'pol.docs lists a document twice')
  const purpose = pol['purpose']
  if (typeof purpose !== 'string') return fail(ErrorCode.GrantMalformed, 'pol.purpose must be a purpose id')
  if (!isKnownPurpose(purpose)) return fail(ErrorCode.PurposeUnknown, `purpose "${purpose.slice(0, 64)}" is not on the purpose list`)
  const nbf = p['nbf']
  const exp = p['exp']
  if (!isSeconds(nbf) || !isSeconds(exp)) return fail(ErrorCode.GrantMalformed, 'nbf and exp are whole seconds')
  if (exp <= nbf) return fail(ErrorCode.GrantMalformed, 'exp must come after nbf')
  if (exp - nbf > maxLifetimeSeconds(cmd)) return fail(ErrorCode.ExpiryTooLong, `a ${cmd} grant lasts at most ${Math.round(maxLifetimeSeconds(cmd) / 86400)} days`)
  const nonce = checkNonce(p['nonce'])
  if (!nonce.ok) return nonce
  const dlg = p['dlg']
  if (!Number.isSafeInteger(dlg) || (dlg as number) < 0 || (dlg as number) > MAX_DELEGATION_DEPTH) return fail(ErrorCode.GrantMalformed, `dlg is 0 to ${MAX_DELEGATION_DEPTH}`)
  const payload: GrantPayload = {
    iss: iss.value, aud: aud.value, sub: p['sub'], cmd, pol: { docs, purpose }, nbf, exp, nonce: nonce.value, dlg: dlg as number,
  }
  if ('meta' in p) {
    const meta = p['meta']
    if (!isPlainObject(meta)) return fail(ErrorCode.GrantMalformed, 'meta must be a map')
    const unknownMeta = unknownField(meta, META_FIELDS)
    if (unknownMeta) return fail(ErrorCode.UnknownField, `unknown meta field "${unknownMeta}"`)
    const note = meta['note']
    if (note !== undefined && (typeof note !== 'string' || new TextEncoder().encode(note).byteLength > MAX_NOTE_BYTES)) {
      return fail(ErrorCode.GrantMalformed, `meta.note is text of at most ${MAX_NOTE_BYTES} bytes`)
    }
    payload.meta = note === undefined ? {} : { note }
  }
  return ok(payload)
}

function checkRevocationPayload(raw: unknown): Result<RevocationPayload> {
  const fields = payloadFields(raw, REVOCATION_FIELDS, 'revocation')
  if (!fields.ok) return fields
  const p = fields.value
  const iss = checkDid(p, 'iss')
  if (!iss.ok) return iss
  if (typeof p['sub'] !== 'string' || !SPACE_ID.test(p['sub'])) return fail(ErrorCode.GrantMalformed, 'sub must be a space id')
  if (typeof p['target'] !== 'string' || !GRANT_ID.test(p['target'])) return fail(ErrorCode.GrantMalformed, 'target must be a grant id')
  const heads = p['afterHeads']
  if (!Array.isArray(heads) || heads.length > MAX_AFTER_HEADS || !heads.every((h) => typeof h === 'string' && h.length <= 128)) {
    return fail(ErrorCode.GrantMalformed, `afterHeads lists at most ${MAX_AFTER_HEADS} heads`)
  }
  if (!isSeconds(p['iat'])) return fail(ErrorCode.GrantMalformed, 'iat is whole seconds')
  const nonce = checkNonce(p['nonce'])
  if (!nonce.ok) return nonce
  return ok({ iss: iss.value, sub: p['sub'], target: p['target'], afterHeads: heads as string[], iat: p['iat'], nonce: nonce.value })
}

function checkDid(p: Fields, field: 'iss' | 'aud'): Result<Did> {
  const v = p[field]
  if (typeof v !== 'string') return fail(ErrorCode.GrantMalformed, `${field} must be a did:key`)
  const key = publicKeyFromDid(v)
  if (!key) return fail(ErrorCode.BadKey, `${field} is not an Ed25519 did:key`)
  // The issuer signs, so its key gets the full (cached) check; the audience is only named here.
  const good = field === 'iss' ? isAcceptableKey(key) : isWellFormedKey(key)
  if (!good) return fail(ErrorCode.BadKey, `${field} is a weak key (${field === 'iss' ? 'not of prime order, or not canonical' : 'of small order, or not canonical'})`)
  return ok(v as Did)
}

function checkNonce(v: unknown): Result<Uint8Array> {
  if (!(v instanceof Uint8Array) || v.byteLength < NONCE_BYTES.min || v.byteLength > NONCE_BYTES.max) {
    return fail(ErrorCode.GrantMalformed, `nonce is ${NONCE_BYTES.min} to ${NONCE_BYTES.max} random bytes`)
  }
  return ok(v)
}

function isSeconds(v: unknown): v is number {
  return Number.isSafeInteger(v) && (v as number) >= 0
}

function isPlainObject(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array)
}

function unknownField(o: Fields, allowed: Set<string>): string | undefined {
  for (const k in o) if (!allowed.has(k)) return k.slice(0, 40)
  return undefined
}

function stripUndefined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v
  return out as T
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false
  return true
}
