/**
 * Validation of what arrives on `/commonweave/sync/1.0.0`: the handshake and every message,
 * checked field by field and copied into a fresh object holding only the fields automerge-repo
 * reads for that message type, so nothing a remote adds ever reaches the repo.
 */
import { isValidDocumentId } from '@automerge/automerge-repo'
import type { Message, PeerId as RepoPeerId, PeerMetadata } from '@automerge/automerge-repo'
import { isWindowPeer } from '../../../shared/api/doc-sync-wire.ts'
import { SyncErrorCode, SyncProtocolError } from './sync-protocol-error.ts'

const MAX_ID_CHARS = 256

type Fields = Record<string, unknown>
type Check = (v: unknown, field: string) => unknown

function fail(field: string): never {
  throw new SyncProtocolError(SyncErrorCode.MessageInvalid, `invalid ${field}`)
}

/** A plain object as decoded from a CBOR map; anything else (arrays, tagged types) fails. */
function fields(v: unknown, field: string): Fields {
  const proto: unknown = typeof v === 'object' && v !== null ? Object.getPrototypeOf(v) : undefined
  return proto === Object.prototype || proto === null ? (v as Fields) : fail(field)
}

const text: Check = (v, f) => (typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_CHARS ? v : fail(f))
const texts: Check = (v, f) => (Array.isArray(v) ? v.map(item => text(item, f)) : fail(f))
const bytes: Check = (v, f) => (v instanceof Uint8Array ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : fail(f))
/**
 * Ids already checked: the full check decodes base58 and a double-SHA-256 checksum (about 70 µs),
 * and a sync of a thousand documents sends each id in several messages.
 */
const validIds = new Set<string>()
const docId: Check = (v, f) => {
  const id = text(v, f) as string
  if (validIds.has(id)) return id
  if (!isValidDocumentId(id)) return fail(f)
  if (validIds.size >= 100_000) validIds.clear()
  validIds.add(id)
  return id
}
const count: Check = (v, f) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : fail(f))
const bool: Check = (v, f) => (typeof v === 'boolean' ? v : fail(f))
const optional = (check: Check): Check => (v, f) => (v === undefined ? undefined : check(v, f))
const newHeads: Check = (v, f) => Object.fromEntries(Object.entries(fields(v, f)).map(([storageId, entry]) => {
  const e = fields(entry, f)
  const timestamp = typeof e['timestamp'] === 'number' && Number.isFinite(e['timestamp']) ? e['timestamp'] : fail(f)
  return [text(storageId, f), { heads: texts(e['heads'], f), timestamp }]
}))

/** Per message type, the fields automerge-repo reads besides `type`, `senderId` and `targetId`. */
const MESSAGE_FIELDS = new Map<string, Record<string, Check>>([
  ['sync', { documentId: docId, data: bytes }],
  ['request', { documentId: docId, data: bytes }],
  ['doc-unavailable', { documentId: docId }],
  ['ephemeral', { documentId: docId, data: bytes, sessionId: text, count }],
  ['remote-subscription-change', { add: optional(texts), remove: optional(texts) }],
  ['remote-heads-changed', { documentId: docId, newHeads }],
])

/** Copies into `into` only the fields named in `checks`, each checked; throws on the first bad one. */
function pick(o: Fields, checks: Record<string, Check>, into: Fields): Fields {
  for (const [name, check] of Object.entries(checks)) {
    const value = check(o[name], name)
    if (value !== undefined) into[name] = value
  }
  return into
}

/** A fresh message with only the fields its type uses, or undefined for a type automerge-repo does not know. */
export function parseMessage(v: unknown): Message | undefined {
  const o = fields(v, 'message')
  const type = text(o['type'], 'type') as string
  const checks = MESSAGE_FIELDS.get(type)
  if (checks === undefined) return undefined
  return pick(o, checks, { type, targetId: text(o['targetId'], 'targetId'), senderId: '' }) as unknown as Message
}

export function parseHandshake(v: unknown): { peerId: RepoPeerId, peerMetadata: PeerMetadata } {
  try {
    const o = fields(v, 'handshake')
    if (o['v'] !== 1) fail('handshake version')
    const peerMetadata = pick(fields(o['peerMetadata'] ?? {}, 'peerMetadata'), { storageId: optional(text), isEphemeral: optional(bool) }, {})
    const peerId = text(o['peerId'], 'peerId') as string
    // `ui-` ids are this peer's own windows (window-sync-adapter.ts): no remote may pass as one.
    if (isWindowPeer(peerId)) fail('peerId (ui- names a window of the peer itself)')
    return { peerId: peerId as RepoPeerId, peerMetadata }
  } catch (err) {
    throw new SyncProtocolError(SyncErrorCode.HandshakeInvalid, err instanceof Error ? err.message : String(err))
  }
}
