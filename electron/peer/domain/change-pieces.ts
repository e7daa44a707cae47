/**
 * How a batch of writes to one document is cut into changes. Making an Automerge change costs
 * in proportion to what it holds, all in one go (and its copy is then the document, see
 * durable-change.ts): a change of 128 map nodes held the event loop for a few hundred ms on a
 * busy machine, one of 16 about 30 ms. So a change holds at most MAX_CHANGE_ITEMS writes and,
 * past the first, at most MAX_CHANGE_BYTES of them as JSON (a few items with long texts are
 * as costly as many short ones). A write of one item is one change, as before.
 *
 * Each piece is made on its own copy of the document, and a copy costs in proportion to the
 * document (a copy of 10,000 items and its first change about 170 ms). So a document larger
 * than WHOLE_ABOVE items (the one-map layout S8 compares against; a shard a guest filled past
 * its size) takes a batch as one change: pieces would cost more than they save.
 */
export const MAX_CHANGE_ITEMS = 16
export const MAX_CHANGE_BYTES = 8_000
export const WHOLE_ABOVE = 1_024

/** A write to a document: what it does, and how large it is (its value as JSON). */
export interface PieceWrite<D> { apply: (doc: D) => void; bytes: number }

/** The writes to a document of `holds` items as the changes that make them, in order: each a function applying its writes. */
export function changePieces<D>(writes: ReadonlyArray<PieceWrite<D>>, holds: number): Array<(doc: D) => void> {
  return groups(writes, holds > WHOLE_ABOVE).map((g) => (doc: D) => {
    for (const w of g) w.apply(doc)
  })
}

function groups<W extends { bytes: number }>(writes: readonly W[], whole: boolean): W[][] {
  if (whole) return writes.length > 0 ? [[...writes]] : []
  const out: W[][] = []
  let group: W[] = []
  let bytes = 0
  for (const w of writes) {
    if (group.length > 0 && (group.length >= MAX_CHANGE_ITEMS || bytes + w.bytes > MAX_CHANGE_BYTES)) {
      out.push(group)
      group = []
      bytes = 0
    }
    group.push(w)
    bytes += w.bytes
  }
  if (group.length > 0) out.push(group)
  return out
}

/** How large a value is as JSON (what a piece is measured by). */
export function jsonBytes(value: unknown): number {
  return JSON.stringify(value)?.length ?? 0
}
