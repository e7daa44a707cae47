/**
 * A hostile inviter: the joiner accepts only the invited space's authority document (first,
 * schema-checked) and the documents its index lists, and records nothing when the batch is
 * wrong. The inviter is a raw libp2p node speaking the join protocol by hand.
 */
import { randomBytes } from 'node:crypto'
import * as Automerge from '@automerge/automerge'
import { generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo'
import type { Libp2p } from '@libp2p/interface'
import { afterAll, describe, expect, it } from 'vitest'
import { encodeFrame } from '../../electron/peer/sync/frame-codec.ts'
import { JOIN_PROTOCOL, jsonBytes } from '../../electron/peer/domain/join-wire.ts'
import { encodeInvite, toBase64Url } from '../../shared/invite-code.ts'
import type { PeerIdString, SpaceId } from '../../shared/ids.ts'
import { createTestNode } from '../helpers/libp2p-node.ts'
import { removeDir, startCliPeer, tempDataDir, type CliPeer } from '../helpers/cli-peer.ts'

const newId = (): string => parseAutomergeUrl(generateAutomergeUrl()).documentId
const authority = (collections: Record<string, string[]>): Uint8Array => Automerge.save(Automerge.from({
  schemaVersion: 1, type: 'space-authority', name: 'Trap', founder: 'did:key:zX', createdAt: '2026-01-01', roster: {}, collections,
} as Record<string, unknown>))

describe('a hostile inviter', () => {
  let inviter: Libp2p | undefined
  let joiner: CliPeer | undefined
  afterAll(async () => {
    await inviter?.stop()
    if (joiner) { await joiner.stop(); removeDir(joiner.dataDir) }
  })

  it.each([
    ['a document the space does not list', (space: string) => ({ docs: [space, newId()], bodies: [authority({ resources: [newId()] }), Automerge.save(Automerge.from({ x: 1 }))] }), /does not list/],
    ['an authority document that is not a space', (space: string) => ({ docs: [space], bodies: [Automerge.save(Automerge.from({ evil: true }))] }), /not a Commonweave space/],
    ['a reply that does not start with the space', (space: string) => ({ docs: [newId(), space], bodies: [authority({}), authority({})] }), /different space/],
    ['bytes that are not an Automerge document', (space: string) => ({ docs: [space], bodies: [randomBytes(200)] }), /not an Automerge document/],
  ])('sending %s is refused and nothing is joined', async (_name, make, message) => {
    inviter ??= await createTestNode()
    joiner ??= await startCliPeer(tempDataDir(), ['--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns'])
    const space = newId()
    const { docs, bodies } = make(space)
    await inviter.unhandle(JOIN_PROTOCOL)
    await inviter.handle(JOIN_PROTOCOL, async (stream) => {
      for await (const _ of stream) break // the request; its content does not matter here
      stream.send(encodeFrame(jsonBytes({ v: 1, ok: true, space, docs })))
      for (const b of bodies) stream.send(encodeFrame(b))
      await stream.close()
    })
    const code = encodeInvite({
      v: 1, space: space as SpaceId, name: 'Trap', inviter: inviter.peerId.toString() as PeerIdString,
      addrs: inviter.getMultiaddrs().map(String), secret: toBase64Url(randomBytes(32)), exp: Math.floor(Date.now() / 1000) + 600,
    })
    await expect(joiner.api.joinSpace({ code, timeoutMs: 10_000 })).rejects.toThrow(message)
    expect(await joiner.api.listSpaces()).toEqual([])
  }, 60_000)
})
