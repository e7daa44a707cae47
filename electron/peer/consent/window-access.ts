/**
 * What the app's own windows may sync with this peer's repo: documents of one collection only
 * (pages, named by the composition root: consent knows no collection by name), listed so by
 * every space that lists them, member or guest space, and only those this peer itself may read. A window acts as this peer, so what it may change is what
 * this peer may change: changes to a page this peer may only read (a guest's read grant) are
 * dropped before the repo sees them, so they are never applied nor passed on to other peers.
 *
 * Invariants:
 * - a window never syncs a space's own documents (authority, index shards) nor any other
 *   collection's: those reach the window through the API, checked call by call;
 * - windows take no part in ephemeral messages or remote-heads gossip;
 * - a dropped change is logged once per document per run (the app shows such pages read-only,
 *   so one arriving means a window that did not).
 */
import type { Did } from '../../../shared/ids.ts'
import type { DocAccess } from '../../../shared/api/doc-sync-wire.ts'
import type { Logger } from '../log.ts'
import type { WindowPolicy } from '../sync/window-sync-adapter.ts'
import type { Consent } from './consent.ts'
import { carriesChanges } from './sync-guard.ts'

export interface WindowAccessDeps {
  consent: Consent
  /** This peer's own did: a window acts as this peer. */
  me: Did
  log: Logger
  /** The one collection windows sync (`pages`). */
  collection: string
}

export function windowAccess(d: WindowAccessDeps): WindowPolicy {
  const logged = new Set<string>()
  const isPage = (docId: string): boolean => {
    const spaces = d.consent.spaces.spacesOfDoc(docId)
    if (spaces.size === 0) return false
    for (const spaceId of spaces) if (d.consent.spaces.collectionOf(spaceId, docId) !== d.collection) return false
    return true
  }
  const access = (docId: string): DocAccess => {
    if (!isPage(docId) || !d.consent.allows(d.me, 'read', docId)) return 'none'
    return d.consent.allows(d.me, 'write', docId) ? 'write' : 'read'
  }
  return {
    access,
    accept(windowId, message) {
      switch (message.type) {
        case 'sync':
        case 'request': {
          // A message without changes only asks: the repo's shareConfig answers it, or refuses with doc-unavailable.
          if (!carriesChanges(message.data as Uint8Array)) return true
          const docId = message.documentId as string
          if (access(docId) === 'write') return true
          if (!logged.has(docId)) {
            logged.add(docId)
            d.log.warn('changes from a window dropped: this peer may not change that document (the app shows it read-only)', { docId, window: windowId })
          }
          return false
        }
        case 'doc-unavailable':
          return true
        default:
          return false
      }
    },
  }
}
