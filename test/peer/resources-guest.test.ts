/**
 * What reaches whom: a guest granted `resources` only lists them (with no names behind the
 * keys it may not read) and never receives a booking; a resource a member's peer writes that
 * fails the schema is quarantined, counted in `status`, and the valid items beside it still show.
 */
import type { DocumentId } from '@automerge/automerge-repo'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bookings } from '../../shared/collections/bookings.ts'
import type { DocId } from '../../shared/ids.ts'
import type { CollectionShardDoc } from '../../shared/schemas/space.ts'
import { holdsFor, Peers, storedBytes, twoPeers, type SharedSpace, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

describe('resources, bookings and a guest granted resources only', () => {
  const peers = new Peers()
  let a: TestPeer
  let b: TestPeer
  let g: TestPeer
  let space: SharedSpace
  let bookingsDoc: DocId

  beforeAll(async () => {
    ;({ a, b, space } = await twoPeers(peers))
    await a.peer.api.createPool({ spaceId: space.spaceId, name: 'Vans' })
    const van = await a.peer.api.addResource({ spaceId: space.spaceId, kind: 'tool', title: 'Van', pool: 'Vans' })
    // A write reaches peers once it is on disk, after it is acknowledged: B books what it holds.
    await waitFor('B holds the van', async () => (await b.peer.api.listResources({ spaceId: space.spaceId })).items.some((r) => r.id === van.id), 15_000)
    await b.peer.api.book({ spaceId: space.spaceId, resource: van.id, from: '2027-02-01T08:00:00Z', to: '2027-02-01T18:00:00Z' })
    await waitFor('A holds B\'s booking', async () => (await a.peer.api.listBookings({ spaceId: space.spaceId })).items.length === 1, 15_000)
    // The one shard of the bookings, B's, which A now holds.
    bookingsDoc = await a.peer.collections.openShard(space.spaceId, bookings.name)
    g = await peers.start('G')
    const { code } = await a.peer.api.createGrant({ spaceId: space.spaceId, to: g.peer.identity.did, cmd: 'read', docs: ['resources'], purpose: 'matching' })
    await g.peer.api.acceptGrant({ code })
  }, 60_000)
  afterAll(() => peers.close())

  it('the guest lists the resources, and never receives a booking', async () => {
    const van = await waitFor('G lists the van', async () =>
      (await g.peer.api.listResources({ spaceId: space.spaceId })).items.find((r) => r.title === 'Van'), 15_000)
    // The pool is A's to name; G may not read pools, so it shows the key without a name, and no owner name.
    expect(van).toMatchObject({ poolName: null, ownerName: null })
    await holdsFor('G holds no byte of the bookings', 1_000, async () =>
      g.peer.repo.handles[bookingsDoc as unknown as DocumentId] === undefined && (await storedBytes(g, bookingsDoc)) === 0)
    expect((await g.peer.api.listBookings({ spaceId: space.spaceId })).items).toEqual([])
  })

  it('quarantines a malformed resource from a member, counts it, and still shows the valid ones', async () => {
    const before = (await a.peer.api.status()).quarantined
    const shard = await b.peer.repo.find<CollectionShardDoc>(space.resourcesDoc as unknown as DocumentId)
    const at = new Date().toISOString()
    const base = { kind: 'tool', title: 'x', description: '', tags: [], owner: b.peer.identity.did, status: 'open', createdAt: at, updatedAt: at }
    shard.change((d) => {
      d.items['bad-quantity'] = { ...base, id: 'bad-quantity', title: 'Lots of chairs', quantity: 'lots' }
      d.items['bad-kind'] = { ...base, id: 'bad-kind', title: 'A loan', kind: 'loan' }
      d.items['bad-coords'] = { ...base, id: 'bad-coords', title: 'Somewhere', coordinates: { lat: 200, lon: 0 } }
      // From a newer version of the app: a field this one does not know is passed over, not refused.
      d.items['newer-field'] = { ...base, id: 'newer-field', title: 'Sewing machine', colour: 'red' }
    })
    await waitFor('A counts the three malformed resources', async () => (await a.peer.api.status()).quarantined === before + 3, 15_000)
    const titles = (await a.peer.api.listResources({ spaceId: space.spaceId })).items.map((r) => r.title).sort()
    expect(titles).toEqual(['Sewing machine', 'Van'])
  })
})
