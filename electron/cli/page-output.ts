/** Human renderings of knowledge pages for the CLI: a list with tags, a page as markdown with its links and backlinks. */
import type { ImportPagesResult, PageList, PageVersionView, PageView } from '../../shared/api/pages-api.ts'
import { when } from './resource-output.ts'

const short = (id: string): string => id.slice(0, 8)
/** A neutralised text's line breaks (shown as `\x0a` by safe-text) as real ones: only this module starts a line. */
const lines = (text: string): string => text.split('\\x0a').join('\n')
const tagWords = (tags: string[]): string => (tags.length > 0 ? `  #${tags.join(' #')}` : '')

export function pageLines(list: PageList): string {
  const syncing = list.syncing > 0 ? `\n(${list.syncing} more page${list.syncing === 1 ? '' : 's'} still syncing)` : ''
  if (list.pages.length === 0) return `No pages. "commonweave page create SPACE --title T --text MARKDOWN" makes one.${syncing}`
  const rows = list.pages.map((p) => `${short(p.id)}  ${p.title}${tagWords(p.tags)}  changed ${when(p.updatedAt)}${p.backlinkCount > 0 ? `  ← ${p.backlinkCount}` : ''}`)
  const tags = list.tags.length > 0 ? `\nTags: ${list.tags.map((t) => `#${t.tag} (${t.pages})`).join(', ')}` : ''
  return rows.join('\n') + tags + syncing
}

export function pageBlock(p: PageView): string {
  const head = [
    `${p.title}${tagWords(p.tags)}`,
    `id ${p.id} · by ${p.createdByName ?? p.createdBy} · changed ${when(p.updatedAt)}${p.may.edit ? '' : ' · read-only here'}`,
    ...(p.version ? [`(as it was at version ${p.version.slice(0, 12)}; "page restore … --version ${p.version.slice(0, 12)}…" brings it back)`] : []),
    '',
  ]
  const body = p.markdown.trim() === '' ? '(empty)' : lines(p.markdown)
  const links = p.links.length > 0 ? `\n\nLinks to: ${p.links.map((l) => (l.id ? l.title : l.gone ? `(${l.title})` : `${l.title} (no page yet)`)).join(', ')}` : ''
  const back = p.backlinks.length > 0 ? `\nLinked from: ${p.backlinks.map((b) => b.title).join(', ')}` : ''
  return head.join('\n') + body + links + back
}

export const pageSaved = (verb: string, p: PageView): string => `${verb} page "${p.title}" (${short(p.id)}).`

export function pagesImported(r: ImportPagesResult): string {
  const made = `Made ${r.created.length} page${r.created.length === 1 ? '' : 's'}${r.created.length > 0 ? ':' : '.'}`
  const created = r.created.map((c) => `  ${short(c.id)}  ${c.title}  (${c.file})`)
  const skipped = r.skipped.length > 0 ? [`Skipped ${r.skipped.length}:`, ...r.skipped.map((s) => `  ${s.file}: ${s.reason}`)] : []
  return [made, ...created, ...skipped].join('\n')
}

export function pageVersionLines(h: { versions: PageVersionView[] }): string {
  if (h.versions.length === 0) return 'No versions.'
  return h.versions.map((v) => `${v.version}  ${when(v.at)}  ${v.changes} change${v.changes === 1 ? '' : 's'}${v.mine ? '  (this peer)' : ''}`).join('\n')
}
