/**
 * Catch-up between members met again (domain/catch-up.ts): what each wrote while apart reaches
 * the other in one transfer, stored without being loaded, with the heads its writer gave it; and
 * a member that sends what the space does not list has it refused, audited and never stored.
 */
import * as Automerge from '@automerge/automerge'
import { generateAutomergeUrl, parseAutomergeUrl, type DocumentId } from '@automerge/automerge-repo'
import { peerIdFromString } from '@libp2p/peer-id'
import { afterAll, describe, expect, it } from 'vitest'
import { CATCH_UP_PROTOCOL } from '../../electron/peer/domain/catch-up-answer.ts'
import { jsonBytes } from '../../electron/peer/domain/join-wire.ts'
import { encodeFrame } from '../../electron/peer/sync/frame-codec.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { Peers, auditFile, twoPeers, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { storedHeads } from '../helpers/stored-heads.ts'

type Heads = Map<string, string>

/** `n` documents written on `p` and listed in the space's index; answers each one's heads. */
async function writeDocs(p: TestPeer, spaceId: SpaceId, n: number): Promise<Heads> {
  const handles = Array.from({ length: n }, (_, i) => p.peer.repo.create<{ n: number; by: string; edited?: boolean }>({ n: i, by: p.name }))
  for (const h of handles) h.change((d) => { d.edited = true })
  await p.peer.repo.flush(p.peer.index.register(spaceId, 'notes', handles.map((h) => h.documentId)))
  await p.peer.repo.flush()
  return new Map(handles.map((h) => [h.documentId as string, Automerge.getHeads(h.doc()).sort().join()]))
}

async function holdsAll(p: TestPeer, heads: Heads): Promise<boolean> {
  for (const [id, h] of heads) if ((await storedHeads(p.peer, id)) !== h) return false
  return true
}

const newId = (): string => parseAutomergeUrl(generateAutomergeUrl()).documentId

describe('catch-up between members met again', () => {
  const peers = new Peers()
  afterAll(() => peers.close())

  it('each gets what the other wrote while apart, stored on disk in one transfer and not loaded one by one', async () => {
    const { a, b, space } = await twoPeers(peers)
    await b.stop()
    const fromA = await writeDocs(a, space.spaceId, 40)
    await a.stop()
    await b.restart()
    const fromB = await writeDocs(b, space.spaceId, 40)
    await a.restart() // A's documents are on its disk now, not in memory: they are read from there to be sent
    await waitFor('each to hold what the other wrote, with its heads', async () => (await holdsAll(b, fromA)) && (await holdsAll(a, fromB)), 45_000)
    // Fetched one by one they would be in the repo; a catch-up stores them without loading them.
    expect([...fromA.keys()].filter((id) => b.peer.repo.handles[id as DocumentId])).toEqual([])
    expect([...fromB.keys()].filter((id) => a.peer.repo.handles[id as DocumentId])).toEqual([])
    // Both indexes list all 80, and a document read from disk opens whole.
    for (const p of [a, b]) expect(p.peer.consent.spaces.docsOf(space.spaceId)).toEqual(expect.arrayContaining([...fromA.keys(), ...fromB.keys()]))
    const [someId, someHeads] = [...fromA][0]!
    const opened = await b.peer.repo.find<{ by: string }>(someId as DocumentId)
    expect([opened.doc().by, Automerge.getHeads(opened.doc()).sort().join()]).toEqual(['A', someHeads])
  }, 120_000)

  it('a member that sends a document the space does not list, or another space\'s, has it refused and audited, and nothing of it is stored', async () => {
    const { a, b, space } = await twoPeers(peers)
    const strayId = newId()
    // A space of A's own that B is not in: its authority document must not be touched by B's answer.
    const { spaceId: otherId } = await a.peer.api.createSpace({ name: 'Not B\'s' })
    const other = a.peer.repo.handles[otherId as unknown as DocumentId]!
    const otherHeads = Automerge.getHeads(other.doc()).sort().join()
    // B turns hostile: it answers a catch-up with the space's authority document and a stray document.
    await b.peer.node.unhandle(CATCH_UP_PROTOCOL)
    await b.peer.node.handle(CATCH_UP_PROTOCOL, async (stream) => {
      for await (const _ of stream) break // the request; its content does not matter here
      const authority = b.peer.repo.handles[space.spaceId as unknown as DocumentId]!.doc()
      stream.send(encodeFrame(jsonBytes({ v: 1, ok: true, docs: [space.spaceId, strayId, otherId] })))
      stream.send(encodeFrame(Automerge.save(authority)))
      stream.send(encodeFrame(Automerge.save(Automerge.from({ planted: true }))))
      stream.send(encodeFrame(Automerge.save(Automerge.from({ name: 'taken over', founder: 'did:key:zB' }))))
      await stream.close()
    })
    // A new connection: A asks B again.
    await a.peer.node.hangUp(peerIdFromString(b.peerId))
    await waitFor('A to refuse the stray document and audit it', async () =>
      (await auditFile(a)).some((e) => e.kind === 'write-dropped' && e.peer === b.peerId && (e.docs ?? []).includes(strayId as never) && (e.docs ?? []).includes(otherId as never)), 45_000)
    expect(await a.peer.storage.holds(strayId)).toBe(false)
    expect(a.peer.repo.handles[strayId as DocumentId]).toBeUndefined()
    expect(a.peer.consent.spaces.docsOf(space.spaceId)).not.toContain(strayId)
    expect(Automerge.getHeads(other.doc()).sort().join()).toBe(otherHeads)
    expect((await a.peer.api.listSpaces()).find((x) => x.spaceId === otherId)?.name).toBe('Not B\'s')
  }, 120_000)
})
