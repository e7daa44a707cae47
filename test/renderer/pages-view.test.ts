/**
 * The Knowledge list and the search window as the server-side renderer draws them (no
 * browser), and how the store keeps them fresh: pages listed with their first words, tags,
 * maker and backlinks; the empty list says what to do (or, to a reader, why it is empty); a
 * search hit shows its kind, title and the matched words as <mark> elements (the snippet is
 * never read as markup) and opens where it lives; a change to the space's pages refetches the
 * list and the page open; Knowledge shows to a guest granted one page, not to one granted
 * decisions only.
 */
import { createElement, type ReactNode } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { MantineProvider } from '@mantine/core'
import { describe, expect, it, vi } from 'vitest'
import type { PageList, PageSummary, SearchHit } from '../../shared/api/pages-api.ts'
import type { PeerApi, PeerEventName, SpaceSummary } from '../../shared/api/peer-api.ts'
import type { Did, SpaceId } from '../../shared/ids.ts'
import { startFeeds } from '../../renderer/app/feeds.ts'
import { sectionsFor } from '../../renderer/app/sections.tsx'
import type { PeerBridge } from '../../renderer/bridge/peer-bridge.ts'
import { KnowledgeView } from '../../renderer/features/pages/KnowledgeView.tsx'
import { matchTitles, withTags } from '../../renderer/features/pages/title-filter.ts'
import { markedSnippet, placeOf } from '../../renderer/features/search/hits.tsx'
import { HitRow } from '../../renderer/features/search/SearchBox.tsx'
import { createAppStore, type AppStore } from '../../renderer/store/store.ts'
import { StoreProvider } from '../../renderer/store/use-app.tsx'
import type { Loadable } from '../../renderer/store/loadable.ts'

const ADA = 'did:key:z6MkAda' as Did
const summary = (over: Partial<PageSummary>): PageSummary => ({
  id: 'P1', title: 'Tool library', tags: [], createdAt: '2026-01-01T10:00:00Z', createdBy: ADA, createdByName: 'Ada',
  updatedAt: '2026-01-02T10:00:00Z', backlinkCount: 0, excerpt: '', ...over,
})
const space = (over: Partial<SpaceSummary> = {}): SpaceSummary => ({
  spaceId: 's1' as SpaceId, name: 'Village hall', founder: ADA, role: 'founder', members: 2, documents: [],
  access: { cmd: '/', docs: ['*'], purpose: 'membership', expiresAt: null }, damaged: null, ...over,
} as SpaceSummary)

function render(node: ReactNode, setup: (store: AppStore) => void = () => {}): string {
  const store = createAppStore({ api: {} as PeerApi, notify: () => {} })
  setup(store)
  store.getInitialState = store.getState
  return renderToStaticMarkup(createElement(StoreProvider, { store, children: createElement(MantineProvider, null, node) }))
}
const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

function listPage(list: Loadable<PageList>, s: SpaceSummary = space()): string {
  return render(createElement(KnowledgeView), (store) => store.setState((st) => ({
    spaces: { ...st.spaces, selected: 's1' as SpaceId, list: { status: 'ready', value: [s], error: null } },
    nav: { ...st.nav, section: 'knowledge', item: null },
    pages: { ...st.pages, list },
  })))
}

describe('the list of pages', () => {
  it('shows each page with its first words, tags, maker and how many pages link to it', () => {
    const html = listPage({ status: 'ready', error: null, value: {
      pages: [
        summary({ id: 'P1', title: 'Tool library', tags: ['tools', 'how-to'], backlinkCount: 2, excerpt: 'Borrow a drill for a week.' }),
        summary({ id: 'P2', title: 'Hall keys', createdByName: null, backlinkCount: 1 }),
      ],
      tags: [{ tag: 'tools', pages: 1 }, { tag: 'how-to', pages: 1 }], syncing: 0,
    } })
    const t = text(html)
    expect(html).toContain('aria-label="Pages"')
    expect(html).toContain('href="#/knowledge/P1"')
    expect(t).toContain('Borrow a drill for a week.')
    expect(t).toContain('by Ada')
    expect(t).toContain('2 pages link here')
    expect(t).toContain('1 page links here')
    expect(t).toMatch(/by someone \(…6MkAda\)/)
    expect(html).toContain('aria-label="Filter by tag"')
    expect(t).toContain('tools (1)')
    expect(t).toContain('New page')
  })

  it('when empty, invites a member to write the first page, and tells a reader why it is empty', () => {
    const empty: Loadable<PageList> = { status: 'ready', error: null, value: { pages: [], tags: [], syncing: 0 } }
    expect(text(listPage(empty))).toMatch(/No pages yet .*Pages link to each other with \[\[Title\]\].* New page/)
    const guest = space({ role: 'guest', access: { cmd: '/read', docs: ['pages'], purpose: 'x', expiresAt: null } } as Partial<SpaceSummary>)
    const t = text(listPage(empty, guest))
    expect(t).toContain('none your access covers has reached this device')
    expect(t).not.toContain('New page')
  })

  it('says a failed load in words, with a way to try again', () => {
    const t = text(listPage({ status: 'error', error: 'The peer is not answering.', value: { pages: [], tags: [], syncing: 0 } }))
    expect(t).toContain('Could not load pages')
    expect(t).toContain('The peer is not answering.')
    expect(t).toContain('Try again')
  })

  it('filters by words of the title in any order and case, and by tags', () => {
    const pages = [summary({ id: 'a', title: 'Tool library rules', tags: ['tools'] }), summary({ id: 'b', title: 'Hall keys', tags: ['hall', 'tools'] })]
    expect(matchTitles(pages, 'RULES tool').map((p) => p.id)).toEqual(['a'])
    expect(matchTitles(pages, '  ').map((p) => p.id)).toEqual(['a', 'b'])
    expect(withTags(pages, ['tools', 'hall']).map((p) => p.id)).toEqual(['b'])
  })
})

