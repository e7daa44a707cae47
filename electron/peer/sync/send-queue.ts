/**
 * The sending side of one sync link: frames queued in one tick go out coalesced into one
 * `send`; there is a single writer, which waits for `drain` when the stream asks it to; a link
 * that would hold more than `maxBytes` (queued here or still buffered by the stream) is refused
 * the frame rather than buffered without limit. Nothing is written before `start` gives the
 * stream, nor after `close`.
 */
import type { Stream } from '@libp2p/interface'
import { Uint8ArrayList } from 'uint8arraylist'

export class SendQueue {
  readonly #maxBytes: number
  readonly #onFailed: (err: unknown) => void
  #frames: Uint8Array[] = []
  #bytes = 0
  #stream: Stream | undefined
  #flushing = false
  #scheduled = false
  #closed = false

  /** `onFailed` hears of a send that failed; the queue is then of no more use. */
  constructor(maxBytes: number, onFailed: (err: unknown) => void) {
    this.#maxBytes = maxBytes
    this.#onFailed = onFailed
  }

  /** Bytes held for this peer: queued here, and buffered by the stream. */
  get held(): number {
    return this.#bytes + (this.#stream?.writeBufferLength ?? 0)
  }

  /** Queues a frame; false (and nothing queued) when that would hold more than `maxBytes`. */
  push(frame: Uint8Array): boolean {
    if (this.held + frame.byteLength > this.#maxBytes) return false
    this.#frames.push(frame)
    this.#bytes += frame.byteLength
    this.#schedule()
    return true
  }

  /** Starts writing to `stream`, `first` before everything queued so far (the handshake). */
  start(stream: Stream, first: Uint8Array): void {
    this.#stream = stream
    this.#frames.unshift(first)
    this.#bytes += first.byteLength
    this.#schedule()
  }

  /** Drops what is queued; nothing more is written. */
  close(): void {
    this.#closed = true
    this.#frames = []
    this.#bytes = 0
  }

  #schedule(): void {
    if (this.#scheduled || this.#flushing) return
    this.#scheduled = true
    queueMicrotask(() => {
      this.#scheduled = false
      void this.#flush()
    })
  }

  /** The only writer of the stream: everything queued goes out in one `send`, then it waits for `drain` if asked. */
  async #flush(): Promise<void> {
    const stream = this.#stream
    if (stream === undefined || this.#flushing || this.#closed) return
    this.#flushing = true
    try {
      while (!this.#closed && this.#frames.length > 0) {
        const batch = new Uint8ArrayList()
        for (const frame of this.#frames) batch.append(frame)
        this.#frames = []
        this.#bytes = 0
        if (!stream.send(batch)) await stream.onDrain()
      }
    } catch (err) {
      this.#onFailed(err)
    } finally {
      this.#flushing = false
    }
  }
}
