/**
 * Links between pages. A link is a `link` mark whose href names a page: `page:<id>` once it
 * resolved to a page when written (by id, so renaming the page keeps it working), or
 * `page-title:<title>` when no page had that title yet (it resolves by title when one does).
 * Text typed as `[[Title]]` that never became a mark (pasted, or written by another client)
 * counts too, by title or id.
 *
 * Pure functions: the store resolves titles against the pages of the space.
 */

export const PAGE_HREF = 'page:'
export const PAGE_TITLE_HREF = 'page-title:'

/** Addresses a link may lead to: the web, mail, and pages. Anything else (`javascript:`, `data:`, `file:`) is shown as text. */
const SAFE_HREF = /^(https?:\/\/|mailto:|page:|page-title:)/i

/** Whether an href from a page (typed, imported or written by a peer) may be a link. */
export function isSafeHref(href: string): boolean {
  return SAFE_HREF.test(href.trim())
}

/** What a link names: a page id, or a title to look up. */
export type LinkTarget = { id: string } | { title: string }

/** A `[[target]]` or `[[target|text]]` written as plain text. */
export const WIKI_LINK = /\[\[([^[\]|\n]{1,200})(?:\|([^[\]\n]{0,200}))?\]\]/g

/** The href a wiki link gets: by id where the target resolves now, else by title. */
export function pageHref(target: LinkTarget): string {
  return 'id' in target ? `${PAGE_HREF}${target.id}` : `${PAGE_TITLE_HREF}${encodeURIComponent(target.title)}`
}

/** The page an href names, or null for any other link (a web address). */
export function targetOfHref(href: string): LinkTarget | null {
  if (href.startsWith(PAGE_HREF)) {
    const id = href.slice(PAGE_HREF.length)
    return id.length > 0 && id.length <= 128 ? { id } : null
  }
  if (href.startsWith(PAGE_TITLE_HREF)) {
    let title: string
    try {
      title = decodeURIComponent(href.slice(PAGE_TITLE_HREF.length))
    } catch {
      return null
    }
    return title.trim() === '' ? null : { title }
  }
  return null
}

/** A title as links compare it: case, spacing and Unicode form do not matter. */
export function titleKey(title: string): string {
  return title.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase()
}

/** The href held in an Automerge `link` mark value (JSON `{href, title}`, as @automerge/prosemirror writes it). */
export function hrefOfMark(value: unknown): string | null {
  if (typeof value !== 'string') return null
  try {
    const parsed = JSON.parse(value) as { href?: unknown }
    return typeof parsed?.href === 'string' ? parsed.href : null
  } catch {
    return null
  }
}

/** The `link` mark value for an href. */
export function linkMark(href: string): string {
  return JSON.stringify({ href, title: null })
}

/** Every wiki link written as plain text in `text`. */
export function wikiLinksIn(text: string): LinkTarget[] {
  const out: LinkTarget[] = []
  for (const m of text.matchAll(WIKI_LINK)) out.push({ title: m[1]!.trim() })
  return out
}
