/**
 * The fields of a code that no signature covers: a grant code's `peer`, `addrs` and `name`, an
 * invite's `inviter`, `addrs` and `name`. Anyone who passes a code on can edit them, so each is
 * checked before anything is stored or dialed (400, in words, and nothing written), and a name
 * in a code never renames a space this peer already knows.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as dagCbor from '@ipld/dag-cbor'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPeer } from '../../electron/peer/create-peer.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import { NET_STATE_FILE } from '../../electron/peer/net/net-state-file.ts'
import { httpStatusFor } from '../../shared/api/routes.ts'
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'
import { GRANT_CODE_PREFIX } from '../../shared/grants/grant-code.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { fromBase64Url, toBase64Url } from '../../shared/invite-code.ts'
import { removeDir, tempDataDir } from '../helpers/cli-peer.ts'
import { LOOPBACK_ONLY, Peers, type TestPeer } from '../helpers/peers.ts'

/** The grant code with some of its unsigned fields replaced, encoded by hand (no encoder cleans it). */
function tamperedGrant(code: string, fields: Record<string, unknown>): string {
  const body = dagCbor.decode(fromBase64Url(code.slice(GRANT_CODE_PREFIX.length))) as Record<string, unknown>
  return GRANT_CODE_PREFIX + toBase64Url(dagCbor.encode({ ...body, ...fields }))
}

/** The invite code with some fields replaced, encoded by hand. */
function tamperedInvite(code: string, fields: Record<string, unknown>): string {
  const body = JSON.parse(new TextDecoder().decode(fromBase64Url(code.slice('cw1.'.length)))) as Record<string, unknown>
  return 'cw1.' + toBase64Url(new TextEncoder().encode(JSON.stringify({ ...body, ...fields })))
}

async function refusal(call: Promise<unknown>): Promise<CommonweaveError> {
  const err = await call.then(() => undefined, (e: unknown) => e)
  expect(err, 'the call should have been refused').toBeInstanceOf(CommonweaveError)
  return err as CommonweaveError
}

const ESCAPES = '\x1b]0;pwned\x07\x1b[2J'

describe('the unsigned fields of a code', () => {
  const peers = new Peers()
  let a: TestPeer
  let b: TestPeer
  let spaceId: SpaceId
  const grantTo = async (to: TestPeer): Promise<string> =>
    (await a.peer.api.createGrant({ spaceId, to: to.peer.identity.did, cmd: 'read', docs: ['resources'], purpose: 'matching' })).code
  const nameOn = async (p: TestPeer): Promise<string | undefined> => (await p.peer.api.listSpaces()).find((s) => s.spaceId === spaceId)?.name

  beforeAll(async () => {
    a = await peers.start('A')
    b = await peers.start('B')
    spaceId = (await a.peer.api.createSpace({ name: 'Tool Library' })).spaceId
  }, 60_000)
  afterAll(() => peers.close())

  it('a grant code never renames a space already known: not to an escape sequence (refused), not to another name', async () => {
    const code = await grantTo(b)
    await b.peer.api.acceptGrant({ code })
    expect(await nameOn(b)).toBe('Tool Library')
    // B holds no authority document of the space: its name is the granter's word, and says so.
    expect((await b.peer.api.listSpaces())[0]).toMatchObject({ spaceId, nameUnsigned: true })
    expect((await a.peer.api.listSpaces())[0]).not.toHaveProperty('nameUnsigned')

    const err = await refusal(b.peer.api.acceptGrant({ code: tamperedGrant(code, { name: ESCAPES }) }))
    expect([err.code, httpStatusFor(err.code)]).toEqual([ErrorCode.GrantMalformed, 400])
    expect(err.message).toMatch(/space name \(name\) holds control characters/)
    expect(await nameOn(b)).toBe('Tool Library')

    await b.peer.api.acceptGrant({ code: tamperedGrant(code, { name: 'Bank of Evil' }) })
    expect(await nameOn(b)).toBe('Tool Library')
  })

  it.each([
    ['a junk peer id', { peer: 'junk-peer' }, /granter \(peer\): it is not a libp2p peer id/],
    ['a non-multiaddr address', { addrs: ['/ip4/127.0.0.1/tcp/1', 'junk-addr'] }, /address of its granter \(addrs\): "junk-addr" is not a multiaddr/],
  ])('a grant code with %s is refused with 400 before any grant or address is stored', async (_name, fields, words) => {
    const c = await peers.start('C')
    const err = await refusal(c.peer.api.acceptGrant({ code: tamperedGrant(await grantTo(c), fields) }))
    expect([err.code, httpStatusFor(err.code)]).toEqual([ErrorCode.GrantMalformed, 400])
    expect(err.message).toMatch(words)
    expect(await c.peer.api.listSpaces()).toEqual([])
    expect(c.peer.consent.index(spaceId)).toBeUndefined()
    await c.stop()
    const netState = await readFile(join(c.dataDir, NET_STATE_FILE), 'utf8').catch(() => '')
    expect(netState).not.toMatch(/junk/)
  })

  it('a joiner\'s name reaches the roster without its control characters', async () => {
    const dataDir = tempDataDir()
    const e = await createPeer({ ...LOOPBACK_ONLY, listen: [...LOOPBACK_ONLY.listen], name: 'Eve' }, { dataDir, log: createLogger(LogLevel.Error, 'E', () => {}) })
    // A hostile peer says any name it likes in its join request (this one refuses it at init).
    e.identity.name = `Eve${ESCAPES}\r\nforged`
    try {
      await e.api.joinSpace({ code: (await a.peer.api.createInvite({ spaceId })).code })
      const grants = await a.peer.api.listGrants({ spaceId })
      expect(grants.find((g) => g.audience === e.identity.did)?.audienceName).toBe('Eve]0;pwned[2Jforged')
    } finally {
      await e.stop()
      removeDir(dataDir)
    }
  })

  it('an invite whose inviter is not a peer id is refused with 400, in words', async () => {
    const d = await peers.start('D')
    const { code } = await a.peer.api.createInvite({ spaceId })
    const err = await refusal(d.peer.api.joinSpace({ code: tamperedInvite(code, { inviter: 'junk-peer' }), timeoutMs: 5_000 }))
    expect([err.code, httpStatusFor(err.code)]).toEqual([ErrorCode.InviteInvalid, 400])
    expect(err.message).toMatch(/its inviter is not a libp2p peer id/)
    const addr = await refusal(d.peer.api.joinSpace({ code: tamperedInvite(code, { addrs: ['junk-addr'] }), timeoutMs: 5_000 }))
    expect([addr.code, addr.message]).toEqual([ErrorCode.InviteInvalid, expect.stringMatching(/"junk-addr" is not a multiaddr/)])
    expect(await d.peer.api.listSpaces()).toEqual([])
  })
})
