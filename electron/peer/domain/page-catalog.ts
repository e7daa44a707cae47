/**
 * The pages of the spaces this peer holds, read: each page document loaded and followed, its
 * head checked, its text turned into words and links; titles resolved to pages and backlinks
 * kept current as pages change here or arrive from peers.
 *
 * Invariants:
 * - only documents a space's index (or a guest space's catalog) lists under `pages` are read;
 * - a page document that fails its schema is quarantined (logged once, never shown) and never
 *   blocks the others; a page listed but not here yet is waited for in the background;
 * - when two pages share a title (made apart, offline), a `[[Title]]` names the older one;
 * - a deleted page resolves no link and has no backlinks shown, and its own links count for nothing.
 */
import * as Automerge from '@automerge/automerge'
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo'
import type { SpaceId } from '../../../shared/ids.ts'
import { PageDocHeadSchema, PAGE_TEXT_FIELD, type PageDoc } from '../../../shared/schemas/page.ts'
import { linkTargets, spansToPlainText } from '../../../shared/pages/markdown.ts'
import { titleKey, type LinkTarget } from '../../../shared/pages/links.ts'
import type { Logger } from '../log.ts'
import { findWithin } from '../sync/find-within.ts'
import { toPlain } from './stored-values.ts'

const LOAD_TIMEOUT_MS = 30_000
/** How long a first list or search waits for pages still to come from peers. */
const OPEN_WAIT_MS = 3_000
/** Changes to pages after the first are read together at most this often… */
const READ_EVERY_MS = 150
/** …or, for pages that take long to read, four times as long as the last read took, up to this. */
const MAX_READ_EVERY_MS = 2_000

/** What is known of one page without opening its text again. */
export interface PageEntry {
  id: string
  spaceId: SpaceId
  title: string
  tags: string[]
  createdAt: string
  createdBy: string
  updatedAt: string
  deleted: boolean
  links: LinkTarget[]
  /** Its words, one line per block. */
  text: string
}

interface Space {
  pages: Map<string, PageEntry>
  handles: Map<string, { handle: DocHandle<PageDoc>; off: () => void }>
  /** Listed, not here yet. */
  waiting: Set<string>
  quarantined: Set<string>
  loading: Promise<void> | undefined
  /** Live pages by title key, oldest first; rebuilt after a change. */
  titles: Map<string, PageEntry> | undefined
}

export interface PageCatalogDeps {
  repo: Repo
  log: Logger
  /** The page documents a space lists now. */
  listed: (spaceId: SpaceId) => string[]
  /** Whether this peer holds the space (a member or a guest). */
  holds: (spaceId: SpaceId) => boolean
  /** Whether the space lists a document among its pages now. */
  lists: (spaceId: SpaceId, docId: string) => boolean
  /** Pages changed (added, edited, deleted, quarantined), here or by a peer. */
  onChange: (spaceId: SpaceId, ids: string[]) => void
}

export class PageCatalog {
  readonly #d: PageCatalogDeps
  readonly #spaces = new Map<SpaceId, Space>()
  /** Changed pages waiting to be read, with their spaces. */
  readonly #pending = new Map<string, SpaceId>()
  #timer: ReturnType<typeof setTimeout> | undefined
  #every = READ_EVERY_MS
  #stopped = false

  constructor(deps: PageCatalogDeps) {
    this.#d = deps
  }

