import v8 from 'node:v8'
import vm from 'node:vm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Repo, cbor, generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo'
import type { Message, PeerId as RepoPeerId } from '@automerge/automerge-repo'
import { runNetworkAdapterTests } from '@automerge/automerge-repo/helpers/tests/network-adapter-tests.js'
import type { Libp2p, Stream } from '@libp2p/interface'
import { Uint8ArrayList } from 'uint8arraylist'
import { FrameDecoder, FrameError, encodeFrame } from '../../electron/peer/sync/frame-codec.ts'
import { Libp2pNetworkAdapter, SYNC_PROTOCOL } from '../../electron/peer/sync/libp2p-network-adapter.ts'
import type { Libp2pNetworkAdapterOptions } from '../../electron/peer/sync/libp2p-network-adapter.ts'
import { connectAll, connectNodes, createTestNodes, stopNodes } from '../helpers/libp2p-node.ts'
import { waitFor } from '../helpers/wait-for.ts'

const MiB = 1024 * 1024

interface LogEntry { event: string, data: Record<string, unknown> }

/** Varint bytes of `n` alone: a length prefix with no body. */
function varint(n: number): Uint8Array {
  const out: number[] = []
  let rest = n
  while (rest >= 0x80) { out.push((rest % 0x80) | 0x80); rest = Math.floor(rest / 0x80) }
  out.push(rest)
  return Uint8Array.from(out)
}

function codeOf(fn: () => void): string | undefined {
  try {
    fn()
  } catch (err) {
    return err instanceof FrameError ? err.code : `not a FrameError: ${String(err)}`
  }
  return undefined
}

function collect(decoder: FrameDecoder, chunks: Array<Uint8Array | Uint8ArrayList>): Uint8Array[] {
  const frames: Uint8Array[] = []
  for (const chunk of chunks) for (const frame of decoder.decode(chunk)) frames.push(Uint8Array.from(frame))
  return frames
}

describe('frame-codec', () => {
  it.each([0, 1, 127, 128, 16_383, 16_384, 1 * MiB])('round-trips a %i-byte payload', (size) => {
    const payload = Uint8Array.from({ length: size }, (_, i) => i % 251)
    const frames = collect(new FrameDecoder({ maxFrameBytes: 1 * MiB }), [encodeFrame(payload)])
    expect(frames).toHaveLength(1)
    expect(Buffer.from(frames[0] as Uint8Array).equals(Buffer.from(payload))).toBe(true)
  })

  it('reassembles a frame split into one-byte chunks, holding at most maxFrameBytes + 5', () => {
    const payload = Uint8Array.from({ length: 300 }, (_, i) => i % 256)
    const decoder = new FrameDecoder({ maxFrameBytes: 300 })
    const frames: Uint8Array[] = []
    for (const byte of encodeFrame(payload)) {
      for (const f of decoder.decode(Uint8Array.of(byte))) frames.push(f)
      expect(decoder.bufferedBytes).toBeLessThanOrEqual(300 + 5)
    }
    expect(frames).toEqual([payload])
    expect(decoder.idle).toBe(true)
  })

  it('yields many frames from one chunk, and from a Uint8ArrayList', () => {
    const payloads = [Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3), new Uint8Array(200).fill(7)]
    const joined = Buffer.concat(payloads.map(encodeFrame))
    expect(collect(new FrameDecoder({ maxFrameBytes: 1024 }), [joined])).toEqual(payloads)
    const list = new Uint8ArrayList(joined.subarray(0, 3), joined.subarray(3, 150), joined.subarray(150))
    expect(collect(new FrameDecoder({ maxFrameBytes: 1024 }), [list])).toEqual(payloads)
  })

  it.each([
    { name: 'prefix one above the cap', bytes: varint(1025), code: 'FRAME_TOO_LARGE' },
    { name: 'prefix of 2^31', bytes: varint(2 ** 31), code: 'FRAME_TOO_LARGE' },
    { name: 'largest 5-byte prefix', bytes: Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x7f), code: 'FRAME_TOO_LARGE' },
    { name: 'six-byte varint', bytes: Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x00), code: 'FRAME_MALFORMED' },
    { name: 'prefix equal to the cap', bytes: varint(1024), code: undefined },
    { name: 'non-minimal 5-byte prefix of 1', bytes: Uint8Array.of(0x81, 0x80, 0x80, 0x80, 0x00), code: undefined },
  ])('cap: $name → $code, before any body byte is held', ({ bytes, code }) => {
    const decoder = new FrameDecoder({ maxFrameBytes: 1024 })
    expect(codeOf(() => collect(decoder, [bytes]))).toBe(code)
    expect(decoder.bufferedBytes).toBeLessThanOrEqual(5)
    if (code !== undefined) expect(codeOf(() => collect(decoder, [Uint8Array.of(0)]))).toBe(code)
  })

  it('still yields the frames before a bad prefix in the same chunk', () => {
    const decoder = new FrameDecoder({ maxFrameBytes: 16 })
    const frames: Uint8Array[] = []
    const chunk = Buffer.concat([encodeFrame(Uint8Array.of(9)), varint(17), new Uint8Array(17)])
    expect(codeOf(() => { for (const f of decoder.decode(chunk)) frames.push(Uint8Array.from(f)) })).toBe('FRAME_TOO_LARGE')
    expect(frames).toEqual([Uint8Array.of(9)])
  })

  it('end() reports a frame cut short', () => {
    const decoder = new FrameDecoder({ maxFrameBytes: 64 })
    collect(decoder, [encodeFrame(new Uint8Array(10)).subarray(0, 4)])
    expect(codeOf(() => decoder.end())).toBe('FRAME_TRUNCATED')
    const idle = new FrameDecoder({ maxFrameBytes: 64 })
    collect(idle, [encodeFrame(new Uint8Array(10))])
    expect(codeOf(() => idle.end())).toBeUndefined()
  })
})

