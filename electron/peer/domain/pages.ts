/**
 * Knowledge pages as the API and CLI see them: make, list, show as markdown with links and
 * backlinks, edit (whole text, appended text, title, tags), delete. The app's editor changes a
 * page through its live document instead (see sync/window-sync-adapter.ts); both end up in the same
 * Automerge rich text.
 *
 * Invariants:
 * - a write is acknowledged only once on disk (durable-change.ts); a new page is listed in the
 *   space's index in the same flush;
 * - this peer writes only what its own grants let it (a guest may edit a page granted for
 *   writing, never make one: only members list documents in a space's index);
 * - replacing the text changes only what differs (Automerge `updateSpans`), so what others
 *   typed meanwhile elsewhere in the page is kept;
 * - a rename rewrites, in the pages linking to it, link text that showed the old title (links
 *   are by id and keep working either way);
 * - one writer at a time per page document.
 */
import * as Automerge from '@automerge/automerge'
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import type { PageLinkView, PageList, PageSummary, PageView } from '../../../shared/api/pages-api.ts'
import { pages as pagesCollection } from '../../../shared/collections/pages.ts'
import { appendSpans, linkTargets, markdownToSpans, spansToMarkdown } from '../../../shared/pages/markdown.ts'
import { hrefOfMark, targetOfHref, titleKey } from '../../../shared/pages/links.ts'
import { PAGE_DOC_TYPE, PAGE_SCHEMA_VERSION, PAGE_TEXT_FIELD, type CreatePageInput, type EditPageInput, type PageDoc } from '../../../shared/schemas/page.ts'
import type { Consent } from '../consent/consent.ts'
import type { IndexWriter } from './index-writer.ts'
import type { PageCatalog, PageEntry } from './page-catalog.ts'
import { commitChanges, stageChange, type StagedChange } from './durable-change.ts'
import { toStored } from './stored-values.ts'
import { pageAt, pageVersions, VERSION_MESSAGE, type PageVersion } from './page-history.ts'

const EXCERPT_CHARS = 180
/** The shortest id prefix that names a page. */
const MIN_PREFIX = 4

export interface PagesDeps {
  repo: Repo
  catalog: PageCatalog
  index: IndexWriter
  consent: Pick<Consent, 'allows' | 'allowsCollection' | 'spaces'>
  me: Did
  now: () => number
  persist: (documentId: DocumentId, change: Uint8Array) => Promise<void>
  storageError: (err: unknown) => unknown
  nameOf: (spaceId: SpaceId, did: string) => string | null
}

export class Pages {
  readonly #d: PagesDeps
  /** The write under way on each page document. */
  readonly #writing = new Map<string, Promise<unknown>>()

  constructor(deps: PagesDeps) {
    this.#d = deps
  }

