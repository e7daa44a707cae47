/**
 * Enough of source maps (version 3) to name a place in the built renderer: the source file,
 * line and name a generated line and column came from. For S13's CPU profiles, so the
 * minified bundle's functions read as the renderer's own (no dependency for ~50 lines).
 */

export interface RawSourceMap { sources: string[]; names: string[]; mappings: string }
export interface Origin { source: string; line: number; name: string | null }

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const DIGIT = new Map([...B64].map((c, i) => [c, i]))

/** The base64 VLQ numbers of one segment. */
function decodeSegment(segment: string): number[] {
  const out: number[] = []
  let value = 0
  let shift = 0
  for (const c of segment) {
    const d = DIGIT.get(c)!
    value += (d & 31) << shift
    if (d & 32) {
      shift += 5
      continue
    }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1)
    value = 0
    shift = 0
  }
  return out
}

type Segment = [genCol: number, source: number, line: number, name: number]

/** Looks up generated positions (both 0-based) in `map`. */
export function sourceMapLookup(map: RawSourceMap): (line: number, column: number) => Origin | null {
  const lines: Segment[][] = []
  let source = 0
  let origLine = 0
  let name = -1
  for (const text of map.mappings.split(';')) {
    const segs: Segment[] = []
    let col = 0
    for (const raw of text.split(',')) {
      if (!raw) continue
      const f = decodeSegment(raw)
      col += f[0]!
      if (f.length < 4) continue
      source += f[1]!
      // f[3], the source column, is not needed to name a place.
      origLine += f[2]!
      let named = -1
      if (f.length >= 5) {
        name += f[4]!
        named = name
      }
      segs.push([col, source, origLine, named])
    }
    lines.push(segs)
  }
  return (line, column) => {
    const segs = lines[line]
    if (!segs?.length) return null
    // The last segment starting at or before the column (segments are in column order).
    let lo = 0
    let hi = segs.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (segs[mid]![0] <= column) lo = mid
      else hi = mid - 1
    }
    const s = segs[lo]!
    if (s[0] > column) return null
    return { source: map.sources[s[1]] ?? '?', line: s[2] + 1, name: s[3] >= 0 ? map.names[s[3]] ?? null : null }
  }
}