runNetworkAdapterTests(async () => {
  const nodes = await createTestNodes(3)
  await connectAll(nodes)
  const adapters = nodes.map(node => new Libp2pNetworkAdapter({ node, peerIdMode: 'bound' }))
  const [a, b, c] = adapters as [Libp2pNetworkAdapter, Libp2pNetworkAdapter, Libp2pNetworkAdapter]
  return {
    adapters: [a, b, c],
    teardown: () => {
      for (const adapter of adapters) adapter.disconnect()
      void stopNodes(nodes)
    },
  }
}, 'libp2p, bound peer ids')

/** Fails the test if anything escapes as an unhandled rejection or uncaught exception. */
function guardProcess(): void {
  const faults: unknown[] = []
  const onFault = (err: unknown): void => { faults.push(err) }
  beforeAll(() => {
    process.on('unhandledRejection', onFault)
    process.on('uncaughtException', onFault)
  })
  afterAll(() => {
    process.off('unhandledRejection', onFault)
    process.off('uncaughtException', onFault)
  })
  afterEach(() => {
    expect(faults.map(String)).toEqual([])
  })
}

interface Peer { node: Libp2p, adapter: Libp2pNetworkAdapter, repo: Repo, logs: LogEntry[], id: RepoPeerId }

function startPeer(node: Libp2p, opts: Partial<Libp2pNetworkAdapterOptions> = {}): Peer {
  const logs: LogEntry[] = []
  const adapter = new Libp2pNetworkAdapter({ node, ...opts, log: (event, data = {}) => { logs.push({ event, data }) } })
  const id = node.peerId.toString() as RepoPeerId
  return { node, adapter, repo: new Repo({ network: [adapter], peerId: id }), logs, id }
}

/** `from` creates a document, `to` finds it; then `to` edits and `from` sees the edit. */
async function syncsBothWays(from: Peer, to: Peer, label: string): Promise<void> {
  await waitFor(`${label}: both repos list each other`, () => from.repo.peers.includes(to.id) && to.repo.peers.includes(from.id))
  const handle = from.repo.create<{ label: string, reply?: string }>({ label })
  const remote = await to.repo.find<{ label: string, reply?: string }>(handle.url)
  expect(remote.doc().label).toBe(label)
  remote.change(d => { d.reply = `${label}: ack` })
  await waitFor(`${label}: the edit to arrive back`, () => handle.doc().reply === `${label}: ack`)
}

