/**
 * Knowledge pages across peers, over real libp2p: two members edit the same paragraph while
 * partitioned (insertions, a deletion, a bold mark over a range the other side typed into) and
 * after the heal hold the same text and marks with every insertion kept; a link to a page
 * renamed on another peer still resolves (and shows the new title); backlinks on a third peer
 * follow a link added on the first; a guest granted one page by id syncs that page and nothing
 * else, and may not change it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Automerge from '@automerge/automerge'
import type { DocHandle, DocumentId } from '@automerge/automerge-repo'
import { ErrorCode } from '../../shared/errors.ts'
import type { PageView } from '../../shared/api/pages-api.ts'
import type { PageDoc } from '../../shared/schemas/page.ts'
import { partition } from '../helpers/partition.ts'
import { headsOf, Peers, threePeers, type SharedSpace, type TestPeer } from '../helpers/peers.ts'
import type { DocId } from '../../shared/ids.ts'
import { waitFor } from '../helpers/wait-for.ts'

const rejection = (p: Promise<unknown>): Promise<unknown> => p.then(() => 'resolved without an error', (err: unknown) => err)

describe('pages across peers', () => {
  const peers = new Peers()
  let a: TestPeer
  let b: TestPeer
  let c: TestPeer
  let space: SharedSpace
  const show = (p: TestPeer, page: string): Promise<PageView> => p.peer.api.getPage({ spaceId: space.spaceId, pageId: page })
  const everywhere = <T>(what: string, read: (p: TestPeer) => Promise<T | undefined>, on: TestPeer[] = [a, b, c]): Promise<T[]> =>
    waitFor(what, async () => {
      const got = await Promise.all(on.map((p) => read(p).catch(() => undefined)))
      return got.every((g) => g !== undefined) ? got as T[] : undefined
    }, 20_000)
  const handleOf = (p: TestPeer, id: string): DocHandle<PageDoc> => p.peer.repo.handles[id as DocumentId] as DocHandle<PageDoc>

  beforeAll(async () => {
    ;({ a, b, c, space } = await threePeers(peers))
  }, 60_000)
  afterAll(() => peers.close())

  it('two members edit the same paragraph apart: after the heal, the same text and marks on both, no insertion lost', async () => {
    const page = await a.peer.api.createPage({ spaceId: space.spaceId, title: 'Trailer', markdown: 'The trailer is kept behind the hall.' })
    await everywhere('every peer holds the page', (p) => show(p, page.id))
    const cut = await partition([a], [b, c])
    const at = (d: PageDoc, word: string): number => {
      const i = d.text.indexOf(word)
      if (i < 0) throw new Error(`"${word}" is not in "${d.text}"`)
      return i
    }
    // A types inside the range B is about to make bold, and deletes a word after it.
    handleOf(a, page.id).change((d) => {
      Automerge.splice(d, ['text'], at(d, 'is') + 'is'.length, 0, ' really')
      Automerge.splice(d, ['text'], at(d, 'behind '), 'behind '.length, 'next to ')
    })
    // B types a word, and makes "trailer is kept" bold: typed apart, over what A typed into.
    handleOf(b, page.id).change((d) => {
      Automerge.splice(d, ['text'], at(d, 'kept'), 0, 'always ')
      const start = at(d, 'trailer')
      Automerge.mark(d, ['text'], { start, end: at(d, 'kept') + 'kept'.length, expand: 'none' }, 'strong', true)
    })
    await b.peer.api.editPage({ spaceId: space.spaceId, pageId: page.id, append: 'Ask *Sam* for the key.' })
    expect((await show(a, page.id)).markdown).toBe('The trailer is really kept next to the hall.')
    await cut.heal()
    const views = await everywhere('the edits of both sides reach every peer', async (p) => {
      const v = await show(p, page.id)
      return v.markdown.includes('really') && v.markdown.includes('always') && v.markdown.includes('Sam') ? v : undefined
    })
    const spans = [a, b, c].map((p) => Automerge.spans(handleOf(p, page.id).doc(), ['text']))
    expect(spans[1]).toEqual(spans[0])
    expect(spans[2]).toEqual(spans[0])
    for (const v of views) expect(v.markdown).toBe(views[0]!.markdown)
    expect(views[0]!.markdown).toBe('The **trailer is really always kept** next to the hall.\n\nAsk *Sam* for the key.')
  }, 60_000)

  it('a link to a page renamed on another peer still resolves, under its new title', async () => {
    const hall = await a.peer.api.createPage({ spaceId: space.spaceId, title: 'Hall bookings', markdown: 'Book the hall a week ahead.' })
    const tools = await a.peer.api.createPage({ spaceId: space.spaceId, title: 'Tool library', markdown: 'Keys: see [[Hall bookings]].' })
    expect(tools.links).toEqual([{ id: hall.id, title: 'Hall bookings' }])
    await everywhere('every peer holds both pages', (p) => show(p, tools.id))
    await b.peer.api.editPage({ spaceId: space.spaceId, pageId: hall.id, title: 'Booking the hall' })
    // B also rewrote the link's text, which showed the old title: A gets both changes.
    const onA = await waitFor('A sees the rename', async () => {
      const v = await show(a, tools.id)
      return v.markdown === 'Keys: see [[Booking the hall]].' ? v : undefined
    }, 20_000)
    expect(onA.links).toEqual([{ id: hall.id, title: 'Booking the hall' }])
    expect(onA.markdown).toBe('Keys: see [[Booking the hall]].')
    expect((await show(a, 'Booking the hall')).backlinks).toEqual([{ id: tools.id, title: 'Tool library' }])
    // The old title names nothing now.
    expect(await rejection(show(a, 'Hall bookings'))).toMatchObject({ code: ErrorCode.NotFound })
  }, 60_000)

  it('two renames made apart end as one of the two titles on every peer, never spliced together', async () => {
    const page = await a.peer.api.createPage({ spaceId: space.spaceId, title: 'Bike shed' })
    await everywhere('every peer holds the page', (p) => show(p, page.id))
    const cut = await partition([a], [b, c])
    await a.peer.api.editPage({ spaceId: space.spaceId, pageId: page.id, title: 'Cycle store' })
    await b.peer.api.editPage({ spaceId: space.spaceId, pageId: page.id, title: 'Bicycle parking' })
    await cut.heal()
    const same = (p: TestPeer): string => JSON.stringify(headsOf(p, page.id as DocId)?.slice().sort())
    await waitFor('every peer holds both renames', () => same(a) === same(b) && same(b) === same(c) && (headsOf(a, page.id as DocId)?.length ?? 0) === 2, 20_000)
    const titles = await Promise.all([a, b, c].map(async (p) => (await show(p, page.id)).title))
    expect(new Set(titles).size).toBe(1)
    expect(['Cycle store', 'Bicycle parking']).toContain(titles[0])
  }, 60_000)

  it('a link added on the first peer shows as a backlink on the third', async () => {
    const rota = await a.peer.api.createPage({ spaceId: space.spaceId, title: 'Cleaning rota', markdown: 'Saturdays.' })
    const wiki = await a.peer.api.createPage({ spaceId: space.spaceId, title: 'Welcome', markdown: 'Start here.' })
    await everywhere('C holds both pages', (p) => show(p, wiki.id), [c])
    expect((await show(c, rota.id)).backlinks).toEqual([])
    await a.peer.api.editPage({ spaceId: space.spaceId, pageId: wiki.id, append: 'Then read the [[cleaning rota]].' })
    const onC = await waitFor('C shows the backlink', async () => {
      const v = await show(c, rota.id)
      return v.backlinks.length > 0 ? v : undefined
    }, 20_000)
    expect(onC.backlinks).toEqual([{ id: wiki.id, title: 'Welcome' }])
    expect((await c.peer.api.listPages({ spaceId: space.spaceId })).pages.find((p) => p.id === rota.id)?.backlinkCount).toBe(1)
  }, 60_000)

  it('a page a member damaged in its document is set aside on every peer, and the others stay listed', async () => {
    const fine = await a.peer.api.createPage({ spaceId: space.spaceId, title: 'Garden', markdown: 'Water on Mondays.' })
    const bad = await a.peer.api.createPage({ spaceId: space.spaceId, title: 'Compost', markdown: 'Turn it weekly.' })
    await everywhere('B holds both pages', (p) => show(p, bad.id), [b])
    const before = (await a.peer.api.status()).quarantined
    // A modified client writes what no page can hold.
    handleOf(b, bad.id).change((d) => { (d as unknown as Record<string, unknown>)['title'] = 42 })
    await waitFor('A sets the damaged page aside', async () => !(await a.peer.api.listPages({ spaceId: space.spaceId })).pages.some((p) => p.id === bad.id), 20_000)
    expect((await a.peer.api.listPages({ spaceId: space.spaceId })).pages.some((p) => p.id === fine.id)).toBe(true)
    expect((await a.peer.api.status()).quarantined).toBe(before + 1)
    expect(await rejection(show(a, bad.id))).toMatchObject({ code: ErrorCode.NotFound })
  }, 60_000)

  it('a guest granted one page syncs that page and nothing else, and may not change it', async () => {
    const shared = await a.peer.api.createPage({ spaceId: space.spaceId, title: 'Visitors guide', markdown: 'Parking is behind the barn.' })
    const secret = await a.peer.api.createPage({ spaceId: space.spaceId, title: 'Board minutes', markdown: 'The treasurer resigned.' })
    const g = await peers.start('G')
    const { code, grant } = await a.peer.api.createGrant({ spaceId: space.spaceId, to: g.peer.identity.did, cmd: 'read', docs: [shared.id], purpose: 'coordination' })
    await g.peer.api.acceptGrant({ code })
    const seen = await waitFor('G holds the page granted', async () => (await g.peer.api.listPages({ spaceId: space.spaceId })).pages.find((p) => p.id === shared.id), 20_000)
    expect(seen.title).toBe('Visitors guide')
    expect((await g.peer.api.listPages({ spaceId: space.spaceId })).pages.map((p) => p.id)).toEqual([shared.id])
    expect(g.peer.repo.handles[secret.id as DocumentId]?.isReady() ?? false).toBe(false)
    const view = await g.peer.api.getPage({ spaceId: space.spaceId, pageId: shared.id })
    expect(view).toMatchObject({ markdown: 'Parking is behind the barn.', may: { edit: false, delete: false } })
    expect(await rejection(g.peer.api.editPage({ spaceId: space.spaceId, pageId: shared.id, append: 'Mine' }))).toMatchObject({ code: ErrorCode.Forbidden })
    expect(await rejection(g.peer.api.createPage({ spaceId: space.spaceId, title: 'Mine' }))).toMatchObject({ code: ErrorCode.Forbidden })
    expect(await rejection(g.peer.api.getPage({ spaceId: space.spaceId, pageId: 'Board minutes' }))).toMatchObject({ code: ErrorCode.NotFound })
    expect((await g.peer.api.search({ spaceId: space.spaceId, query: 'barn' })).hits.map((h) => h.id)).toEqual([shared.id])
    // Revoked: the page leaves the guest's lists and search.
    await a.peer.api.revokeGrant({ grantId: grant.grantId })
    await waitFor('the page leaves the guest\'s list', async () => {
      const list = await g.peer.api.listPages({ spaceId: space.spaceId }).catch(() => ({ pages: [] }))
      return list.pages.length === 0
    }, 20_000)
    const hits = await g.peer.api.search({ spaceId: space.spaceId, query: 'barn' }).then((r) => r.hits, () => [])
    expect(hits).toEqual([])
  }, 60_000)
})
