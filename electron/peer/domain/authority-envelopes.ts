/** The signed envelopes an authority document carries, read defensively (the document may be damaged). */
import type { DocEnvelopes } from '../consent/consent.ts'

/** The grants and revocations an authority document holds, taken entry by entry (a damaged document still carries good ones). */
export function envelopesIn(raw: unknown): DocEnvelopes {
  const pick = (v: unknown): Record<string, Uint8Array> | undefined => {
    if (typeof v !== 'object' || v === null) return undefined
    const out: Record<string, Uint8Array> = {}
    for (const [id, bytes] of Object.entries(v)) if (bytes instanceof Uint8Array) out[id] = bytes
    return out
  }
  const doc = raw as { grants?: unknown; revocations?: unknown }
  const grants = pick(doc.grants)
  const revocations = pick(doc.revocations)
  return { ...(grants ? { grants } : {}), ...(revocations ? { revocations } : {}) }
}
