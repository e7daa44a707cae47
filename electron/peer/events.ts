import type { PeerEventName, PeerEvents, PeerEventSource } from '../../shared/api/peer-api.ts'

/** A typed event hub for PeerEvents; a throwing listener never stops the others. */
export class PeerEventHub implements PeerEventSource {
  readonly #listeners = new Map<PeerEventName, Set<(payload: never) => void>>()

  on<E extends PeerEventName>(event: E, listener: (payload: PeerEvents[E]) => void): () => void {
    let set = this.#listeners.get(event)
    if (!set) this.#listeners.set(event, (set = new Set()))
    set.add(listener as (payload: never) => void)
    return () => set.delete(listener as (payload: never) => void)
  }

  emit<E extends PeerEventName>(event: E, payload: PeerEvents[E]): void {
    for (const l of this.#listeners.get(event) ?? []) {
      try {
        (l as (p: PeerEvents[E]) => void)(payload)
      } catch {
        // a listener's failure is its own; the peer carries on
      }
    }
  }
}
