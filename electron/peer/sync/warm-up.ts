import * as Automerge from '@automerge/automerge'

/**
 * Automerge's WebAssembly and its JS glue compile lazily, on first use of each path: the first
 * load of a document with a long list costs ~80 ms here, the next ~20 ms. Pay that at start-up
 * with a small document of the same shapes, not in the middle of the first sync, where it
 * would stall the event loop.
 */
export function warmUpAutomerge(): void {
  const ids = Array.from({ length: 64 }, (_, i) => `warm-up-document-id-${i}`)
  const doc = Automerge.change(Automerge.from<{ m: Record<string, string>; l: string[] }>({ m: { a: 'b' }, l: [] }), (d) => { d.l.push(...ids) })
  const bytes = Automerge.save(doc)
  Automerge.load(bytes)
  Automerge.loadIncremental(Automerge.init(), bytes)
}
