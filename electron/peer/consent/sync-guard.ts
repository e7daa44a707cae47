/**
 * What the sync layer lets through, decided by consent: a peer is admitted to sync only after
 * its consent hello has been processed (so revocations land before any document data); an
 * inbound message carrying changes from a peer without a write grant for that document is
 * dropped whole and audited; what is sent to each peer is audited. Reads are refused by the
 * repo's shareConfig, from the same consent.
 *
 * Invariants:
 * - the remote id is always the Noise-authenticated PeerId (the adapter binds it);
 * - a message this guard cannot read (an undecodable sync message) counts as a write.
 */
import * as Automerge from '@automerge/automerge'
import type { Message } from '@automerge/automerge-repo'
import type { PeerId } from '@libp2p/interface'
import { AuditKind } from '../../../shared/api/peer-api.ts'
import type { DocId, PeerIdString } from '../../../shared/ids.ts'
import type { SyncPolicy } from '../sync/libp2p-network-adapter.ts'
import type { Logger } from '../log.ts'
import type { AuditLog } from './audit-log.ts'
import type { Consent } from './consent.ts'

export interface SyncGuardDeps {
  consent: Consent
  /** Resolves once a peer's consent hello has been processed (or has timed out). */
  helloReceived: (peer: PeerId) => Promise<void>
  audit: AuditLog
  log: Logger
}

/** The policy the sync adapter applies. */
export function syncGuard(d: SyncGuardDeps): SyncPolicy {
  return {
    admit: async (remote) => {
      await d.helloReceived(remote)
      const ok = d.consent.knows(remote.toString())
      if (!ok) d.log.debug('peer not admitted to sync: it holds no grant here', { peer: remote.toString() })
      return ok
    },
    accept: (remote, message) => accept(d, remote, message),
    sent: (remote, message) => {
      if ((message.type !== 'sync' && message.type !== 'request') || !('documentId' in message) || message.documentId === undefined) return
      const spaceId = d.consent.spaces.ownerOf(message.documentId)
      if (spaceId) d.audit.sentDocs(remote as PeerIdString, spaceId, message.documentId as string as DocId)
    },
  }
}

function accept(d: SyncGuardDeps, remote: string, message: Message): boolean {
const m = d.consent
  if (message.type === 'sync' || message.type === 'request') {
    // The adapter's parser guarantees both fields for these types.
    const docId = message.documentId as string
    // A space this peer left: nothing of it comes back (not even a request, which would make the repo keep an empty copy).
    if (m.isForgotten(docId)) return false
    if (m.mayWrite(remote, docId)) return true
    if (carriesChanges(message.data as Uint8Array)) {
      d.audit.record({ kind: AuditKind.WriteDropped, spaceId: m.spaces.ownerOf(docId) ?? null, peer: remote as PeerIdString, docs: [docId as DocId], detail: 'changes from a peer without a write grant for this document' })
      d.log.info('changes dropped: the peer holds no write grant for the document', { peer: remote, docId })
      return false
    }
    if (!m.mayRead(remote, docId)) {
      d.audit.record({ kind: AuditKind.RequestRefused, spaceId: m.spaces.ownerOf(docId) ?? null, peer: remote as PeerIdString, docs: [docId as DocId] })
    }
    return true // the repo's shareConfig answers a reader, or refuses with doc-unavailable
  }
  if (message.type === 'ephemeral') return m.mayRead(remote, message.documentId as string)
  return true
}

/** True when an Automerge sync message carries changes (only then is a write grant needed). */
export function carriesChanges(data: Uint8Array): boolean {
  try {
    return Automerge.decodeSyncMessage(data).changes.length > 0
  } catch {
    return true // undecodable: treat as a write, so it is dropped unless the peer may write
  }
}
