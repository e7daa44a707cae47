/**
 * The app's store and feeds over a stand-in peer, for a slice's tests: the operations a test
 * gives answer as it says, every other call the frame makes answers empty; the events and the
 * connection are the test's to raise. The feeds are stopped after each test.
 */
import { afterEach } from 'vitest'
import type { PeerApi, PeerEventName } from '../../shared/api/peer-api.ts'
import { startFeeds } from '../../renderer/app/feeds.ts'
import type { PeerBridge } from '../../renderer/bridge/peer-bridge.ts'
import type { Notice } from '../../renderer/store/app-state.ts'
import { createAppStore } from '../../renderer/store/store.ts'

/** Feeds still running: stopped after each test, even one that failed half-way (their timers run on). */
const running: Array<() => void> = []
afterEach(() => { for (const stop of running.splice(0)) stop() })

export function standInFrame(answers: Partial<PeerApi>, notices: Notice[]) {
  const api = new Proxy(answers, { get: (t, op: string) => t[op as keyof PeerApi] ?? (async () => (op === 'status' ? { did: 'did:key:zA' } : { items: [], total: 0 })) }) as PeerApi
  let emit: (e: PeerEventName, p: unknown) => void = () => {}
  let connect: (on: boolean) => void = () => {}
  const bridge: PeerBridge = {
    api,
    onEvent: (l) => { emit = l as typeof emit; return () => {} },
    onConnection: (l) => { connect = l; return () => {} },
  }
  const store = createAppStore({ api, notify: (n) => notices.push(n) })
  const stop = startFeeds(bridge, store)
  running.push(stop)
  connect(true)
  return { store, stop, emit: (e: PeerEventName, p: unknown) => emit(e, p) }
}
