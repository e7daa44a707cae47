/**
 * Real libp2p nodes for multi-peer tests on loopback: TCP on 127.0.0.1 with Noise and Yamux.
 * No mDNS and no other discovery, so a test never multicasts on the real interface; nodes
 * find each other only through the explicit dials below.
 */
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import type { Connection, Libp2p, PrivateKey } from '@libp2p/interface'
import { waitFor } from './wait-for.ts'

export interface TestNodeOptions {
  /** A fixed key, e.g. to make the libp2p peer id known before the node starts. */
  privateKey?: PrivateKey
}

/** A started libp2p node listening on `/ip4/127.0.0.1/tcp/0`. */
export async function createTestNode(opts: TestNodeOptions = {}): Promise<Libp2p> {
  return createLibp2p({
    ...(opts.privateKey !== undefined ? { privateKey: opts.privateKey } : {}),
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
  })
}

/** `count` started test nodes. */
export async function createTestNodes(count: number): Promise<Libp2p[]> {
  return Promise.all(Array.from({ length: count }, () => createTestNode()))
}

/** Dials `b` from `a` and waits until both ends list the connection. */
export async function connectNodes(a: Libp2p, b: Libp2p): Promise<Connection> {
  const addr = b.getMultiaddrs()[0]
  if (addr === undefined) throw new Error(`node ${b.peerId.toString()} has no listen address`)
  const conn = await a.dial(addr)
  await waitFor(`${b.peerId.toString()} to see the connection from ${a.peerId.toString()}`,
    () => b.getConnections(a.peerId).some(c => c.status === 'open'))
  return conn
}

/** Connects every pair of `nodes` once (the earlier node dials the later one). */
export async function connectAll(nodes: Libp2p[]): Promise<void> {
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      await connectNodes(nodes[i] as Libp2p, nodes[j] as Libp2p)
    }
  }
}

/** Stops every node, even when one fails; never rejects. */
export async function stopNodes(nodes: Libp2p[]): Promise<void> {
  await Promise.allSettled(nodes.map(n => n.stop()))
}
