/**
 * A peer host run in this process over an in-memory channel, for tests: messages are
 * structured-cloned and delivered on a later turn, as Electron's utility-process messages are.
 */
import { createPeer } from '../../electron/peer/create-peer.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import { runPeerHost } from '../../electron/peer-host/host.ts'
import type { FromHost, HostPort, ToHost } from '../../electron/peer-host/protocol.ts'
import { PeerProcess, type HostChannel, type StartOptions } from '../../electron/main/peer-process.ts'

export interface ChannelPair { main: HostChannel; host: HostPort; exited: Promise<number>; exit(code: number): void }

export function channelPair(): ChannelPair {
  const toHost = new Set<(m: ToHost) => void>()
  const toMain = new Set<(m: FromHost) => void>()
  const onExit = new Set<(code: number) => void>()
  let exit: (code: number) => void = () => {}
  const exited = new Promise<number>((res) => { exit = res })
  return {
    main: {
      postMessage: (m) => { const c = structuredClone(m); setImmediate(() => { for (const l of toHost) l(c) }) },
      onMessage: (l) => { toMain.add(l) },
      onExit: (l) => { onExit.add(l) },
    },
    host: {
      postMessage: (m) => { const c = structuredClone(m); setImmediate(() => { for (const l of toMain) l(c) }) },
      onMessage: (l) => { toHost.add(l) },
    },
    exited,
    exit: (code) => setImmediate(() => {
      exit(code)
      for (const l of onExit) l(code)
    }),
  }
}

/** A real peer (createPeer) in a host, and main's PeerProcess for it. */
export function startHost(options: StartOptions): { peer: PeerProcess; exited: Promise<number> } {
  const pair = channelPair()
  runPeerHost(pair.host, { createPeer, log: createLogger(LogLevel.Silent), exit: pair.exit })
  return { peer: new PeerProcess(pair.main, options), exited: pair.exited }
}

/** Loopback only, no mDNS: test peers never announce themselves on the network. */
export const TEST_NET = { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false }
