/**
 * A new kind of shared data is one registry entry. The test registers a throwaway collection,
 * `notes`, that no code of the peer names, and shows that with no other change:
 * - the store keeps it (put, update, tombstone, list with paging, get by id prefix), sharded;
 * - it syncs: a member joining receives it, later notes reach it, and a member's malformed
 *   note is quarantined (counted in `status`), never shown, never hiding the valid ones;
 * - grants name it: a guest granted `notes` alone receives the notes, not the resources, even
 *   when the grant was made before the space had a single note;
 * - the local API's list and get serve it over HTTP, and say NOT_FOUND for a collection the
 *   peer does not know;
 * - a space made before collections were sharded (its one resources document listed in the
 *   authority document itself) still lists its resources and takes the new collection.
 * Real libp2p on 127.0.0.1, mDNS off.
 */
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DocumentId } from '@automerge/automerge-repo'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ItemBaseSchema, byFill, defineCollection } from '../../shared/collections/define.ts'
import { COLLECTIONS, CollectionRegistry } from '../../shared/collections/registry.ts'
import { createHttpClient } from '../../shared/api/http-client.ts'
import { ErrorCode } from '../../shared/errors.ts'
import type { SpaceId } from '../../shared/ids.ts'
import type { AuthorityDoc, CollectionShardDoc } from '../../shared/schemas/space.ts'
import { startApiServer } from '../../electron/peer/api/http-server.ts'
import { loadOrCreateToken } from '../../electron/peer/api/token.ts'
import { Peers, storedBytes, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

const Note = ItemBaseSchema.extend({ text: z.string().min(1).max(500), pinned: z.boolean() })
type Note = z.infer<typeof Note>
/** Four notes a shard, so that a handful of notes already spans several documents. */
const notes = defineCollection<Note>({ name: 'notes', label: 'Notes', version: 1, item: Note, shard: byFill(4) })
const registry = (): CollectionRegistry => new CollectionRegistry([...COLLECTIONS, notes as never])

const note = (text: string): Note => {
  const at = new Date().toISOString()
  return { id: randomUUID(), text, pinned: false, createdAt: at, updatedAt: at }
}
const texts = async (p: TestPeer, spaceId: SpaceId): Promise<string[]> =>
  (await p.peer.api.listItems({ spaceId, collection: 'notes' })).items.map((n) => String(n['text']))

describe('a collection registered by a test, with no other change', () => {
  const peers = new Peers()
  let a: TestPeer
  let b: TestPeer
  let spaceId: SpaceId

  beforeAll(async () => {
    a = await peers.start('A', { collections: registry() })
    b = await peers.start('B', { collections: registry() })
    ;({ spaceId } = await a.peer.api.createSpace({ name: 'Notes club' }))
    for (let i = 0; i < 6; i++) await a.peer.collections.put(spaceId, 'notes', note(`note ${i}`))
    const { code } = await a.peer.api.createInvite({ spaceId })
    await b.peer.api.joinSpace({ code })
  })
  afterAll(() => peers.close())

  it('is stored sharded, listed a page at a time, got by a unique start of its id', async () => {
    const shards = a.peer.consent.spaces.docsIn(spaceId, 'notes')
    expect(shards.length).toBe(2) // six notes, four a shard
    const page = await a.peer.api.listItems({ spaceId, collection: 'notes', limit: 2, offset: 1 })
    expect(page).toMatchObject({ total: 6, syncing: 0 })
    expect(page.items.map((n) => n['text'])).toEqual(['note 1', 'note 2'])
    const first = (await a.peer.api.listItems({ spaceId, collection: 'notes' })).items[0]!
    expect(await a.peer.api.getItem({ spaceId, collection: 'notes', itemId: first.id.slice(0, 8) })).toMatchObject({ id: first.id, text: 'note 0' })
  })

  it('syncs: the joiner received it, and later edits and deletions reach it', async () => {
    expect(await texts(b, spaceId)).toEqual(['note 0', 'note 1', 'note 2', 'note 3', 'note 4', 'note 5'])
    const [n0, n1] = (await a.peer.api.listItems({ spaceId, collection: 'notes' })).items
    await a.peer.collections.update<Note>(spaceId, 'notes', n0!.id, { text: 'note 0, edited', pinned: true })
    await a.peer.collections.tombstone(spaceId, 'notes', n1!.id)
    for (let i = 6; i < 10; i++) await a.peer.collections.put(spaceId, 'notes', note(`note ${i}`))
    await waitFor('B to hold the edit, the deletion and four new notes (a new shard among them)', async () =>
      JSON.stringify(await texts(b, spaceId)) === JSON.stringify(['note 0, edited', 'note 2', 'note 3', 'note 4', 'note 5', 'note 6', 'note 7', 'note 8', 'note 9']), 10_000)
    expect((await b.peer.api.listItems({ spaceId, collection: 'notes', includeDeleted: true })).total).toBe(10)
  })

  it('quarantines a member\'s malformed note on every peer, counts it, and shows the valid ones beside it', async () => {
    const shard = a.peer.consent.spaces.docsIn(spaceId, 'notes')[0]!
    const handle = await b.peer.repo.find<CollectionShardDoc>(shard as unknown as DocumentId)
    handle.change((d) => { d.items['bad'] = { id: 'bad', text: 42, createdAt: 'x', updatedAt: 'x' } })
    await waitFor('A to count the malformed note as quarantined', async () => ((await a.peer.api.status()).quarantined ?? 0) >= 1, 10_000)
    expect(await texts(a, spaceId)).not.toContain(42)
    expect((await a.peer.api.listItems({ spaceId, collection: 'notes' })).total).toBe(9)
    await expect(a.peer.api.getItem({ spaceId, collection: 'notes', itemId: 'bad' })).rejects.toMatchObject({ code: ErrorCode.NotFound })
  })

  it('is served by the local API\'s list and get over HTTP, and an unknown collection is NOT_FOUND', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cw-registry-api-'))
    const token = await loadOrCreateToken(dir)
    const server = await startApiServer({ api: a.peer.api, events: a.peer.events, token })
    try {
      const client = createHttpClient({ url: server.url, token })
      const page = await client.listItems({ spaceId, collection: 'notes', limit: 3 })
      expect(page.items).toHaveLength(3)
      expect(page.total).toBe(9)
      expect(await client.getItem({ spaceId, collection: 'notes', itemId: page.items[0]!.id })).toEqual(page.items[0])
      await expect(client.listItems({ spaceId, collection: 'recipes' })).rejects.toMatchObject({ code: ErrorCode.NotFound })
      await expect(client.listItems({ spaceId, collection: 'Not A Name' })).rejects.toMatchObject({ code: ErrorCode.ValidationFailed })
    } finally {
      await server.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('grants name a registered collection', () => {
  const peers = new Peers()
  afterAll(() => peers.close())

  it('a guest granted notes alone, before the space had one, receives the notes and never the resources', async () => {
    const a = await peers.start('A', { collections: registry() })
    const g = await peers.start('G', { collections: registry() })
    const { spaceId } = await a.peer.api.createSpace({ name: 'Granted notes' })
    await a.peer.api.addResource({ spaceId, kind: 'tool', title: 'Members-only drill' })
    const { code } = await a.peer.api.createGrant({ spaceId, to: g.peer.identity.did, cmd: 'read', docs: ['notes'], purpose: 'coordination' })
    await g.peer.api.acceptGrant({ code })
    for (let i = 0; i < 5; i++) await a.peer.collections.put(spaceId, 'notes', note(`shared ${i}`))
    await waitFor('G to list the five notes, over two shards made after its grant', async () =>
      (await texts(g, spaceId).catch(() => [])).length === 5, 15_000)
    const resourceShards = a.peer.consent.spaces.docsIn(spaceId, 'resources')
    expect(resourceShards.length).toBe(1)
    expect(await storedBytes(g, resourceShards[0]!)).toBe(0)
    expect(g.peer.repo.handles[resourceShards[0]! as unknown as DocumentId]).toBeUndefined()
    expect((await g.peer.api.listResources({ spaceId })).items).toEqual([])
    await expect(g.peer.collections.put(spaceId, 'notes', note('from the guest'))).rejects.toMatchObject({ code: ErrorCode.Forbidden })
  })
})

describe('a space made before collections were sharded', () => {
  const peers = new Peers()
  afterAll(() => peers.close())

  it('lists its one resources document, and takes a collection it never had', async () => {
    const a = await peers.start('A', { collections: registry() })
    const { spaceId } = await a.peer.api.createSpace({ name: 'Old layout' })
    // The layout of spaces made before this version: one resources document, listed in the authority document.
    const at = new Date().toISOString()
    const old = a.peer.repo.create<CollectionShardDoc>({ schemaVersion: 1, type: 'resources', space: spaceId, items: {
      r1: { id: 'r1', kind: 'offer', title: 'Soup from the old days', description: '', tags: [], owner: a.peer.identity.did, status: 'open', createdAt: at, updatedAt: at },
    } })
    const authority = await a.peer.repo.find<AuthorityDoc>(spaceId as unknown as DocumentId)
    authority.change((d) => {
      delete d.indexShards
      d.collections['resources'] = [old.documentId]
    })
    await a.peer.repo.flush()
    await a.restart()
    expect((await a.peer.api.listResources({ spaceId })).items.map((r) => r.title)).toEqual(['Soup from the old days'])
    await a.peer.api.addResource({ spaceId, kind: 'need', title: 'New soup' })
    expect((await a.peer.api.listResources({ spaceId })).items.map((r) => r.title)).toEqual(['Soup from the old days', 'New soup'])
    const outsider = await peers.start('O', { collections: registry() })
    await a.peer.api.createGrant({ spaceId, to: outsider.peer.identity.did, cmd: 'read', docs: ['notes'], purpose: 'research' })
    await a.peer.collections.put(spaceId, 'notes', note('first note of an old space'))
    expect(await texts(a, spaceId)).toEqual(['first note of an old space'])
  })
})