describe('a search hit', () => {
  const hit = (over: Partial<SearchHit> = {}): SearchHit => ({ kind: 'page', id: 'P1', title: 'Tool library', snippet: 'borrow a drill for a week', marks: [[9, 14]], score: 3, ...over })

  it('shows its kind, its title and the matched words as <mark>', () => {
    const html = render(createElement(HitRow, { id: 'h0', hit: hit({ marks: [[0, 6], [9, 14]] }), active: true, onOpen: () => {} }))
    expect(html).toContain('role="option"')
    expect(html).toContain('aria-selected="true"')
    expect(text(html)).toContain('Page')
    expect(text(html)).toContain('Tool library')
    expect(html).toContain('<mark>borrow</mark> a <mark>drill</mark> for a week')
  })

  it('never reads the snippet as markup, and skips marks that do not fit it', () => {
    const html = renderToStaticMarkup(createElement('p', null, markedSnippet('<b>bold</b> claim', [[3, 7], [2, 5], [20, 30]])))
    expect(html).toBe('<p>&lt;b&gt;<mark>bold</mark>&lt;/b&gt; claim</p>')
  })

  it('opens where the item lives', () => {
    expect(placeOf(hit())).toEqual({ section: 'knowledge', item: 'P1' })
    expect(placeOf(hit({ kind: 'resource', id: 'R1' }))).toEqual({ section: 'resources', item: 'R1' })
    expect(placeOf(hit({ kind: 'booking', id: 'B1', parentId: 'R1' }))).toEqual({ section: 'resources', item: 'R1' })
    expect(placeOf(hit({ kind: 'decision', id: 'S1', parentId: 'D1' }))).toEqual({ section: 'decisions', item: 'D1' })
    expect(placeOf(hit({ kind: 'decision', id: 'D2' }))).toEqual({ section: 'decisions', item: 'D2' })
  })
})

describe('keeping Knowledge fresh', () => {
  it('a change to the space’s pages refetches the list and the page open; another space’s does not', async () => {
    const calls: string[] = []
    let emit: (e: PeerEventName, p: unknown) => void = () => {}
    const answers: Record<string, unknown> = {
      listSpaces: [space()], listPages: { pages: [], tags: [], syncing: 0 }, getPage: { ...summary({}), backlinks: [], links: [], may: { edit: true, delete: true } },
      listResources: { items: [], total: 0, syncing: 0 }, listBookings: { items: [], total: 0 }, listDecisions: { items: [] }, listMembers: [], listGrants: [], audit: [], peers: [], status: { did: ADA },
    }
    const api = new Proxy({}, { get: (_t, op: string) => async (input?: { spaceId?: string }) => { calls.push(input?.spaceId ? `${op}:${input.spaceId}` : op); return answers[op] } }) as PeerApi
    const bridge = { api, onEvent: (l: typeof emit) => { emit = l; return () => {} }, onConnection: () => () => {} } as unknown as PeerBridge
    const store = createAppStore({ api, notify: () => {} })
    startFeeds(bridge, store)
    await vi.waitFor(() => expect(store.getState().spaces.selected).toBe('s1'))
    await vi.waitFor(() => expect(store.getState().pages.list.status).toBe('ready'))
    await store.getState().pages.show('P1')
    calls.length = 0
    emit('collection:changed', { spaceId: 's2', collection: 'pages', ids: ['P9'] })
    await new Promise((r) => setTimeout(r, 20))
    expect(calls).toEqual([])
    emit('collection:changed', { spaceId: 's1', collection: 'pages', ids: ['P2'] })
    await vi.waitFor(() => expect(calls).toEqual(expect.arrayContaining(['listPages:s1', 'getPage:s1'])))
  })
})

describe('who sees Knowledge', () => {
  const labels = (s: SpaceSummary): string[] => sectionsFor(s).map((e) => e.label)
  it('members, and guests granted pages or one page; not a guest granted decisions only', () => {
    expect(labels(space())).toContain('Knowledge')
    const guest = (docs: string[]): SpaceSummary => space({ role: 'guest', access: { cmd: '/read', docs, purpose: 'x', expiresAt: null } } as Partial<SpaceSummary>)
    expect(labels(guest(['4NMNnkMhL8jXrdJ9jamS58PAVdXu']))).toEqual(expect.arrayContaining(['Knowledge']))
    expect(labels(guest(['4NMNnkMhL8jXrdJ9jamS58PAVdXu']))).not.toContain('Resources')
    expect(labels(guest(['decisions']))).not.toContain('Knowledge')
  })
})
