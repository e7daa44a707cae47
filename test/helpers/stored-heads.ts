/**
 * A document's heads as a peer's store holds it, read from its chunks without loading it into
 * the repo (loading would start its sync): the catch-up test and the S1 bench both ask this.
 */
import * as Automerge from '@automerge/automerge'
import type { Peer } from '../../electron/peer/create-peer.ts'

/** The sorted, joined heads of the stored document; '' when the store holds none of it. */
export async function storedHeads(peer: Pick<Peer, 'storage'>, id: string): Promise<string> {
  const chunks = (await peer.storage.loadRange([id])).filter((c) => c.key[1] === 'snapshot' || c.key[1] === 'incremental')
  if (chunks.length === 0) return ''
  return Automerge.getHeads(Automerge.loadIncremental(Automerge.init(), Buffer.concat(chunks.map((c) => c.data!)))).sort().join()
}
