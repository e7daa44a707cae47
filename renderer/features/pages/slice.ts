/**
 * The selected space's knowledge pages: the list (with its tags), the page open, and making,
 * renaming, retagging and deleting pages through the API. A page's text is not here: the
 * editor binds to the page's live document (`liveDoc`). Refreshed when the peer reports a
 * change to the `pages` collection (app/feeds.ts), so backlinks and the list follow edits made
 * here or by other peers.
 */
import type { PageList, PageVersionView, PageView } from '../../../shared/api/pages-api.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import { ErrorCode, toErrorData, type ErrorData } from '../../../shared/errors.ts'
import type { SliceCreator } from '../../store/app-state.ts'
import { idle, latestWins, load, type Loadable } from '../../store/loadable.ts'
import type { LivePage } from './live-doc.ts'
import { Section } from '../../app/nav-slice.ts'

/** How an action went: the page as the peer now has it, or its refusal in words. */
export type PageOutcome = { ok: true; value: PageView } | { ok: false; error: ErrorData }

export interface PagesSlice {
  list: Loadable<PageList>
  /** The page open (its id as the link gave it), and its full view (links, backlinks, may). */
  openId: string | null
  open: Loadable<PageView | null>
  refresh(): Promise<void>
  /** Opens a page (null: back to the list), and fetches it. */
  show(id: string | null): Promise<void>
  create(title: string): Promise<PageOutcome>
  rename(pageId: string, title: string): Promise<PageOutcome>
  retag(pageId: string, tags: string[]): Promise<PageOutcome>
  remove(pageId: string): Promise<{ ok: true } | { ok: false; error: ErrorData }>
  /** A page's versions, newest first; rejects in words. */
  history(pageId: string): Promise<PageVersionView[]>
  /** A page as it was at a version; rejects in words. */
  versionOf(pageId: string, version: string): Promise<PageView>
  /** Makes a page's title and text what they were at a version (a new change). */
  restore(pageId: string, version: string): Promise<PageOutcome>
  /** The page's live document, for the editor; rejects in words when it cannot be had here. */
  liveDoc(pageId: string, signal?: AbortSignal): Promise<LivePage>
  clear(): void
}

const noSpace = (): { ok: false; error: ErrorData } => ({ ok: false, error: { code: ErrorCode.SpaceNotFound, message: 'Choose a space first.' } })

export const createPagesSlice: SliceCreator<'pages'> = ({ api, notify, pageDocs }, get, patch) => {
  const inSpace = (): SpaceId => {
    const spaceId = selected()
    if (!spaceId) throw new Error('Choose a space first.')
    return spaceId
  }
  const listOrder = latestWins()
  const openOrder = latestWins()
  const selected = (): SpaceId | null => get().spaces.selected
  const fetchList = (spaceId: SpaceId): Promise<void> =>
    load(() => get().pages.list, (list) => { if (selected() === spaceId) patch({ list }) }, listOrder,
      () => api.listPages({ spaceId }))
  const loadOpen = async (spaceId: SpaceId, id: string): Promise<void> => {
    let gone = false
    await load(() => get().pages.open, (v) => { if (selected() === spaceId && get().pages.openId === id) patch({ open: v }) }, openOrder,
      () => api.getPage({ spaceId, pageId: id }).catch((err: unknown) => {
        gone = toErrorData(err).code === ErrorCode.NotFound
        throw err
      }))
    // Deleted elsewhere (or access ended) while open: the page is not shown as if it were still there.
    if (gone && selected() === spaceId && get().pages.openId === id && get().pages.open.value !== null) {
      patch({ open: { status: 'error', value: null, error: 'This page was deleted, or your access to it ended, while it was open here.' } })
    }
  }
  /** Shows the peer's answer where the page is open, and refetches the list around it. */
  const took = (spaceId: SpaceId, view: PageView): void => {
    const { openId } = get().pages
    if (selected() !== spaceId) return
    if (openId !== null && (openId === view.id || view.id.startsWith(openId))) patch({ open: { status: 'ready', value: view, error: null } })
    void fetchList(spaceId)
  }
  const act = async (run: (spaceId: SpaceId) => Promise<PageView>, done?: (v: PageView) => string): Promise<PageOutcome> => {
    const spaceId = selected()
    if (!spaceId) return noSpace()
    try {
      const value = await run(spaceId)
      if (done) notify({ kind: 'done', message: done(value) })
      took(spaceId, value)
      return { ok: true, value }
    } catch (err) {
      return { ok: false, error: toErrorData(err) }
    }
  }
  return {
    list: idle({ pages: [], tags: [], syncing: 0 }),
    openId: null,
    open: idle(null),
    clear: () => patch({ list: idle({ pages: [], tags: [], syncing: 0 }), openId: null, open: idle(null) }),
    refresh: async () => {
      const spaceId = selected()
      if (!spaceId) return
      const openId = get().pages.openId
      await Promise.all([fetchList(spaceId), openId ? loadOpen(spaceId, openId) : undefined])
    },
    show: async (id) => {
      const { openId, open } = get().pages
      if (id === openId && (open.status === 'ready' || open.status === 'loading')) return
      if (id !== openId) patch({ openId: id, open: idle(null) })
      const spaceId = selected()
      if (id && spaceId) await loadOpen(spaceId, id)
    },
    create: (title) => act((spaceId) => api.createPage({ spaceId, title }), (p) => `Made the page “${p.title}”.`),
    rename: (pageId, title) => act((spaceId) => api.editPage({ spaceId, pageId, title })),
    retag: (pageId, tags) => act((spaceId) => api.editPage({ spaceId, pageId, tags })),
    remove: async (pageId) => {
      const spaceId = selected()
      if (!spaceId) return noSpace()
      try {
        await api.deletePage({ spaceId, pageId })
        notify({ kind: 'done', message: 'Deleted the page.' })
        if (get().pages.openId === pageId) {
          patch({ openId: null, open: idle(null) })
          // Back to the list: the page shown is gone.
          get().nav.go(Section.Knowledge)
        }
        void fetchList(spaceId)
        return { ok: true }
      } catch (err) {
        return { ok: false, error: toErrorData(err) }
      }
    },
    history: async (pageId) => (await api.pageHistory({ spaceId: inSpace(), pageId })).versions,
    versionOf: (pageId, version) => api.getPage({ spaceId: inSpace(), pageId, at: version }),
    restore: (pageId, version) => act((spaceId) => api.restorePage({ spaceId, pageId, version }), (p) => `Restored an earlier version of “${p.title}”.`),
    liveDoc: async (pageId, signal) => {
      if (!pageDocs) throw new Error('This window cannot open live pages: it has no link to its peer’s documents.')
      const docs = await pageDocs()
      const handle = await docs.find(pageId, signal)
      return {
        handle,
        writable: () => docs.writable(pageId),
        onAccess: (listener) => docs.onAccess((id, access) => { if (id === pageId) listener(access === 'write') }),
      }
    },
  }
}