/** A libp2p node that speaks the protocol by hand; it accepts and discards the victim's stream. */
async function rawAttacker(node: Libp2p): Promise<void> {
  await node.handle(SYNC_PROTOCOL, (stream) => {
    void (async () => {
      try { for await (const _ of stream) { /* discard */ } } catch { /* reset by the victim */ }
    })()
  })
}

function hello(peerId: string): Uint8Array {
  return encodeFrame(cbor.encode({ v: 1, peerId, peerMetadata: {} }))
}

const closed = (s: Stream): boolean => s.status !== 'open'

describe('authenticated mode', () => {
  guardProcess()
  let nodes: Libp2p[] = []
  let peers: Peer[] = []
  beforeAll(async () => {
    nodes = await createTestNodes(3)
    await connectNodes(nodes[0] as Libp2p, nodes[1] as Libp2p)
    await connectNodes(nodes[2] as Libp2p, nodes[0] as Libp2p)
    peers = [startPeer(nodes[0] as Libp2p), startPeer(nodes[1] as Libp2p)]
    await rawAttacker(nodes[2] as Libp2p)
  })
  afterAll(async () => {
    await Promise.allSettled(peers.map(p => p.repo.shutdown()))
    await stopNodes(nodes)
  })

  it('syncs a document both ways between repos keyed by their libp2p peer ids', async () => {
    const [a, b] = peers as [Peer, Peer]
    await syncsBothWays(a, b, 'a to b')
    await syncsBothWays(b, a, 'b to a')
  })

  it('closes a stream whose handshake claims another id, and emits nothing', async () => {
    const victim = peers[0] as Peer
    const attacker = nodes[2] as Libp2p
    const emitted: unknown[] = []
    const onCandidate = (p: unknown): void => { emitted.push(p) }
    const onMessage = (m: Message): void => { if (m.senderId !== peers[1]?.id) emitted.push(m) }
    victim.adapter.on('peer-candidate', onCandidate)
    victim.adapter.on('message', onMessage)
    try {
      const stream = await attacker.dialProtocol(victim.node.peerId, SYNC_PROTOCOL)
      stream.send(hello((peers[1] as Peer).id))
      await waitFor('the victim to reset the impostor stream', () => closed(stream))
      const rejected = victim.logs.find(l => l.event === 'stream-rejected' && l.data['remote'] === attacker.peerId.toString())
      expect(rejected?.data['code']).toBe('PEER_ID_MISMATCH')
      expect(emitted).toEqual([])
      expect(victim.repo.peers).not.toContain(attacker.peerId.toString())
      await syncsBothWays(peers[1] as Peer, victim, 'after the impostor')
    } finally {
      victim.adapter.off('peer-candidate', onCandidate)
      victim.adapter.off('message', onMessage)
    }
  })
})

/** A deterministic stream of junk (xorshift), so a failure can be replayed. */
function junk(length: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(length)
  let x = seed >>> 0
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0
    out[i] = x & 0xff
  }
  return out
}

/** V8's collector, exposed at run time so the memory check measures live bytes, not garbage. */
function exposeGc(): (() => void) | undefined {
  v8.setFlagsFromString('--expose-gc')
  const gc: unknown = vm.runInNewContext('gc')
  return typeof gc === 'function' ? (gc as () => void) : undefined
}

