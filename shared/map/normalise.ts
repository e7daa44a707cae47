/**
 * When two nodes are one (DESIGN.md "Ecosystem map"): the same web address, or the same name
 * and type. These keys say "the same" the way a weaver reads it, not byte for byte:
 * - a url: `http://www.Example.org:80/about/#team` and `https://example.org/about` are one
 *   place (scheme, `www.`, the host's case, a default port, a trailing slash and the fragment
 *   do not count; the path's case and the query do);
 * - a label: "Café  Ünity" and "cafe unity" are one name (Unicode compatibility forms, case,
 *   accents and runs of spaces do not count). The same key finds a node a weaver names by its
 *   label (map-names.ts), so a name the import matched is a name `add-edge` finds; when several
 *   nodes share the key, the one spelt most like the name is meant (closestByLabel).
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

/** A label as written, but for its Unicode form and runs of spaces. */
const spelt = (label: string): string => label.normalize('NFC').replace(/\s+/gu, ' ').trim()

/**
 * Of `nodes` (whose labels have the same labelKey as `name`), those `name` names most closely:
 * the ones spelt the same; else the same but for case; else all of them. "Maria Lopez" names
 * the node "Maria Lopez" rather than "Maria López", and "maria lópez" the other one.
 */
export function closestByLabel<T extends { label: string }>(nodes: readonly T[], name: string): readonly T[] {
  if (nodes.length < 2) return nodes
  const exact = spelt(name)
  const same = nodes.filter((n) => spelt(n.label) === exact)
  if (same.length > 0) return same
  const folded = exact.toLowerCase()
  const cased = nodes.filter((n) => spelt(n.label).toLowerCase() === folded)
  return cased.length > 0 ? cased : nodes
}

/** The key of a node by its name and type. */
export function labelTypeKey(label: string, type: NodeType): string {
  return `${type}\u0000${labelKey(label)}`
}

/** The key of an edge type: "Works with" and "works  with" are one type. */
export function edgeTypeKey(type: string): string {
  return labelKey(type)
}
