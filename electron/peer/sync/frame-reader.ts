/** Length-prefixed frames read from a libp2p stream, for the small protocols beside sync (hello, join). */
import type { Stream } from '@libp2p/interface'
import { FrameDecoder } from './frame-codec.ts'

/** Frames from a stream; the stream is aborted when `signal` fires while frames are still being read. */
export async function* readFrames(stream: Stream, maxFrameBytes: number, signal: AbortSignal): AsyncGenerator<Uint8Array> {
  const decoder = new FrameDecoder({ maxFrameBytes })
  const onAbort = (): void => stream.abort(new Error('timed out'))
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    for await (const chunk of stream) yield* decoder.decode(chunk)
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}
