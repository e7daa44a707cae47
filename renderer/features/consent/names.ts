/** Names for the keys the Consent view shows, from everything the page knows: the roster, agents, grants, connected peers. */
import type { MemberSummary } from '../../../shared/api/members-api.ts'
import type { GrantSummary, PeerInfo } from '../../../shared/api/peer-api.ts'
import type { Names } from './audit-rules.ts'

export function buildNames(members: readonly MemberSummary[], grants: readonly GrantSummary[], peers: readonly PeerInfo[], me?: { did: string; peerId: string; name: string } | null,
  agents: ReadonlyArray<{ did: string; name: string }> = []): Names {
  const byDid = new Map<string, string>()
  const byPeer = new Map<string, string>()
  const put = (did: string | null | undefined, peer: string | null | undefined, name: string | null | undefined): void => {
    const n = name?.trim()
    if (!n) return
    if (did && !byDid.has(did)) byDid.set(did, n)
    if (peer && !byPeer.has(peer)) byPeer.set(peer, n)
  }
  if (me) put(me.did, me.peerId, me.name)
  for (const m of members) put(m.did, m.peerId, m.name)
  // An agent's key is its own, on no roster: known by the name it was added under.
  for (const a of agents) put(a.did, null, `${a.name} (agent)`)
  for (const g of grants) {
    put(g.issuer, null, g.issuerName)
    put(g.audience, null, g.audienceName)
  }
  for (const p of peers) {
    put(p.did, p.peerId, p.name)
    // A peer known by did only elsewhere still gets its peer id named.
    const n = byDid.get(p.did)
    if (n && !byPeer.has(p.peerId)) byPeer.set(p.peerId, n)
  }
  return { byDid, byPeer }
}
