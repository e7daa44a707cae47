/**
 * Length-prefixed framing for `/commonweave/sync/1.0.0`: an unsigned LEB128 varint of at most
 * five bytes giving the payload length, then the payload.
 *
 * Invariants of {@link FrameDecoder}:
 * - A length prefix is checked against `maxFrameBytes` as soon as the varint is complete, before
 *   any byte of the body is allocated or kept.
 * - It never holds more than `maxFrameBytes + 5` bytes: at most one partial body (sized exactly
 *   to its declared length) plus at most five header bytes, which are folded into a number.
 * - After it throws once, it is poisoned: every later call throws the same error. Input from a
 *   peer that broke the framing once is never interpreted again.
 */
import type { Uint8ArrayList } from 'uint8arraylist'
import { ProtocolError } from './protocol-error.ts'

/** At most five varint bytes: 35 bits, far above any sane cap. */
export const MAX_VARINT_BYTES = 5

export const FrameErrorCode = {
  TooLarge: 'FRAME_TOO_LARGE',
  Malformed: 'FRAME_MALFORMED',
  Truncated: 'FRAME_TRUNCATED',
} as const
export type FrameErrorCode = (typeof FrameErrorCode)[keyof typeof FrameErrorCode]

/** A framing violation. */
export class FrameError extends ProtocolError<FrameErrorCode> {}

export interface FrameDecoderOptions {
  /** Largest payload accepted, in bytes. A longer prefix throws `FRAME_TOO_LARGE`. */
  maxFrameBytes: number
}

/** The varint bytes that encode `n` (a non-negative safe integer below 2^35). */
function encodeVarint(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 2 ** (7 * MAX_VARINT_BYTES)) {
    throw new FrameError(FrameErrorCode.TooLarge, `cannot encode a length of ${n}`)
  }
  const out: number[] = []
  let rest = n
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80)
    rest = Math.floor(rest / 0x80)
  }
  out.push(rest)
  return Uint8Array.from(out)
}

/**
 * One frame: the varint length of `payload`, then `payload`, in one new buffer.
 * Throws `FRAME_TOO_LARGE` when the length does not fit in five varint bytes.
 */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  const header = encodeVarint(payload.byteLength)
  const frame = new Uint8Array(header.byteLength + payload.byteLength)
  frame.set(header, 0)
  frame.set(payload, header.byteLength)
  return frame
}

/**
 * Incremental decoder: feed it chunks as they arrive, in order, and it yields each complete
 * payload. A payload that lies whole inside one chunk is yielded as a view of that chunk
 * without copying; one that spans chunks is copied into a buffer of exactly its length.
 */
export class FrameDecoder {
  readonly maxFrameBytes: number
  #headerValue = 0
  #headerBytes = 0
  /** The body being filled, once its length is known and accepted. */
  #body: Uint8Array | undefined
  #bodyFilled = 0
  #failed: FrameError | undefined

  constructor(opts: FrameDecoderOptions) {
    if (!Number.isSafeInteger(opts.maxFrameBytes) || opts.maxFrameBytes < 0) {
      throw new RangeError('maxFrameBytes must be a non-negative integer')
    }
    this.maxFrameBytes = opts.maxFrameBytes
  }

  /** Bytes currently held for a partial frame (header bytes are counted too). */
  get bufferedBytes(): number {
    return this.#headerBytes + this.#bodyFilled
  }

  /** True between frames: nothing partial is held. */
  get idle(): boolean {
    return this.#headerBytes === 0 && this.#body === undefined
  }

  /**
   * Feeds one chunk and yields every frame it completes. Throws {@link FrameError} on a
   * prefix above `maxFrameBytes` or a varint longer than five bytes; frames completed before
   * the bad prefix have been yielded already.
   */
  *decode(chunk: Uint8Array | Uint8ArrayList): Generator<Uint8Array, void, undefined> {
    if (this.#failed !== undefined) throw this.#failed
    if (chunk instanceof Uint8Array) {
      yield* this.#decodeBuffer(chunk)
    } else {
      for (const buf of chunk) yield* this.#decodeBuffer(buf)
    }
  }

  /** Call when the input ended. Throws `FRAME_TRUNCATED` if a frame was left incomplete. */
  end(): void {
    if (this.#failed !== undefined) throw this.#failed
    if (!this.idle) {
      this.#fail(FrameErrorCode.Truncated, `input ended inside a frame (${this.bufferedBytes} bytes held)`)
    }
  }

  *#decodeBuffer(buf: Uint8Array): Generator<Uint8Array, void, undefined> {
    let pos = 0
    while (pos < buf.byteLength) {
      if (this.#body === undefined) {
        // Header: fold each byte into a number; nothing is buffered.
        const byte = buf[pos++] as number
        this.#headerValue += (byte & 0x7f) * 2 ** (7 * this.#headerBytes)
        this.#headerBytes++
        if (byte & 0x80) {
          if (this.#headerBytes >= MAX_VARINT_BYTES) {
            this.#fail(FrameErrorCode.Malformed, `length prefix longer than ${MAX_VARINT_BYTES} bytes`)
          }
          continue
        }
        const length = this.#headerValue
        if (length > this.maxFrameBytes) {
          this.#fail(FrameErrorCode.TooLarge, `frame of ${length} bytes exceeds the cap of ${this.maxFrameBytes}`)
        }
        this.#headerValue = 0
        this.#headerBytes = 0
        if (buf.byteLength - pos >= length) {
          const frame = buf.subarray(pos, pos + length)
          pos += length
          yield frame
          continue
        }
        this.#body = new Uint8Array(length)
        this.#bodyFilled = 0
        continue
      }
      const body = this.#body
      const take = Math.min(body.byteLength - this.#bodyFilled, buf.byteLength - pos)
      body.set(buf.subarray(pos, pos + take), this.#bodyFilled)
      this.#bodyFilled += take
      pos += take
      if (this.#bodyFilled === body.byteLength) {
        this.#body = undefined
        this.#bodyFilled = 0
        yield body
      }
    }
  }

  #fail(code: FrameErrorCode, message: string): never {
    this.#body = undefined
    this.#bodyFilled = 0
    this.#headerBytes = 0
    this.#headerValue = 0
    this.#failed = new FrameError(code, message)
    throw this.#failed
  }
}
