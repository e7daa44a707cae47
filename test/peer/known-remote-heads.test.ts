import { Repo } from '@automerge/automerge-repo'
import { describe, expect, it } from 'vitest'
import { KnownRemoteHeads } from '../../electron/peer/sync/known-remote-heads.ts'
import { waitFor } from '../helpers/wait-for.ts'

describe('KnownRemoteHeads: what a peer already holds is not re-announced, until it changes', () => {
  it('holds until the document changes here, then tells the sync layer to re-evaluate', async () => {
    const repo = new Repo()
    const a = repo.create<{ n: number }>({ n: 1 })
    const b = repo.create<{ n: number }>({ n: 1 })
    let reevaluations = 0
    const known = new KnownRemoteHeads(() => { reevaluations++ })
    known.record('peer-1', a)
    known.record('peer-2', a)
    known.record('peer-1', b)
    expect([known.holds('peer-1', a.documentId), known.holds('peer-2', a.documentId), known.holds('peer-1', b.documentId)]).toEqual([true, true, true])
    expect(known.holds('peer-3', a.documentId)).toBe(false)

    a.change((d) => { d.n = 2 })
    expect(known.holds('peer-1', a.documentId)).toBe(false)
    expect(known.holds('peer-2', a.documentId)).toBe(false)
    expect(known.holds('peer-1', b.documentId)).toBe(true)
    await waitFor('the sync layer is asked to re-evaluate', () => reevaluations === 1)

    known.forgetPeer('peer-1')
    expect(known.holds('peer-1', b.documentId)).toBe(false)
    known.clear()
    await repo.shutdown()
  })
})
