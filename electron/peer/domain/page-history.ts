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

/** Changes by one writer less than this far apart are one version. */
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
  /** Whether it was made by this peer. */
  mine: boolean
}

/** The versions of a page document, newest first. */
export function pageVersions(doc: Automerge.Doc<PageDoc>): PageVersion[] {
  const me = Automerge.getActorId(doc)
  const out: PageVersion[] = []
  let open: { actor: string; first: number; last: number; hash: string; changes: number } | undefined
  const close = (): void => {
    if (open) out.push({ version: open.hash, at: new Date(open.last * 1000).toISOString(), changes: open.changes, mine: open.actor === me })
  }
  for (const bytes of Automerge.getAllChanges(doc)) {
    const c = Automerge.decodeChange(bytes)
    if (open && open.actor === c.actor && c.time - open.last <= SESSION_GAP_SECONDS && c.time >= open.last) {
      open.last = c.time
      open.hash = c.hash
      open.changes++
    } else {
      close()
      open = { actor: c.actor, first: c.time, last: c.time, hash: c.hash, changes: 1 }
    }
  }
  close()
  return out.reverse().slice(0, MAX_VERSIONS)
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
