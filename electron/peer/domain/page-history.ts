/**
 * A page's history, from its document's own change log: no separate record is kept. Changes
 * one writer made close together (a typing session) are one version; a version can be shown as
 * the page was then, and restored (as a new change: history is never rewritten).
 *
 * Change metadata is read with `decodeChange` (cheap) rather than `getHistory` (which builds
 * every past state of the document).
 */
import * as Automerge from '@automerge/automerge'
import { PAGE_TEXT_FIELD, type PageDoc } from '../../../shared/schemas/page.ts'

/**
 * The message of a change made through the CLI or the API (a create, an edit, a rename, a
 * restore): each ends a version, so every one of them can be shown and restored on its own.
 */
export const VERSION_MESSAGE = 'commonweave: page saved'

/** Changes typed by one writer less than this far apart are one version. */
const SESSION_GAP_SECONDS = 5 * 60
/** Versions listed, newest first. */
const MAX_VERSIONS = 200

export interface PageVersion {
  /** The hash of its last change: what `show --at` and `restore` take. */
  version: string
  /** When its last change was made, by its writer's clock. */
  at: string
  /** Changes in it (a typing session makes many). */
  changes: number
  /** Whether this peer's own API made it (an edit typed in the app's window is the window's, not marked). */
  mine: boolean
}

/** The versions of a page document, newest first. */
export function pageVersions(doc: Automerge.Doc<PageDoc>): PageVersion[] {
  const me = Automerge.getActorId(doc)
  const done: Array<PageVersion & { last: number }> = []
  // One session open per writer: two people typing at once make one version each, not many small ones.
  const open = new Map<string, { last: number; hash: string; changes: number }>()
  const close = (actor: string): void => {
    const s = open.get(actor)
    if (!s) return
    done.push({ version: s.hash, at: new Date(s.last * 1000).toISOString(), changes: s.changes, mine: actor === me, last: s.last })
    open.delete(actor)
  }
  for (const bytes of Automerge.getAllChanges(doc)) {
    const c = Automerge.decodeChange(bytes)
    const s = open.get(c.actor)
    if (s && c.time - s.last <= SESSION_GAP_SECONDS && c.time >= s.last) {
      s.last = c.time
      s.hash = c.hash
      s.changes++
    } else {
      close(c.actor)
      open.set(c.actor, { last: c.time, hash: c.hash, changes: 1 })
    }
    if (c.message === VERSION_MESSAGE) close(c.actor)
  }
  for (const actor of [...open.keys()]) close(actor)
  // Newest first; a version's place is its last change's time (the change log's own order among equals).
  return done.map((v, i) => ({ v, i })).sort((a, b) => b.v.last - a.v.last || b.i - a.i).slice(0, MAX_VERSIONS)
    .map(({ v }) => ({ version: v.version, at: v.at, changes: v.changes, mine: v.mine }))
}

/** The page as it was at a version (its writer's view then), or undefined when the document has no such change (or the prefix names several). */
export function pageAt(doc: Automerge.Doc<PageDoc>, version: string): { title: string; spans: Automerge.Span[] } | undefined {
  const hash = changeHash(doc, version)
  if (hash === undefined) return undefined
  const then = Automerge.view(doc, [hash])
  return { title: String(then.title ?? ''), spans: typeof then[PAGE_TEXT_FIELD] === 'string' ? Automerge.spans(then, [PAGE_TEXT_FIELD]) : [] }
}

/** The change a version id (or the start of one) names. */
function changeHash(doc: Automerge.Doc<PageDoc>, version: string): string | undefined {
  if (!/^[0-9a-f]{8,64}$/.test(version)) return undefined
  if (version.length === 64) return Automerge.hasHeads(doc, [version]) ? version : undefined
  const found = Automerge.getAllChanges(doc).map((c) => Automerge.decodeChange(c).hash).filter((h) => h.startsWith(version))
  return found.length === 1 ? found[0] : undefined
}
