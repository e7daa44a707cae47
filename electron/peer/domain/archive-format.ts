/**
 * The export file of a space (DESIGN.md, "Storage and durability"): UTF-8 JSON lines, so that a
 * person can read it with any text tool.
 *
 *   line 1        the manifest: format, version, space id and name, and each document's id,
 *                 collection, heads, SHA-256 and size
 *   then          one line per document: {"doc": id, "data": base64 of its Automerge binary}
 *   then          one line per item, the readable view: {"item": {"collection": ..., ...fields}}
 *   last line     {"end": true, "sha256": hex of every byte before this line}
 *
 * `readArchive` checks the whole file before anything is written: a file cut short has no end
 * line, a changed byte breaks the checksum (or a document's own hash and heads), and a file of
 * another kind fails at its first line. Each refusal says which, in words.
 */
import { createHash } from 'node:crypto'
import * as Automerge from '@automerge/automerge'
import { z } from 'zod'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import { AuthorityDocSchema, type AuthorityDoc } from '../../../shared/schemas/space.ts'

export const ARCHIVE_FORMAT = 'commonweave-space-export'
export const ARCHIVE_VERSION = 1

const DocEntrySchema = z.strictObject({
  id: z.string().min(1).max(100),
  /** The collection it holds items of; null for the authority document and index shards. */
  collection: z.string().max(40).nullable(),
  heads: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(1000),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
})
const ManifestSchema = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.number().int().positive(),
  spaceId: z.string().min(1).max(100),
  name: z.string().max(200),
  exportedAt: z.string(),
  exportedBy: z.string().max(200),
  documents: z.array(DocEntrySchema).min(1),
  items: z.number().int().nonnegative(),
})
export type ArchiveManifest = z.infer<typeof ManifestSchema>
export type ArchiveDocEntry = z.infer<typeof DocEntrySchema>

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex')

/** Writes the archive a piece at a time (each piece a line); `finish` adds the end line with the checksum. */
export class ArchiveWriter {
  readonly #hash = createHash('sha256')
  readonly #parts: Buffer[] = []
  #bytes = 0

