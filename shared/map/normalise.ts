/**
 * When two nodes are one (DESIGN.md "Ecosystem map"): the same web address, or the same name
 * and type. These keys say "the same" the way a weaver reads it, not byte for byte:
 * - a url: `http://www.Example.org:80/about/#team` and `https://example.org/about` are one
 *   place (scheme, `www.`, the host's case, a default port, a trailing slash and the fragment
 *   do not count; the path's case and the query do);
 * - a label: "Café  Ünity" and "cafe unity" are one name (Unicode compatibility forms, case,
 *   accents and runs of spaces do not count).
 */
import type { NodeType } from '../schemas/map.ts'

/** The key of a web address, or null when `raw` is not one. */
export function urlKey(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null
  let u: URL
  try {
    u = new URL(raw.trim())
  } catch {
    return null
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null
  // URL lower-cases the host and drops a port that is the default of its own scheme; a
  // default port of the other scheme (https on :80) is dropped too, as the scheme is.
  const port = u.port === '80' || u.port === '443' ? '' : u.port
  const host = u.hostname.replace(/^www\./, '') + (port ? `:${port}` : '')
  const path = u.pathname.replace(/\/+$/, '')
  return `${host}${path}${u.search}`
}

/** The key of a name: compatibility forms folded, accents left out, lower case, spaces made one. */
export function labelKey(label: string): string {
  return label.normalize('NFKC').normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()
    .replace(/\s+/gu, ' ').trim().normalize('NFC')
}

/** The key of a node by its name and type. */
export function labelTypeKey(label: string, type: NodeType): string {
  return `${type}\u0000${labelKey(label)}`
}

/** The key of an edge type: "Works with" and "works  with" are one type. */
export function edgeTypeKey(type: string): string {
  return labelKey(type)
}
