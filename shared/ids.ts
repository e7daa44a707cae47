/** Branded ids: plain strings at runtime, distinct types at compile time. Convert once, at the edge. */
export type Did = string & { readonly __brand: 'Did' }
/** A libp2p PeerId in its string form (base58btc multihash, `12D3Koo…`). */
export type PeerIdString = string & { readonly __brand: 'PeerIdString' }
/** A space is identified by the automerge document id of its authority document. */
export type SpaceId = string & { readonly __brand: 'SpaceId' }
/** An automerge-repo document id (bs58check, no `automerge:` prefix). */
export type DocId = string & { readonly __brand: 'DocId' }

const DOCUMENT_ID = /^[1-9A-HJ-NP-Za-km-z]{20,40}$/

/**
 * Whether a string looks like a document id: base58, of a document id's length. The full check
 * (a double-SHA-256 checksum) costs about 70 µs, too much for the thousands of ids an index or a
 * join lists; an id that passes this and is no real document names nothing.
 */
export function looksLikeDocumentId(id: string): boolean {
  return DOCUMENT_ID.test(id)
}
export type ResourceId = string & { readonly __brand: 'ResourceId' }
