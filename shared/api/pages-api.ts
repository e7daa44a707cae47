/**
 * The knowledge commons through the API (DESIGN.md "Knowledge"): pages with markdown in and
 * out, their links and backlinks; and one search across everything the caller may read in a
 * space. Pages are edited live through their Automerge document (the app binds its editor to
 * it); these calls are the CLI's and agents' way in, and the app's for lists and search.
 */
import type { Did, SpaceId } from '../ids.ts'
import type { CreatePageInput, EditPageInput, ImportPagesInput } from '../schemas/page.ts'

/** A page named by another: resolved to a page of the space, or not (a `[[Title]]` no page has yet). */
export interface PageLinkView {
  /** The page's id (its document id) when the link resolves; null when no page has that title (yet). */
  id: string | null
  /** The linked page's current title, or the text of a link that does not resolve. */
  title: string
  /** A link to a page by its id that cannot be opened here: deleted, or not shared with this peer (`title` then says which). */
  gone?: true
}

/** A page in a list. */
export interface PageSummary {
  id: string
  title: string
  tags: string[]
  createdAt: string
  createdBy: Did
  /** The creator's name on the roster; null when unknown. */
  createdByName: string | null
  updatedAt: string
  /** How many pages link here. */
  backlinkCount: number
  /** The first words of its text, for a list. */
  excerpt: string
}

export interface PageList {
  pages: PageSummary[]
  /** Tags used by the pages of the space, most used first, with how many pages carry each. */
  tags: Array<{ tag: string; pages: number }>
  /** Pages the space lists that have not reached this peer yet. */
  syncing: number
}

/** One page, in full. */
export interface PageView extends PageSummary {
  spaceId: SpaceId
  markdown: string
  /** Pages this one links to, in the order they appear (each once). */
  links: PageLinkView[]
  /** Pages linking to this one, by title. */
  backlinks: Array<{ id: string; title: string }>
  /** What this peer may do with it. */
  may: { edit: boolean; delete: boolean }
  /** The older version shown (`at`), or null for the page as it is now. */
  version: string | null
}

/** A version of a page: the changes one writer made close together. */
export interface PageVersionView {
  /** Its id (the hash of its last change): what `getPage({at})` and `restorePage` take. */
  version: string
  /** When it was saved, by its writer's clock. */
  at: string
  /** Changes in it (a typing session makes many). */
  changes: number
  /** Whether this peer saved it through its CLI or API (what is typed in the app's editor is the window's own, not marked). */
  mine: boolean
}

export interface ImportPagesResult {
  created: Array<{ id: string; title: string; file: string }>
  /** Files left out, with why (not markdown, too large, unreadable, a page of that title exists). */
  skipped: Array<{ file: string; reason: string }>
}

export interface PagesApi {
  /** Makes a page from a title, tags and markdown. */
  createPage(input: { spaceId: SpaceId } & CreatePageInput): Promise<PageView>
  /** The pages of a space, newest change first; `tag` keeps those that carry it. */
  listPages(input: { spaceId: SpaceId; tag?: string }): Promise<PageList>
  /** One page, named by id, a unique id prefix, or its title; as it was at an older version with `at`. */
  getPage(input: { spaceId: SpaceId; pageId: string; at?: string }): Promise<PageView>
  /** Its versions, newest first. */
  pageHistory(input: { spaceId: SpaceId; pageId: string }): Promise<{ versions: PageVersionView[] }>
  /** Makes its title and text what they were at a version (a new change: the history stays). */
  restorePage(input: { spaceId: SpaceId; pageId: string; version: string }): Promise<PageView>
  /** Replaces its text (markdown), adds to its end (append), renames it, retags it. */
  editPage(input: { spaceId: SpaceId; pageId: string } & EditPageInput): Promise<PageView>
  /** Deletes a page (a tombstone that syncs; links to it stop resolving). */
  deletePage(input: { spaceId: SpaceId; pageId: string }): Promise<{ deleted: true; id: string }>
  /** Makes a page of each markdown file in a folder on the peer's machine. */
  importPages(input: { spaceId: SpaceId } & ImportPagesInput): Promise<ImportPagesResult>
}

/** What a hit is. */
export type SearchKind = 'resource' | 'booking' | 'decision' | 'page' | 'node'

export interface SearchHit {
  kind: SearchKind
  /** The item's id in its collection (a page's id is its document id). */
  id: string
  title: string
  /** A few words around the best match, plain text (never markup). */
  snippet: string
  /** Where the query matched in `snippet`: [start, end) character offsets, in order. */
  marks: Array<[number, number]>
  score: number
  /** For a booking: the resource booked; for a stance or outcome: its proposal. What to open. */
  parentId?: string
}

export interface SearchResult {
  hits: SearchHit[]
  /** Items indexed in this space (what the caller may read of them is all a hit can come from). */
  indexed: number
}

export interface SearchApi {
  /** Fuzzy, prefix full-text search across the resources, bookings, decisions and pages of a space the caller may read, best first. */
  search(input: { spaceId: SpaceId; query: string; limit?: number; kinds?: SearchKind[] }): Promise<SearchResult>
}
