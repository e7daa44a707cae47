/**
 * Resources and bookings across a partition, over real libp2p: edits of different fields made
 * apart both survive; a delete made apart syncs; two members who book the same trailer while
 * apart both keep their booking, and after the heal every peer shows the conflict to both,
 * until one is cancelled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorCode } from '../../shared/errors.ts'
import type { ResourceView } from '../../shared/schemas/resource.ts'
import { partition } from '../helpers/partition.ts'
import { holdsFor, Peers, threePeers, type SharedSpace, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

describe('resources and bookings merge after a partition', () => {
  const peers = new Peers()
  let a: TestPeer
  let b: TestPeer
  let c: TestPeer
  let space: SharedSpace
  let trailer: ResourceView
  const all = (): TestPeer[] => [a, b, c]
  const shown = async (p: TestPeer, id: string): Promise<ResourceView | undefined> =>
    (await p.peer.api.listResources({ spaceId: space.spaceId, all: true })).items.find((r) => r.id === id)

  beforeAll(async () => {
    ;({ a, b, c, space } = await threePeers(peers))
    // B owns the trailer; A is the founder (an admin); C is a member.
    trailer = await b.peer.api.addResource({ spaceId: space.spaceId, kind: 'tool', title: 'Cargo trailer', description: 'Blue, 2 m', quantity: 1 })
    await waitFor('every peer lists the trailer', async () => (await Promise.all(all().map((p) => shown(p, trailer.id)))).every(Boolean), 15_000)
  }, 60_000)
  afterAll(() => peers.close())

  it('edits of different fields made apart both survive, and a text both edited converges', async () => {
    const cut = await partition([a], [b], [c])
    await a.peer.api.editResource({ spaceId: space.spaceId, resourceId: trailer.id, title: 'Cargo trailer (big)' })
    await b.peer.api.editResource({ spaceId: space.spaceId, resourceId: trailer.id, quantity: 2 })
    await a.peer.api.editResource({ spaceId: space.spaceId, resourceId: trailer.id, description: 'Blue, 2 m, with a ramp' })
    await b.peer.api.editResource({ spaceId: space.spaceId, resourceId: trailer.id, description: 'Blue, 2 m; lights fixed' })
    await holdsFor('apart, C still sees the old title and B the old quantity', 500, async () =>
      (await shown(c, trailer.id))?.title === 'Cargo trailer' && (await shown(b, trailer.id))?.title === 'Cargo trailer' && (await shown(a, trailer.id))?.quantity === 1)
    await cut.heal()
    const merged = await waitFor('all three agree on the trailer', async () => {
      const views = await Promise.all(all().map((p) => shown(p, trailer.id)))
      const [x] = views
      return x && x.title === 'Cargo trailer (big)' && x.quantity === 2 &&
        views.every((v) => v?.title === x.title && v.quantity === x.quantity && v.description === x.description) ? x : undefined
    }, 20_000)
    // Description is collaborative text: both peers' words are in the merge, once each.
    expect(merged.description).toContain('with a ramp')
    expect(merged.description).toContain('lights fixed')
    expect(merged.ownerName).toBe('B')
  }, 60_000)

  it('a title both edited apart ends as one of the two, whole, on every peer', async () => {
    const cut = await partition([a], [b, c])
    await a.peer.api.editResource({ spaceId: space.spaceId, resourceId: trailer.id, title: 'Big trailer' })
    await b.peer.api.editResource({ spaceId: space.spaceId, resourceId: trailer.id, title: 'Blue trailer' })
    await cut.heal()
    const title = await waitFor('all three agree on one title', async () => {
      const titles = await Promise.all(all().map(async (p) => (await shown(p, trailer.id))?.title))
      return titles.every((t) => t === titles[0]) ? titles[0] : undefined
    }, 20_000)
    expect(['Big trailer', 'Blue trailer']).toContain(title)
    await b.peer.api.editResource({ spaceId: space.spaceId, resourceId: trailer.id, title: 'Cargo trailer (big)' })
    await waitFor('the title set again reaches every peer', async () =>
      (await Promise.all(all().map((p) => shown(p, trailer.id)))).every((v) => v?.title === 'Cargo trailer (big)'), 15_000)
  }, 60_000)

  it('a member who neither owns a resource nor is an admin is refused in words', async () => {
    const err = await c.peer.api.editResource({ spaceId: space.spaceId, resourceId: trailer.id, title: 'Mine now' }).then(() => undefined, (e: unknown) => e)
    expect(err).toMatchObject({ code: ErrorCode.Forbidden })
    expect(String((err as Error).message)).toMatch(/Only B, who posted "Cargo trailer \(big\)", or an admin/)
    const del = await c.peer.api.deleteResource({ spaceId: space.spaceId, resourceId: trailer.id }).then(() => undefined, (e: unknown) => e)
    expect(del).toMatchObject({ code: ErrorCode.Forbidden })
  })

  it('a delete made offline syncs, and the item is gone from every listing', async () => {
    const ladder = await b.peer.api.addResource({ spaceId: space.spaceId, kind: 'tool', title: 'Old ladder' })
    await waitFor('every peer lists the ladder', async () => (await Promise.all(all().map((p) => shown(p, ladder.id)))).every(Boolean), 15_000)
    const cut = await partition([a, c], [b])
    expect(await b.peer.api.deleteResource({ spaceId: space.spaceId, resourceId: ladder.id.slice(0, 8) })).toEqual({ id: ladder.id, deleted: true })
    expect(await shown(b, ladder.id)).toBeUndefined()
    expect(await shown(a, ladder.id)).toBeDefined()
    await cut.heal()
    await waitFor('no peer lists the ladder', async () => (await Promise.all(all().map((p) => shown(p, ladder.id)))).every((v) => v === undefined), 20_000)
    for (const p of all()) {
      const err = await p.peer.api.getResource({ spaceId: space.spaceId, resourceId: ladder.id }).then(() => undefined, (e: unknown) => e)
      expect(err).toMatchObject({ code: ErrorCode.NotFound, message: expect.stringMatching(/was deleted/) })
    }
  }, 60_000)

  it('two members book the trailer for overlapping times while apart: both kept, each names the other, until one is cancelled', async () => {
    const cut = await partition([a], [b], [c])
    const mine = await b.peer.api.book({ spaceId: space.spaceId, resource: trailer.id, from: '2027-01-09T09:00:00Z', to: '2027-01-09T13:00:00Z', note: 'Allotment run' })
    const theirs = await c.peer.api.book({ spaceId: space.spaceId, resource: trailer.id.slice(0, 6), from: '2027-01-09T12:00:00Z', to: '2027-01-09T17:00:00Z' })
    // Apart, neither knows of the other.
    expect(mine.conflicts).toEqual([])
    expect(theirs.conflicts).toEqual([])
    await holdsFor('apart, B holds only its own booking', 500, async () =>
      (await b.peer.api.listBookings({ spaceId: space.spaceId })).items.map((x) => x.id).join() === mine.id)
    await cut.heal()
    await waitFor('all three peers hold both bookings, each naming the other', async () => {
      const lists = await Promise.all(all().map((p) => p.peer.api.listBookings({ spaceId: space.spaceId, resource: trailer.id })))
      return lists.every((l) => l.items.length === 2 &&
        l.items.find((x) => x.id === mine.id)?.conflicts.join() === theirs.id &&
        l.items.find((x) => x.id === theirs.id)?.conflicts.join() === mine.id)
    }, 20_000)
    const onA = await a.peer.api.listBookings({ spaceId: space.spaceId })
    expect(onA.items.map((x) => [x.byName, x.resourceTitle])).toEqual([['B', 'Cargo trailer (big)'], ['C', 'Cargo trailer (big)']])

    const cancelled = await c.peer.api.cancelBooking({ spaceId: space.spaceId, bookingId: theirs.id.slice(0, 8) })
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.conflicts).toEqual([])
    await waitFor('the conflict clears on every peer', async () => {
      const lists = await Promise.all(all().map((p) => p.peer.api.listBookings({ spaceId: space.spaceId, resource: trailer.id, all: true })))
      return lists.every((l) => l.items.length === 2 && l.items.every((x) => x.conflicts.length === 0) &&
        l.items.find((x) => x.id === theirs.id)?.status === 'cancelled')
    }, 20_000)
    expect((await b.peer.api.listBookings({ spaceId: space.spaceId })).items.map((x) => x.id)).toEqual([mine.id])
  }, 60_000)
})