  /** After a space changed: follows its pages once it has any, reads new ones, forgets a space this peer left. */
  follow(spaceId: SpaceId): void {
    if (!this.#d.holds(spaceId)) return this.forget(spaceId)
    // A space followed already is read again even when it lists no page now (its last ones leave).
    if (this.#spaces.has(spaceId) || this.#d.listed(spaceId).length > 0) void this.open(spaceId).then(() => this.refresh(spaceId)).catch(() => {})
  }

  /**
   * Loads the pages a space lists that are here (once; later calls wait for the same load), and
   * follows them. Pages still to come from peers are waited for OPEN_WAIT_MS at most: they join
   * the space's pages when they arrive (until then `syncing` counts them).
   */
  async open(spaceId: SpaceId): Promise<void> {
    const space = this.#space(spaceId)
    space.loading ??= this.refresh(spaceId)
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([space.loading, new Promise<void>((resolve) => { timer = setTimeout(resolve, OPEN_WAIT_MS) })])
    clearTimeout(timer)
  }

  /** Follows pages the space lists that are not followed yet (the index grew, or a page arrived), and drops those it no longer lists. */
  async refresh(spaceId: SpaceId): Promise<void> {
    const space = this.#spaces.get(spaceId)
    if (!space || !this.#d.holds(spaceId)) return
    const listed = this.#d.listed(spaceId)
    this.#dropUnlisted(spaceId, space, new Set(listed))
    const fresh = listed.filter((id) => !space.handles.has(id) && !space.waiting.has(id))
    // Those already in memory first, at once; the rest from disk or peers, a few at a time.
    for (const id of fresh) {
      const handle = this.#d.repo.handles[id as DocumentId] as DocHandle<PageDoc> | undefined
      if (handle?.isReady()) this.adopt(spaceId, handle)
    }
    const rest = fresh.filter((id) => !space.handles.has(id))
    for (const id of rest) space.waiting.add(id)
    for (let i = 0; i < rest.length; i += 8) await Promise.all(rest.slice(i, i + 8).map((id) => this.#load(spaceId, id)))
  }

  /** A page the space no longer lists (a guest's grant narrowed or revoked) leaves every list and search. */
  #dropUnlisted(spaceId: SpaceId, space: Space, listed: ReadonlySet<string>): void {
    const gone: string[] = []
    for (const [id, h] of space.handles) {
      if (listed.has(id)) continue
      h.off()
      space.handles.delete(id)
      space.pages.delete(id)
      space.quarantined.delete(id)
      gone.push(id)
    }
    for (const id of space.waiting) if (!listed.has(id)) space.waiting.delete(id)
    if (gone.length === 0) return
    space.titles = undefined
    this.#d.onChange(spaceId, gone)
  }

  async #load(spaceId: SpaceId, id: string): Promise<void> {
    try {
      this.adopt(spaceId, await findWithin<PageDoc>(this.#d.repo, id, LOAD_TIMEOUT_MS))
    } catch (err) {
      this.#d.log.debug('a page is not here yet; waiting for it', { spaceId, docId: id, error: String(err) })
      const handle = this.#d.repo.handles[id as DocumentId] as DocHandle<PageDoc> | undefined
      if (handle) handle.whenReady().then(() => this.adopt(spaceId, handle), () => {})
      else this.#spaces.get(spaceId)?.waiting.delete(id) // asked again at the space's next change
    }
  }

  /** Follows a page document that is ready here (one this peer just made, or one just loaded). */
  adopt(spaceId: SpaceId, handle: DocHandle<PageDoc>): void {
    // A load that ends after the space was left, or the page unlisted, brings nothing back.
    const space = this.#spaces.get(spaceId)
    const id = handle.documentId as string
    if (this.#stopped || !space || space.handles.has(id) || !this.#d.holds(spaceId) || !this.#d.lists(spaceId, id)) return
    space.waiting.delete(id)
    const onChange = (): void => this.#changed(spaceId, handle)
    handle.on('change', onChange)
    space.handles.set(id, { handle, off: () => { handle.off('change', onChange); this.#pending.delete(id) } })
    this.readNow(spaceId, id)
  }

  /**
   * A page changed. Reading it (its spans, words and links) costs time in proportion to its
   * length, and a window typing changes it at every key: the first change is read at once, the
   * ones after it together, at most once per READ_EVERY_MS (longer for a page that takes long to read).
   */
  #changed(spaceId: SpaceId, handle: DocHandle<PageDoc>): void {
    const id = handle.documentId as string
    if (this.#timer === undefined) {
      this.readNow(spaceId, id)
      this.#timer = setTimeout(() => this.#flush(), this.#every)
      return
    }
    this.#pending.set(id, spaceId)
  }

  #flush(): void {
    this.#timer = undefined
    if (this.#pending.size === 0 || this.#stopped) return
    const pending = [...this.#pending]
    this.#pending.clear()
    for (const [id, spaceId] of pending) this.readNow(spaceId, id)
    this.#timer = setTimeout(() => this.#flush(), this.#every)
  }

  /** Reads a followed page now (this peer just wrote it, or its change is due). */
  readNow(spaceId: SpaceId, id: string): void {
    const space = this.#spaces.get(spaceId)
    const handle = space?.handles.get(id)?.handle
    if (!space || !handle) return
    this.#pending.delete(id)
    const started = performance.now()
    const entry = readPage(spaceId, id, handle.doc())
    this.#every = Math.min(MAX_READ_EVERY_MS, Math.max(READ_EVERY_MS, 4 * (performance.now() - started)))
    const before = space.pages.get(id)
    if (typeof entry === 'string') {
      if (!space.quarantined.has(id)) this.#d.log.warn('a page document is malformed: quarantined, not shown', { spaceId, docId: id, reason: entry })
      space.quarantined.add(id)
      space.pages.delete(id)
    } else {
      space.quarantined.delete(id)
      space.pages.set(id, entry)
      if (before && sameEntry(before, entry)) return
    }
    if (!before || typeof entry === 'string' || before.title !== entry.title || before.deleted !== entry.deleted || before.createdAt !== entry.createdAt) space.titles = undefined
    this.#d.onChange(spaceId, [id])
  }

  /** The pages of a space, deleted ones included. */
  entries(spaceId: SpaceId): PageEntry[] {
    return [...(this.#spaces.get(spaceId)?.pages.values() ?? [])]
  }

  entry(spaceId: SpaceId, id: string): PageEntry | undefined {
    return this.#spaces.get(spaceId)?.pages.get(id)
  }

  handle(spaceId: SpaceId, id: string): DocHandle<PageDoc> | undefined {
    return this.#spaces.get(spaceId)?.handles.get(id)?.handle
  }

  /** Pages listed that have not reached this peer yet. */
  syncing(spaceId: SpaceId): number {
    return this.#spaces.get(spaceId)?.waiting.size ?? 0
  }

  /** Page documents set aside as malformed: in one space, or in all. */
  quarantined(spaceId?: SpaceId): number {
    if (spaceId !== undefined) return this.#spaces.get(spaceId)?.quarantined.size ?? 0
    let total = 0
    for (const s of this.#spaces.values()) total += s.quarantined.size
    return total
  }

  /** The live page a link names: by id, or by title (the oldest page with that title). */
  resolve(spaceId: SpaceId, target: LinkTarget): PageEntry | null {
    const pages = this.#spaces.get(spaceId)?.pages
    if (!pages) return null
    if ('id' in target) {
      const page = pages.get(target.id)
      return page && !page.deleted ? page : null
    }
    return this.#titles(spaceId).get(titleKey(target.title)) ?? null
  }

  #titles(spaceId: SpaceId): Map<string, PageEntry> {
    const space = this.#spaces.get(spaceId)
    if (!space) return new Map()
    if (space.titles) return space.titles
    const titles = new Map<string, PageEntry>()
    for (const p of space.pages.values()) {
      if (p.deleted) continue
      const key = titleKey(p.title)
      const best = titles.get(key)
      if (!best || p.createdAt < best.createdAt || (p.createdAt === best.createdAt && p.id < best.id)) titles.set(key, p)
    }
    space.titles = titles
    return titles
  }

  /** Live pages linking to a page, by title. */
  backlinks(spaceId: SpaceId, id: string): PageEntry[] {
    const out: PageEntry[] = []
    for (const p of this.#spaces.get(spaceId)?.pages.values() ?? []) {
      if (p.deleted || p.id === id) continue
      if (p.links.some((t) => this.resolve(spaceId, t)?.id === id)) out.push(p)
    }
    return out.sort((a, b) => a.title.localeCompare(b.title))
  }

  /** Stops following a space this peer left. */
  forget(spaceId: SpaceId): void {
    const space = this.#spaces.get(spaceId)
    if (!space) return
    for (const h of space.handles.values()) h.off()
    this.#spaces.delete(spaceId)
  }

  stop(): void {
    this.#stopped = true
    clearTimeout(this.#timer)
    for (const id of [...this.#spaces.keys()]) this.forget(id)
  }

  #space(spaceId: SpaceId): Space {
    let space = this.#spaces.get(spaceId)
    if (!space) {
      space = { pages: new Map(), handles: new Map(), waiting: new Set(), quarantined: new Set(), loading: undefined, titles: undefined }
      this.#spaces.set(spaceId, space)
    }
    return space
  }
}

/** Whether a page read again shows anything new (a change to its history alone shows nothing). */
function sameEntry(a: PageEntry, b: PageEntry): boolean {
  return a.title === b.title && a.deleted === b.deleted && a.updatedAt === b.updatedAt && a.createdAt === b.createdAt && a.createdBy === b.createdBy &&
    a.text === b.text && a.tags.join('\u0000') === b.tags.join('\u0000') && JSON.stringify(a.links) === JSON.stringify(b.links)
}

/** The fields of a page's head (all but its text). */
const HEAD_FIELDS = ['schemaVersion', 'type', 'space', 'title', 'tags', 'createdAt', 'createdBy', 'updatedAt', 'deleted'] as const

/** A page document read and checked, or why it cannot be shown. */
export function readPage(spaceId: SpaceId, id: string, doc: PageDoc | undefined): PageEntry | string {
  if (doc === undefined) return 'empty document'
  const raw = doc as unknown as Record<string, unknown>
  const head = PageDocHeadSchema.safeParse(toPlain(Object.fromEntries(HEAD_FIELDS.map((k) => [k, raw[k]]))))
  if (!head.success) {
    const issue = head.error.issues[0]
    return issue ? `${issue.path.join('.') || 'page'}: ${issue.message}` : 'not a page'
  }
  if (head.data.space !== spaceId) return 'it names another space'
  if (typeof doc[PAGE_TEXT_FIELD] !== 'string') return 'its text is not text'
  let spans: Automerge.Span[]
  try {
    spans = Automerge.spans(doc, [PAGE_TEXT_FIELD])
  } catch (err) {
    return `its text cannot be read: ${String(err)}`
  }
  return {
    id, spaceId, title: head.data.title, tags: [...head.data.tags], createdAt: head.data.createdAt, createdBy: head.data.createdBy,
    updatedAt: head.data.updatedAt, deleted: head.data.deleted === true, links: linkTargets(spans), text: spansToPlainText(spans),
  }
}
