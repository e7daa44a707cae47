/** Branded ids: plain strings at runtime, distinct types at compile time. Convert once, at the edge. */
export type Did = string & { readonly __brand: 'Did' }
/** A libp2p PeerId in its string form (base58btc multihash, `12D3Koo…`). */
export type PeerIdString = string & { readonly __brand: 'PeerIdString' }
/** A space is identified by the automerge document id of its authority document. */
export type SpaceId = string & { readonly __brand: 'SpaceId' }
/** An automerge-repo document id (bs58check, no `automerge:` prefix). */
export type DocId = string & { readonly __brand: 'DocId' }
export type ResourceId = string & { readonly __brand: 'ResourceId' }
