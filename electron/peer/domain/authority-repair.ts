/**
 * Writing a space's last valid state back over the fields of its authority document that fail
 * the schema. Records of independent entries (the roster, the inline index, the envelopes) are
 * repaired entry by entry, so a repair never undoes a concurrent, valid change to another entry.
 */
import type { AuthorityState } from './membership.ts'

/** Fields that are records of independent entries: repaired entry by entry. */
const RECORD_FIELDS = new Set(['roster', 'collections', 'grants', 'revocations'])

/** The fields (or record entries) that schema issues point at, each as a path of one or two keys. */
export function brokenFields(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey> }>): string[][] {
  const seen = new Map<string, string[]>()
  for (const issue of issues) {
    const path = issue.path.slice(0, RECORD_FIELDS.has(String(issue.path[0])) ? 2 : 1).map(String)
    if (path.length > 0 && path[0] !== '') seen.set(path.join('\u0000'), path)
  }
  return [...seen.values()]
}

/** Writes `valid`'s values over the broken fields of a document being changed; a value `valid` lacks is removed. */
export function restoreFields(doc: Record<string, unknown>, valid: AuthorityState, fields: readonly string[][]): void {
  const last = { ...valid, schemaVersion: 1, type: 'space-authority' } as Record<string, unknown>
  for (const [field, key] of fields) {
    if (field === undefined) continue
    const target = doc[field]
    if (key === undefined || typeof target !== 'object' || target === null) restore(doc, last, field)
    else restore(target as Record<string, unknown>, (last[field] ?? {}) as Record<string, unknown>, key)
  }
}

function restore(target: Record<string, unknown>, from: Record<string, unknown>, key: string): void {
  if (from[key] === undefined) delete target[key]
  else target[key] = structuredClone(from[key])
}
