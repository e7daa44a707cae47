/**
 * Automerge's WebAssembly and its JS glue compile lazily, on first use of each path: the first
 * load of a document costs 60–80 ms here, the next under 2 ms. Paid in the middle of a join,
 * that is the longest stall of the whole join. So a peer pays it right after start-up, in the
 * background, one path per turn of the event loop (so no single turn stalls for long), before
 * anyone can have asked it to join.
 */
import * as Automerge from '@automerge/automerge'

type Shape = { m: Record<string, string>; l: string[] }

/** Compiles Automerge's common paths, one per turn of the event loop; resolves when done. */
export async function warmUpAutomerge(): Promise<void> {
  const ids = Array.from({ length: 64 }, (_, i) => `warm-up-document-id-${i}`)
  const turn = (): Promise<void> => new Promise((r) => setImmediate(r))
  const doc = Automerge.change(Automerge.from<Shape>({ m: { a: 'b' }, l: [] }), (d) => { d.l.push(...ids) })
  await turn()
  const bytes = Automerge.save(doc)
  await turn()
  Automerge.load<Shape>(bytes)
  await turn()
  Automerge.loadIncremental(Automerge.init<Shape>(), bytes)
  await turn()
  Automerge.getHeads(Automerge.merge(Automerge.init<Shape>(), doc))
}