  manifest(m: ArchiveManifest): void { this.#line(m) }
  doc(id: string, data: Uint8Array): void { this.#line({ doc: id, data: Buffer.from(data).toString('base64') }) }
  item(view: Record<string, unknown>): void { this.#line({ item: view }) }

  finish(): Buffer {
    const end = Buffer.from(JSON.stringify({ end: true, sha256: this.#hash.digest('hex') }) + '\n')
    return Buffer.concat([...this.#parts, end], this.#bytes + end.byteLength)
  }

  #line(value: unknown): void {
    const b = Buffer.from(JSON.stringify(value) + '\n')
    this.#hash.update(b)
    this.#parts.push(b)
    this.#bytes += b.byteLength
  }
}

/** The entry of one document, as the manifest lists it. */
export function docEntry(id: string, collection: string | null, data: Uint8Array, heads: string[]): ArchiveDocEntry {
  return { id, collection, heads, sha256: sha256(data), bytes: data.byteLength }
}

export interface CheckedArchive {
  manifest: ArchiveManifest
  /** Each document's binary, checked against its hash and heads, in the manifest's order. */
  docs: Map<string, Uint8Array>
  authority: AuthorityDoc
}

/** Reads and checks a whole export file; throws ARCHIVE_INVALID saying what is wrong. */
export function readArchive(file: Uint8Array, name: string): CheckedArchive {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength)
  const firstBreak = buf.indexOf(0x0a)
  const first = parseLine(buf.subarray(0, firstBreak < 0 ? Math.min(buf.length, 4096) : firstBreak))
  if (!isObject(first) || first['format'] !== ARCHIVE_FORMAT) throw invalid(name, `it is not a Commonweave space export (${describe(buf, first)})`)
  if (typeof first['version'] === 'number' && first['version'] > ARCHIVE_VERSION) {
    throw invalid(name, `it was made by a newer Commonweave (format version ${first['version']}; this one reads ${ARCHIVE_VERSION}). Update Commonweave and try again`)
  }
  // The end line: the checksum over everything before it.
  const body = buf.at(-1) === 0x0a ? buf.subarray(0, buf.length - 1) : buf
  const lastBreak = body.lastIndexOf(0x0a)
  const end = lastBreak < 0 ? undefined : parseLine(body.subarray(lastBreak + 1))
  if (!isObject(end) || end['end'] !== true || typeof end['sha256'] !== 'string' || buf.at(-1) !== 0x0a) {
    throw invalid(name, `it is cut short: its last line is not the end of an export (${buf.length} bytes; was the copy complete?)`)
  }
  if (sha256(buf.subarray(0, lastBreak + 1)) !== end['sha256']) throw invalid(name, 'it was altered or damaged: its checksum does not match its contents')
  const manifest = ManifestSchema.safeParse(first)
  if (!manifest.success) throw invalid(name, `its manifest is malformed (${manifest.error.issues[0]?.path.join('.') || 'manifest'}: ${manifest.error.issues[0]?.message})`)
  const m = manifest.data
  const wanted = new Map(m.documents.map((d) => [d.id, d]))
  if (wanted.size !== m.documents.length) throw invalid(name, 'its manifest lists a document twice')
  if (!wanted.has(m.spaceId)) throw invalid(name, 'it does not hold the space\'s authority document')
  const docs = new Map<string, Uint8Array>()
  // Line by line over the bytes: a large export is more than one string can hold.
  let i = 0
  for (let at = firstBreak + 1; at < lastBreak; i++) {
    const next = buf.indexOf(0x0a, at)
    const line = parseLine(buf.subarray(at, next))
    at = next + 1
    if (isObject(line) && 'item' in line) continue
    if (!isObject(line) || typeof line['doc'] !== 'string' || typeof line['data'] !== 'string') throw invalid(name, `line ${i + 2} is neither a document nor an item`)
    const entry = wanted.get(line['doc'])
    if (!entry || docs.has(entry.id)) throw invalid(name, `line ${i + 2} holds a document the manifest does not list once (${line['doc'].slice(0, 40)})`)
    const data = new Uint8Array(Buffer.from(line['data'], 'base64'))
    if (data.byteLength !== entry.bytes || sha256(data) !== entry.sha256) throw invalid(name, `document ${entry.id} does not match its hash in the manifest`)
    let heads: string[]
    try {
      heads = Automerge.getHeads(Automerge.load(data))
    } catch {
      throw invalid(name, `document ${entry.id} is not a readable Automerge document`)
    }
    if (heads.length !== entry.heads.length || heads.some((h) => !entry.heads.includes(h))) throw invalid(name, `document ${entry.id} does not have the heads the manifest lists`)
    docs.set(entry.id, data)
  }
  const missing = m.documents.filter((d) => !docs.has(d.id))
  if (missing.length > 0) throw invalid(name, `${missing.length} document${missing.length === 1 ? '' : 's'} listed in its manifest ${missing.length === 1 ? 'is' : 'are'} not in it`)
  const authority = AuthorityDocSchema.safeParse(Automerge.load(docs.get(m.spaceId)!))
  if (!authority.success) throw invalid(name, 'its authority document is not a valid Commonweave space')
  return { manifest: m, docs, authority: authority.data }
}

function parseLine(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown
  } catch {
    return undefined
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** What a foreign file looks like, for the refusal. */
function describe(buf: Buffer, first: unknown): string {
  if (buf.length === 0) return 'it is empty'
  if (buf.subarray(0, 2).toString('latin1') === 'PK') return 'it looks like a zip file'
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'it looks like a PDF'
  if (isObject(first) && first['format'] === undefined && Object.keys(first).length > 0) return 'it is JSON, but not an export'
  return first === undefined ? 'its first line is not JSON' : 'it is JSON, but not an export'
}

function invalid(name: string, reason: string): CommonweaveError {
  return new CommonweaveError(ErrorCode.ArchiveInvalid, `${name} cannot be imported: ${reason}. Nothing was changed.`)
}
