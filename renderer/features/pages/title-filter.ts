/** Pages whose title holds every word typed (any case, any order): the list's and the page picker's filter. */
import type { PageSummary } from '../../../shared/api/pages-api.ts'

export function matchTitles<P extends Pick<PageSummary, 'title'>>(pages: readonly P[], query: string): P[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...pages]
  return pages.filter((p) => {
    const title = p.title.toLowerCase()
    return words.every((w) => title.includes(w))
  })
}

/** Pages carrying every chosen tag. */
export function withTags<P extends Pick<PageSummary, 'tags'>>(pages: readonly P[], tags: readonly string[]): P[] {
  return tags.length === 0 ? [...pages] : pages.filter((p) => tags.every((t) => p.tags.includes(t)))
}
