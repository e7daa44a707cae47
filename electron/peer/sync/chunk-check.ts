/**
 * Is a stored Automerge chunk whole? Every chunk starts with a header: 4 magic bytes, a 4-byte
 * checksum (the first bytes of the SHA-256 of what follows it up to the chunk's end), a type
 * byte and the length of the data as a LEB128 number. A file holds one chunk or several in a
 * row. Checking the header and checksum of each catches a file that is truncated, overwritten
 * or filled with garbage, for the cost of one hash, before Automerge loads it: Automerge loads a
 * damaged chunk partly, or not at all, and then cannot sync the document either.
 *
 * A compressed change (type 2) carries the checksum of its uncompressed form; only its header
 * and length are checked.
 */
import { createHash } from 'node:crypto'

const MAGIC = [0x85, 0x6f, 0x4a, 0x83]
const COMPRESSED_CHANGE = 2
const KNOWN_TYPES = new Set([0, 1, COMPRESSED_CHANGE])

/** Why the bytes are not a sequence of whole Automerge chunks, or undefined when they are. */
export function chunkDamage(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'the file is empty'
  let at = 0
  while (at < bytes.length) {
    if (bytes.length - at < 10 || !MAGIC.every((b, i) => bytes[at + i] === b)) return `no Automerge chunk header at byte ${at}`
    const type = bytes[at + 8]!
    if (!KNOWN_TYPES.has(type)) return `unknown chunk type ${type} at byte ${at}`
    const len = readLeb(bytes, at + 9)
    if (len === undefined) return `a damaged chunk length at byte ${at}`
    const end = len.next + len.value
    if (end > bytes.length) return `cut short: a chunk at byte ${at} needs ${end - bytes.length} more bytes`
    if (type !== COMPRESSED_CHANGE) {
      const sum = createHash('sha256').update(bytes.subarray(at + 8, end)).digest()
      if (!sum.subarray(0, 4).every((b, i) => bytes[at + 4 + i] === b)) return `bad checksum of the chunk at byte ${at}`
    }
    at = end
  }
  return undefined
}

function readLeb(bytes: Uint8Array, from: number): { value: number; next: number } | undefined {
  let value = 0
  for (let i = 0, at = from; i < 8 && at < bytes.length; i++, at++) {
    const b = bytes[at]!
    value += (b & 0x7f) * 2 ** (7 * i)
    if ((b & 0x80) === 0) return { value, next: at + 1 }
  }
  return undefined
}