describe('bad input from a raw libp2p peer', () => {
  guardProcess()
  const maxFrameBytes = 1 * MiB
  let nodes: Libp2p[] = []
  let victim: Peer
  let honest: Peer
  let attacker: Libp2p
  beforeAll(async () => {
    nodes = await createTestNodes(3)
    const [v, h, a] = nodes as [Libp2p, Libp2p, Libp2p]
    await connectNodes(h, v)
    await connectNodes(a, v)
    victim = startPeer(v, { maxFrameBytes, handshakeTimeoutMs: 500 })
    honest = startPeer(h)
    attacker = a
    await rawAttacker(attacker)
  })
  afterAll(async () => {
    await Promise.allSettled([victim.repo.shutdown(), honest.repo.shutdown()])
    await stopNodes(nodes)
  })

  const victimId = (): string => victim.id
  const cases: Array<{ name: string, code: string | string[], bytes: () => Uint8Array[], closeWrite?: boolean }> = [
    { name: 'random bytes', code: ['FRAME_TOO_LARGE', 'FRAME_MALFORMED', 'FRAME_TRUNCATED', 'CBOR_INVALID', 'HANDSHAKE_INVALID'], bytes: () => [junk(4096)], closeWrite: true },
    { name: 'a length prefix of 2^31', code: 'FRAME_TOO_LARGE', bytes: () => [varint(2 ** 31)] },
    { name: 'a truncated frame, then close', code: 'FRAME_TRUNCATED', bytes: () => [hello(attacker.peerId.toString()).subarray(0, 20)], closeWrite: true },
    { name: 'a well-framed body of garbage', code: 'CBOR_INVALID', bytes: () => [hello(attacker.peerId.toString()), encodeFrame(Buffer.concat([Uint8Array.of(0x1c), junk(512)]))] },
    { name: 'silence after opening the stream', code: 'HANDSHAKE_TIMEOUT', bytes: () => [] },
    { name: 'a handshake of the wrong shape', code: 'HANDSHAKE_INVALID', bytes: () => [encodeFrame(cbor.encode(['hello', 1]))] },
    {
      name: 'a message of the wrong shape',
      code: 'MESSAGE_INVALID',
      bytes: () => [hello(attacker.peerId.toString()), encodeFrame(cbor.encode({ type: 'sync', targetId: victimId(), documentId: 42, data: 'not bytes' }))],
    },
  ]

  it.each(cases)('survives $name: logs, resets that stream, keeps syncing', async ({ code, bytes, closeWrite }) => {
    const before = victim.logs.length
    const events = { candidate: 0, disconnected: 0 }
    const onCandidate = ({ peerId }: { peerId: string }): void => { if (peerId === attacker.peerId.toString()) events.candidate++ }
    const onDisconnected = ({ peerId }: { peerId: string }): void => { if (peerId === attacker.peerId.toString()) events.disconnected++ }
    victim.adapter.on('peer-candidate', onCandidate)
    victim.adapter.on('peer-disconnected', onDisconnected)
    try {
      const stream = await attacker.dialProtocol(victim.node.peerId, SYNC_PROTOCOL)
      for (const b of bytes()) stream.send(b)
      if (closeWrite === true) await stream.close().catch(() => {})
      const rejected = await waitFor('the victim to log the rejected stream', () =>
        victim.logs.slice(before).find(l => l.event === 'stream-rejected' && l.data['remote'] === attacker.peerId.toString()))
      expect(Array.isArray(code) ? code : [code]).toContain(rejected.data['code'])
      await waitFor('the attacker stream to be reset', () => closed(stream))
      await syncsBothWays(honest, victim, `after ${String(rejected.data['code'])}`)
      expect(events.candidate).toBeLessThanOrEqual(1)
      expect(events.disconnected).toBe(events.candidate)
      expect(victim.repo.peers).not.toContain(attacker.peerId.toString())
    } finally {
      victim.adapter.off('peer-candidate', onCandidate)
      victim.adapter.off('peer-disconnected', onDisconnected)
    }
  })

  it('delivers a message with a forged senderId under the authenticated id', async () => {
    const received: Message[] = []
    const onMessage = (m: Message): void => { if (m.type === 'doc-unavailable') received.push(m) }
    victim.adapter.on('message', onMessage)
    try {
      const stream = await attacker.dialProtocol(victim.node.peerId, SYNC_PROTOCOL)
      const { documentId } = parseAutomergeUrl(generateAutomergeUrl())
      const misdirected = parseAutomergeUrl(generateAutomergeUrl()).documentId
      stream.send(hello(attacker.peerId.toString()))
      stream.send(encodeFrame(cbor.encode({ type: 'doc-unavailable', senderId: honest.id, targetId: honest.id, documentId: misdirected })))
      stream.send(encodeFrame(cbor.encode({ type: 'doc-unavailable', senderId: honest.id, targetId: victimId(), documentId })))
      const message = await waitFor('the forged message to arrive', () => received.find(m => m.documentId === documentId))
      expect(message.senderId).toBe(attacker.peerId.toString())
      expect(victim.logs.some(l => l.event === 'sender-overwritten' && l.data['claimed'] === honest.id)).toBe(true)
      expect(received.map(m => m.documentId)).not.toContain(misdirected)
      expect(victim.logs.some(l => l.event === 'message-dropped' && l.data['reason'] === 'wrong-target')).toBe(true)
      expect(closed(stream)).toBe(false)
      await stream.close().catch(() => {})
      await syncsBothWays(honest, victim, 'after the forged sender')
    } finally {
      victim.adapter.off('message', onMessage)
    }
  })

  const gc = exposeGc()
  it.skipIf(gc === undefined)('holds memory under a 2^31 prefix followed by 50 MiB of junk', async () => {
    const collect = gc as () => void
    const used = (): number => { const m = process.memoryUsage(); return m.arrayBuffers + m.heapUsed }
    collect()
    const baseline = used()
    let peak = baseline
    const before = victim.logs.length
    const stream = await attacker.dialProtocol(victim.node.peerId, SYNC_PROTOCOL)
    stream.send(varint(2 ** 31))
    const chunk = junk(64 * 1024)
    let sent = 0
    while (sent < 50 * MiB && stream.writeStatus === 'writable') {
      try {
        if (!stream.send(chunk)) await stream.onDrain()
      } catch {
        break
      }
      sent += chunk.byteLength
      peak = Math.max(peak, used())
    }
    // Measured before waiting for the rejection: a victim that buffered the junk, or allocated
    // the declared 2 GiB, would still hold it here.
    collect()
    const growth = used() - baseline
    console.info(`memory: sent ${(sent / MiB).toFixed(1)} MiB of junk before the reset; growth after GC ${(growth / MiB).toFixed(2)} MiB; sampled peak +${((peak - baseline) / MiB).toFixed(2)} MiB`)
    expect(growth).toBeLessThan(2 * maxFrameBytes)
    await waitFor('the victim to reject the oversized prefix', () =>
      victim.logs.slice(before).find(l => l.event === 'stream-rejected' && l.data['code'] === 'FRAME_TOO_LARGE'))
    await waitFor('the attacker stream to be reset', () => closed(stream))
    await syncsBothWays(honest, victim, 'after the memory attack')
  })
})

