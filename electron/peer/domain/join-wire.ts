/**
 * The wire format of `/commonweave/join/1.0.0`, shared by both ends: length-prefixed frames;
 * a JSON request; a JSON reply header; then, on success, one frame per document holding its
 * saved Automerge binary, the authority document first.
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { Stream } from '@libp2p/interface'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import { encodeFrame } from '../sync/frame-codec.ts'
import { readFrames } from '../sync/frame-reader.ts'
export { readFrames }

export const JOIN_PROTOCOL = '/commonweave/join/1.0.0'
export const MAX_REQUEST_BYTES = 16 * 1024
export const MAX_DOC_BYTES = 64 * 1024 * 1024
export const MAX_SPACE_BYTES = 1024 * 1024 * 1024
export const MAX_DOCS = 100_000
export const REQUEST_TIMEOUT_MS = 10_000
/** Many small documents travel as a few large writes: each send costs a Noise and a Yamux frame. */
export const SEND_CHUNK_BYTES = 256 * 1024
/** Every saved Automerge document starts with these magic bytes. */
const AUTOMERGE_MAGIC = [0x85, 0x6f, 0x4a, 0x83]

export const JoinRequestSchema = z.strictObject({
  v: z.literal(1),
  space: z.string().min(1).max(100),
  secret: z.string().min(1).max(100),
  name: z.string().max(120),
})
export type JoinRequest = z.infer<typeof JoinRequestSchema>

export const JoinReplySchema = z.union([
  z.strictObject({ v: z.literal(1), ok: z.literal(true), space: z.string(), docs: z.array(z.string().max(100)).min(1).max(MAX_DOCS) }),
  z.strictObject({ v: z.literal(1), ok: z.literal(false), error: z.object({ code: z.string().max(40), message: z.string().max(1000) }) }),
])

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

export function isAutomergeDocument(bytes: Uint8Array): boolean {
  return bytes.byteLength > AUTOMERGE_MAGIC.length && AUTOMERGE_MAGIC.every((b, i) => bytes[i] === b)
}

export function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.byteLength
  }
  return out
}

export function jsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value))
}

export function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new CommonweaveError(ErrorCode.BadRequest, 'not JSON')
  }
}

export async function nextFrame(frames: AsyncIterator<Uint8Array>, whatWentWrong: string): Promise<Uint8Array> {
  const next = await frames.next()
  if (next.done) throw new CommonweaveError(ErrorCode.BadRequest, whatWentWrong)
  return next.value
}

/** Reads a stream's one request frame within REQUEST_TIMEOUT_MS and checks it against `schema` (`what` names it in errors). */
export async function readRequest<T>(stream: Stream, schema: z.ZodType<T>, maxBytes: number, what: string): Promise<T> {
  const timer = new AbortController()
  const t = setTimeout(() => timer.abort(), REQUEST_TIMEOUT_MS)
  try {
    const frames = readFrames(stream, maxBytes, timer.signal)
    const parsed = schema.safeParse(parseJson(await nextFrame(frames, `no ${what}`)))
    if (!parsed.success) throw new CommonweaveError(ErrorCode.BadRequest, `malformed ${what}`)
    return parsed.data
  } finally {
    clearTimeout(t)
  }
}

/** Sends each payload as a frame, gathered into writes of about SEND_CHUNK_BYTES. */
export async function sendFrames(payloads: Iterable<Uint8Array>, send: (bytes: Uint8Array) => Promise<void>): Promise<void> {
  let batch: Uint8Array[] = []
  let batchBytes = 0
  for (const payload of payloads) {
    const frame = encodeFrame(payload)
    batch.push(frame)
    batchBytes += frame.byteLength
    if (batchBytes >= SEND_CHUNK_BYTES) {
      await send(concat(batch, batchBytes))
      batch = []
      batchBytes = 0
    }
  }
  if (batchBytes > 0) await send(concat(batch, batchBytes))
}