  /** Makes a page; `author` is who it is shown as made by (an agent by its own did), this peer by default. */
  async create(spaceId: SpaceId, input: CreatePageInput, author: Did = this.#d.me): Promise<PageView> {
    await this.#opened(spaceId)
    if (!this.#d.consent.allowsCollection(this.#d.me, 'write', spaceId, pagesCollection.name)) {
      throw new CommonweaveError(ErrorCode.Forbidden, 'This peer may not add pages to this space: its grant does not let it write pages.')
    }
    if (!this.#d.consent.spaces.isMember(spaceId)) {
      throw new CommonweaveError(ErrorCode.Forbidden, 'A guest cannot add pages: only members list new documents in a space. Ask a member to make the page and grant it to you.')
    }
    this.#refuseTakenTitle(spaceId, input.title)
    const at = this.#at()
    // The head's strings are scalars (the last write wins: two renames made apart never splice
    // into one title); only the text is collaborative.
    const head = toStored({ type: PAGE_DOC_TYPE, space: spaceId, title: input.title, tags: input.tags ?? [], createdAt: at, createdBy: author, updatedAt: at }) as object
    const handle = this.#d.repo.create<PageDoc>({ schemaVersion: PAGE_SCHEMA_VERSION, ...head, text: '' } as PageDoc)
    if (input.markdown) {
      const spans = markdownToSpans(input.markdown, (t) => this.#resolveTyped(spaceId, t))
      handle.change((d) => Automerge.updateSpans(d, [PAGE_TEXT_FIELD], spans), { message: VERSION_MESSAGE })
    }
    try {
      const touched = this.#d.index.register(spaceId, pagesCollection.name, [handle.documentId])
      await this.#d.repo.flush([handle.documentId, ...touched])
    } catch (err) {
      throw this.#d.storageError(err)
    }
    this.#d.catalog.adopt(spaceId, handle)
    return this.view(spaceId, handle.documentId)
  }

  async list(spaceId: SpaceId, tag?: string): Promise<PageList> {
    await this.#opened(spaceId)
    const live = this.#d.catalog.entries(spaceId).filter((p) => !p.deleted && this.#readable(p))
    const counts = this.#backlinkCounts(spaceId, live)
    const tags = new Map<string, number>()
    for (const p of live) for (const t of p.tags) tags.set(t, (tags.get(t) ?? 0) + 1)
    const shown = live.filter((p) => tag === undefined || p.tags.includes(tag)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.title.localeCompare(b.title))
    return {
      pages: shown.map((p) => this.#summary(p, counts.get(p.id) ?? 0)),
      tags: [...tags].map(([t, n]) => ({ tag: t, pages: n })).sort((a, b) => b.pages - a.pages || a.tag.localeCompare(b.tag)),
      syncing: this.#d.catalog.syncing(spaceId),
    }
  }

  async get(spaceId: SpaceId, ref: string, at?: string): Promise<PageView> {
    await this.#opened(spaceId)
    return this.view(spaceId, this.#find(spaceId, ref).id, at)
  }

  async history(spaceId: SpaceId, ref: string): Promise<{ versions: PageVersion[] }> {
    await this.#opened(spaceId)
    const page = this.#find(spaceId, ref)
    return { versions: pageVersions(this.#handle(spaceId, page.id).doc()) }
  }

  /** Makes the page's title and text what they were at `version`, as a new change. */
  async restore(spaceId: SpaceId, ref: string, version: string): Promise<PageView> {
    await this.#opened(spaceId)
    const page = this.#find(spaceId, ref)
    this.#mayWrite(page)
    const then = this.#versionOf(spaceId, page.id, version)
    if (titleKey(then.title) !== titleKey(page.title) && this.#d.catalog.resolve(spaceId, { title: then.title })) this.#refuseTakenTitle(spaceId, then.title)
    await this.#write(spaceId, page.id, (d) => {
      if (then.title !== String(d.title)) d.title = scalar(then.title)
      Automerge.updateSpans(d, [PAGE_TEXT_FIELD], then.spans)
      d.updatedAt = scalar(this.#at())
    })
    return this.view(spaceId, page.id)
  }

  async edit(spaceId: SpaceId, ref: string, input: EditPageInput): Promise<PageView> {
    await this.#opened(spaceId)
    const page = this.#find(spaceId, ref)
    this.#mayWrite(page)
    if (input.title !== undefined && titleKey(input.title) !== titleKey(page.title)) this.#refuseTakenTitle(spaceId, input.title)
    const renamedFrom = input.title !== undefined && input.title !== page.title ? page.title : undefined
    const linking = renamedFrom === undefined ? [] : this.#d.catalog.backlinks(spaceId, page.id)
    const resolve = (t: string): { id: string } | null => this.#resolveTyped(spaceId, t)
    const added = input.append !== undefined ? markdownToSpans(input.append, resolve) : undefined
    const whole = input.markdown !== undefined ? markdownToSpans(input.markdown, resolve) : undefined
    await this.#write(spaceId, page.id, (d) => {
      if (input.title !== undefined && input.title !== String(d.title)) d.title = scalar(input.title)
      if (input.tags !== undefined) d.tags = input.tags.map(scalar)
      if (whole) Automerge.updateSpans(d, [PAGE_TEXT_FIELD], whole)
      if (added) Automerge.updateSpans(d, [PAGE_TEXT_FIELD], appendSpans(Automerge.spans(d, [PAGE_TEXT_FIELD]), added))
      d.updatedAt = scalar(this.#at())
    })
    if (renamedFrom !== undefined && input.title !== undefined) await this.#retitleLinks(spaceId, page.id, renamedFrom, input.title, linking)
    return this.view(spaceId, page.id)
  }

  async delete(spaceId: SpaceId, ref: string): Promise<{ deleted: true; id: string }> {
    await this.#opened(spaceId)
    const page = this.#find(spaceId, ref)
    this.#mayWrite(page)
    await this.#write(spaceId, page.id, (d) => {
      d.deleted = true
      d.updatedAt = scalar(this.#at())
    })
    return { deleted: true, id: page.id }
  }

  /** One page in full, as it is here now, or as it was at version `at` (its title and text then; its backlinks now). */
  view(spaceId: SpaceId, id: string, at?: string): PageView {
    const entry = this.#d.catalog.entry(spaceId, id)
    if (!entry || entry.deleted || !this.#readable(entry)) throw notFound(id)
    const then = at === undefined ? undefined : this.#versionOf(spaceId, id, at)
    const spans = then?.spans ?? Automerge.spans(this.#handle(spaceId, id).doc(), [PAGE_TEXT_FIELD])
    const titleOf = (target: string): string | null => this.#d.catalog.resolve(spaceId, { id: target })?.title ?? null
    // A member holds every page of the space, so a page it cannot find by id was deleted; a guest holds only what it was granted.
    const gone = this.#d.consent.spaces.isMember(spaceId) ? 'a deleted page' : 'a page not shared with you'
    const links: PageLinkView[] = (then ? linkTargets(spans) : entry.links).map((t) => {
      const found = this.#d.catalog.resolve(spaceId, t)
      if (found && this.#readable(found)) return { id: found.id, title: found.title }
      return 'title' in t ? { id: null, title: t.title } : { id: null, title: gone, gone: true }
    })
    const backlinks = this.#d.catalog.backlinks(spaceId, id).filter((p) => this.#readable(p)).map((p) => ({ id: p.id, title: p.title }))
    const mayEdit = this.#d.consent.allows(this.#d.me, 'write', id)
    return {
      ...this.#summary(entry, backlinks.length), spaceId, ...(then ? { title: then.title } : {}),
      markdown: spansToMarkdown(spans, titleOf, (t) => idOf(this.#d.catalog.resolve(spaceId, { title: t }))), links, backlinks, may: { edit: mayEdit, delete: mayEdit }, version: at ?? null,
    }
  }

  #handle(spaceId: SpaceId, id: string): DocHandle<PageDoc> {
    const handle = this.#d.catalog.handle(spaceId, id)
    if (!handle) throw notFound(id)
    return handle
  }

  #versionOf(spaceId: SpaceId, id: string, version: string): { title: string; spans: Automerge.Span[] } {
    const then = pageAt(this.#handle(spaceId, id).doc(), version)
    if (!then) throw new CommonweaveError(ErrorCode.NotFound, `This page has no version ${version.length > 12 ? `${version.slice(0, 12)}…` : version} (or that start names several): "commonweave page history SPACE PAGE" lists its versions.`)
    return then
  }

  /** Makes `fn`'s change to a page durably, after any write under way on it. */
  async #write(spaceId: SpaceId, id: string, fn: (d: PageDoc) => void): Promise<void> {
    const handle = this.#handle(spaceId, id)
    const before = this.#writing.get(id) ?? Promise.resolve()
    const run = before.catch(() => {}).then(async () => {
      const staged = stageChange(handle, fn, VERSION_MESSAGE)
      if (staged) await this.#commit([staged])
      // Read at once, so what this call answers shows the change.
      this.#d.catalog.readNow(spaceId, id)
    })
    this.#writing.set(id, run)
    try {
      await run
    } finally {
      if (this.#writing.get(id) === run) this.#writing.delete(id)
    }
  }

  async #commit(staged: StagedChange[]): Promise<void> {
    try {
      await commitChanges({ repo: this.#d.repo, persist: this.#d.persist }, staged, [])
    } catch (err) {
      throw this.#d.storageError(err)
    }
  }

  /** In pages linking to a renamed page, link text that showed its old title now shows the new one. */
  async #retitleLinks(spaceId: SpaceId, id: string, from: string, to: string, linking: PageEntry[]): Promise<void> {
    for (const page of linking) {
      if (!this.#d.consent.allows(this.#d.me, 'write', page.id)) continue
      await this.#write(spaceId, page.id, (d) => {
        const spans = Automerge.spans(d, [PAGE_TEXT_FIELD])
        let changed = false
        const next = spans.map((s) => {
          if (s.type !== 'text' || titleKey(s.value) !== titleKey(from)) return s
          const href = hrefOfMark(s.marks?.['link'])
          const target = href === null ? null : targetOfHref(href)
          if (!target || !('id' in target) || target.id !== id) return s
          changed = true
          return { ...s, value: to }
        })
        if (changed) Automerge.updateSpans(d, [PAGE_TEXT_FIELD], next)
      })
    }
  }

  #summary(p: PageEntry, backlinkCount: number): PageSummary {
    return {
      id: p.id, title: p.title, tags: p.tags, createdAt: p.createdAt, createdBy: p.createdBy as Did,
      createdByName: this.#d.nameOf(p.spaceId, p.createdBy), updatedAt: p.updatedAt, backlinkCount,
      excerpt: excerpt(p.text.slice(0, 4 * EXCERPT_CHARS)),
    }
  }

  /** How many live pages link to each page, in one pass. */
  #backlinkCounts(spaceId: SpaceId, live: PageEntry[]): Map<string, number> {
    const counts = new Map<string, number>()
    for (const p of live) {
      const targets = new Set<string>()
      for (const t of p.links) {
        const found = this.#d.catalog.resolve(spaceId, t)
        if (found && found.id !== p.id) targets.add(found.id)
      }
      for (const id of targets) counts.set(id, (counts.get(id) ?? 0) + 1)
    }
    return counts
  }

  /** A page named by id, a unique id prefix, or its title. */
  #find(spaceId: SpaceId, ref: string): PageEntry {
    const trimmed = ref.trim()
    const byId = this.#d.catalog.entry(spaceId, trimmed)
    if (byId && !byId.deleted && this.#readable(byId)) return byId
    const byTitle = this.#d.catalog.resolve(spaceId, { title: trimmed })
    if (byTitle && this.#readable(byTitle)) return byTitle
    if (trimmed.length >= MIN_PREFIX) {
      const matches = this.#d.catalog.entries(spaceId).filter((p) => !p.deleted && p.id.startsWith(trimmed) && this.#readable(p))
      if (matches.length === 1) return matches[0]!
      if (matches.length > 1) throw new CommonweaveError(ErrorCode.ValidationFailed, `"${trimmed}" is the start of ${matches.length} pages' ids: give more of the id, or the title.`)
    }
    throw notFound(trimmed)
  }

  /** What `[[target]]` names as it is typed: a page's title, its id, or a unique id prefix. */
  #resolveTyped(spaceId: SpaceId, target: string): { id: string } | null {
    try {
      return { id: this.#find(spaceId, target).id }
    } catch {
      return null
    }
  }

  #refuseTakenTitle(spaceId: SpaceId, title: string): void {
    const taken = this.#d.catalog.resolve(spaceId, { title })
    if (taken) throw new CommonweaveError(ErrorCode.ValidationFailed, `A page titled "${taken.title}" exists already (${taken.id.slice(0, 8)}): edit it, or choose another title.`)
  }

  /** Whether this peer may read a page it holds (a guest whose grant was revoked keeps the document, not the right). */
  #readable(page: PageEntry): boolean {
    return this.#d.consent.allows(this.#d.me, 'read', page.id)
  }

  #mayWrite(page: PageEntry): void {
    if (!this.#d.consent.allows(this.#d.me, 'write', page.id)) {
      throw new CommonweaveError(ErrorCode.Forbidden, `This peer may read "${page.title}" but not change it: its grant is read-only.`)
    }
  }

  async #opened(spaceId: SpaceId): Promise<void> {
    if (!this.#d.consent.spaces.has(spaceId)) {
      throw new CommonweaveError(ErrorCode.SpaceNotFound, `No space ${spaceId} on this peer. "commonweave space list" shows the spaces you are in.`)
    }
    await this.#d.catalog.open(spaceId)
  }

  #at(): string {
    return new Date(this.#d.now()).toISOString()
  }
}

const idOf = (p: PageEntry | null): { id: string } | null => (p ? { id: p.id } : null)

/** A string kept as one value (ImmutableString), typed as the page document's plain string. */
const scalar = (s: string): string => new Automerge.ImmutableString(s) as unknown as string

function notFound(ref: string): CommonweaveError {
  return new CommonweaveError(ErrorCode.NotFound, `No page "${ref}" here: it may have been deleted or renamed, or not have reached this peer yet. Name a page by its title or id, as the list of pages shows them.`)
}

/** The first words of a page, cut at a word. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= EXCERPT_CHARS) return flat
  const cut = flat.slice(0, EXCERPT_CHARS)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), EXCERPT_CHARS - 30))}…`
}