describe('bound mode', () => {
  guardProcess()
  let nodes: Libp2p[] = []
  let adapter: Libp2pNetworkAdapter
  const logs: LogEntry[] = []
  const candidates: string[] = []
  const messages: Message[] = []
  beforeAll(async () => {
    nodes = await createTestNodes(4)
    const [v, x, y, z] = nodes as [Libp2p, Libp2p, Libp2p, Libp2p]
    adapter = new Libp2pNetworkAdapter({ node: v, peerIdMode: 'bound', log: (event, data = {}) => { logs.push({ event, data }) } })
    adapter.on('peer-candidate', ({ peerId }) => { candidates.push(peerId) })
    adapter.on('message', m => { messages.push(m) })
    adapter.connect('victim' as RepoPeerId)
    await rawAttacker(x)
    await rawAttacker(y)
    // z answers the victim's stream by writing on it, which the protocol forbids.
    await z.handle(SYNC_PROTOCOL, (stream) => { try { stream.send(Uint8Array.of(1, 2, 3)) } catch { /* reset already */ } })
    for (const n of [x, y, z]) await connectNodes(n, v)
  })
  afterAll(async () => {
    adapter.disconnect()
    await stopNodes(nodes)
  })

  it('binds a claimed id to the first libp2p peer and refuses it to a second one', async () => {
    const [, x, y] = nodes as [Libp2p, Libp2p, Libp2p]
    const victimPeer = (nodes[0] as Libp2p).peerId
    const first = await x.dialProtocol(victimPeer, SYNC_PROTOCOL)
    first.send(hello('alice'))
    await waitFor('alice to be announced', () => candidates.includes('alice'))
    const second = await y.dialProtocol(victimPeer, SYNC_PROTOCOL)
    second.send(hello('alice'))
    await waitFor('the second claim of alice to be reset', () => closed(second))
    const rejected = logs.find(l => l.event === 'stream-rejected' && l.data['remote'] === y.peerId.toString())
    expect(rejected?.data['code']).toBe('PEER_ID_CONFLICT')
    expect(candidates).toEqual(['alice'])
    const { documentId } = parseAutomergeUrl(generateAutomergeUrl())
    first.send(encodeFrame(cbor.encode({ type: 'doc-unavailable', senderId: 'bob', targetId: 'victim', documentId })))
    const message = await waitFor('alice\'s message to arrive', () => messages.find(m => m.documentId === documentId))
    expect(message.senderId).toBe('alice')
    expect(closed(first)).toBe(false)
  })

  it('refuses a remote that claims a window\'s id (ui-…: the peer\'s own windows only)', async () => {
    const y = nodes[2] as Libp2p
    const before = logs.length
    const stream = await y.dialProtocol((nodes[0] as Libp2p).peerId, SYNC_PROTOCOL)
    stream.send(hello('ui-0123456789abcdef'))
    await waitFor('the claim to be reset', () => closed(stream))
    const rejected = logs.slice(before).find(l => l.event === 'stream-rejected' && l.data['remote'] === y.peerId.toString())
    expect(rejected?.data['code']).toBe('HANDSHAKE_INVALID')
    expect(candidates).not.toContain('ui-0123456789abcdef')
  })

  it('resets a link whose peer writes on our send-only stream', async () => {
    const z = nodes[3] as Libp2p
    const rejected = await waitFor('the victim to reject data on its outbound stream', () =>
      logs.find(l => l.event === 'stream-rejected' && l.data['remote'] === z.peerId.toString()))
    expect(rejected.data['code']).toBe('UNEXPECTED_DATA')
  })
})

