/**
 * A stranger who knows a document's id gets no byte of it (issue: enforcement, 2a). A and B
 * share a space; X holds no grant in it. X runs a modified Commonweave (no gate, no consent
 * hello, a repo that asks for and takes any document), and R is a bare libp2p
 * node that writes the sync protocol by hand: a handshake under its own id, then a request
 * for the resources document by id. Everything is real libp2p on 127.0.0.1.
 *
 * - While A has no open invite, A's connection gate refuses X at the encrypted stage.
 * - While A has an open invite, a stranger is let in (it might be coming to join), but the
 *   sync layer does not admit it: nothing it sends on the sync protocol is read, nothing is
 *   sent back, and the document never reaches it.
 *
 * (2d, a spoofed sender id, is covered at the adapter: "authenticated mode › closes a stream
 * whose handshake claims another id, and emits nothing" and "delivers a message with a forged
 * senderId under the authenticated id" in test/peer/libp2p-network-adapter.test.ts: a claimed
 * repo peer id that is not the Noise-authenticated PeerId is refused with PEER_ID_MISMATCH,
 * and a message's senderId is always replaced by the authenticated one.)
 */
import * as Automerge from '@automerge/automerge'
import { cbor, type DocumentId } from '@automerge/automerge-repo'
import type { Connection, Libp2p } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeFrame } from '../../electron/peer/sync/frame-codec.ts'
import { SYNC_PROTOCOL } from '../../electron/peer/sync/libp2p-network-adapter.ts'
import { AuditKind } from '../../shared/api/peer-api.ts'
import { createTestNode } from '../helpers/libp2p-node.ts'
import { auditFile, connected, Peers, storedBytes, twoPeers, type SharedSpace, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

describe('a stranger asks for a document by its id', () => {
  const peers = new Peers()
  let raw: Libp2p | undefined
  let a: TestPeer
  let space: SharedSpace
  beforeAll(async () => {
    ({ a, space } = await twoPeers(peers))
    await a.peer.api.addResource({ spaceId: space.spaceId, kind: 'offer', title: 'Members-only ledger' })
  })
  afterAll(async () => {
    await raw?.stop()
    await peers.close()
  })

  /** Counts connections A opens from `peerId`: a gate refusal opens none. */
  const countOpens = (peerId: string): { count: number; off: () => void } => {
    const seen = { count: 0, off: () => a.peer.node.removeEventListener('connection:open', on) }
    const on = (evt: CustomEvent<Connection>): void => { if (evt.detail.remotePeer.toString() === peerId) seen.count++ }
    a.peer.node.addEventListener('connection:open', on)
    return seen
  }

  /** The document stays away from X: its handle never becomes ready and nothing of it is stored. */
  const expectNothingOf = async (x: TestPeer, docId: string): Promise<void> => {
    expect(x.peer.repo.handles[docId as DocumentId]?.isReady() ?? false).toBe(false)
    expect(await storedBytes(x, space.resourcesDoc)).toBe(0)
  }

  it('is refused at the connection gate while A has no open invite', async () => {
    // B's invite was used when B joined, so A holds no open invite now.
    const x = await peers.start('X', { hostile: true })
    const opens = countOpens(x.peerId)
    try {
      // X's side of the dial may complete its half of the upgrade before A's gate closes the
      // socket; what counts is that A never opens the connection and X is left with none.
      const dialled = await x.peer.node.dial(multiaddr(a.peer.addrs()[0]!)).then(() => 'completed on X\'s side', (err: unknown) => `refused: ${String(err)}`)
      console.log(`stranger without an invite: the dial ${dialled}`)
      await waitFor('A to record the refused connection in its audit log', async () =>
        (await auditFile(a)).some((e) => e.kind === AuditKind.ConnectionRefused && e.peer === x.peerId), 5_000)
      await waitFor('X to hold no connection to A', () => !connected(x, a), 5_000)
      await expect(x.peer.repo.find(space.resourcesDoc as unknown as DocumentId, { signal: AbortSignal.timeout(3_000) })).rejects.toThrow()
      expect(opens.count).toBe(0)
      await expectNothingOf(x, space.resourcesDoc)
    } finally {
      opens.off()
    }
  })

  it('is let in while an invite is open, but never admitted to sync: no byte of the document', async () => {
    await a.peer.api.createInvite({ spaceId: space.spaceId })
    const x = await peers.start('X2', { hostile: true })
    raw = await createTestNode()
    const r = raw
    let bytesFromA = 0
    await r.handle(SYNC_PROTOCOL, (stream) => {
      void (async () => {
        try {
          for await (const chunk of stream) bytesFromA += chunk.byteLength
        } catch { /* reset by A */ }
      })()
    })
    const at = multiaddr(a.peer.addrs()[0]!)
    await x.peer.node.dial(at)
    await waitFor('X to be connected to A (let in because an invite is open)', () => connected(x, a))
    const found = x.peer.repo.find(space.resourcesDoc as unknown as DocumentId, { signal: AbortSignal.timeout(15_000) }).then(() => 'found', () => 'not found')

    // R asks for the document by id on the sync protocol, under its own (authenticated) id.
    const stream = await r.dialProtocol(at, SYNC_PROTOCOL)
    const doc = Automerge.init()
    const request = { type: 'request', senderId: r.peerId.toString(), targetId: a.peerId, documentId: space.resourcesDoc,
      data: Automerge.generateSyncMessage(doc, Automerge.initSyncState())[1] }
    stream.send(encodeFrame(cbor.encode({ v: 1, peerId: r.peerId.toString(), peerMetadata: {} })))
    stream.send(encodeFrame(cbor.encode(request)))

    // A waits for each stranger's consent hello (it never comes), then refuses to sync with it.
    for (const [who, id] of [['X', x.peerId], ['R', r.peerId.toString()]] as const) {
      await waitFor(`A to refuse ${who} at the sync layer (link closed: not-admitted)`, () =>
        a.logs.some((l) => l.msg === 'link-closed' && l['remote'] === id && l['reason'] === 'not-admitted'), 15_000)
    }
    await waitFor('A to reset R\'s sync stream', () => stream.status !== 'open', 5_000)
    expect(await found).toBe('not found')
    await expectNothingOf(x, space.resourcesDoc)
    expect(bytesFromA).toBe(0)
    const log = await a.peer.api.audit({ spaceId: space.spaceId })
    expect(log.filter((e) => e.kind === AuditKind.DocsSent && (e.peer === x.peerId || e.peer === r.peerId.toString()))).toEqual([])
  })
})