describe('sending', () => {
  guardProcess()
  let nodes: Libp2p[] = []
  afterAll(async () => { await stopNodes(nodes) })

  it('aborts a link whose reader stalls once maxQueuedBytes are held, and reports it gone once', async () => {
    nodes = await createTestNodes(2)
    const [s, r] = nodes as [Libp2p, Libp2p]
    const logs: LogEntry[] = []
    const maxQueuedBytes = 1 * MiB
    const sender = new Libp2pNetworkAdapter({ node: s, maxQueuedBytes, log: (event, data = {}) => { logs.push({ event, data }) } })
    let disconnects = 0
    sender.on('peer-disconnected', () => { disconnects++ })
    sender.connect(s.peerId.toString() as RepoPeerId)
    // The receiver never reads: pausing stops yamux window updates, so the sender must queue.
    await r.handle(SYNC_PROTOCOL, (stream) => { stream.pause() })
    await connectNodes(r, s)
    const toSender = await r.dialProtocol(s.peerId, SYNC_PROTOCOL)
    toSender.send(hello(r.peerId.toString()))
    await waitFor('the sender to announce the receiver', () => logs.some(l => l.event === 'peer-candidate'))
    const { documentId } = parseAutomergeUrl(generateAutomergeUrl())
    const data = junk(64 * 1024)
    let sends = 0
    const overflowed = (): boolean => logs.some(l => l.event === 'stream-rejected' && l.data['code'] === 'SEND_QUEUE_OVERFLOW')
    while (!overflowed() && sends < 200) {
      sender.send({ type: 'sync', senderId: s.peerId.toString() as RepoPeerId, targetId: r.peerId.toString() as RepoPeerId, documentId, data })
      sends++
      await new Promise<void>(resolve => { setImmediate(resolve) })
    }
    expect(overflowed()).toBe(true)
    // Past the yamux window (256 KiB) and up to the bound, but not far beyond it.
    expect(sends * data.byteLength).toBeGreaterThan(maxQueuedBytes)
    expect(sends * data.byteLength).toBeLessThan(maxQueuedBytes + 2 * MiB)
    await waitFor('the receiver to be reported gone', () => disconnects === 1)
    sender.send({ type: 'sync', senderId: s.peerId.toString() as RepoPeerId, targetId: r.peerId.toString() as RepoPeerId, documentId, data })
    expect(logs.at(-1)?.data['reason']).toBe('unknown-peer')
    sender.disconnect()
    expect(disconnects).toBe(1)
  })
})
