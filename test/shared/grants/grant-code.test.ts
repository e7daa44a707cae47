/**
 * A grant code is pasted by people and may arrive damaged, cut short or forged: whatever the
 * text, `decodeGrantCode` gives back what was encoded or throws GRANT_MALFORMED, never anything
 * else. (The envelopes inside are verified separately, by `verifyChain`.)
 */
import { describe, expect, it } from 'vitest'
import * as dagCbor from '@ipld/dag-cbor'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import { GRANT_CODE_PREFIX, decodeGrantCode, encodeGrantCode, type GrantCode } from '../../../shared/grants/grant-code.ts'
import { verifyChain } from '../../../shared/grants/grant-verify.ts'
import { toBase64Url } from '../../../shared/invite-code.ts'
import { thrownBy } from '../../helpers/thrown-by.ts'
import { BACKENDS, alice, bob, context, link, nonce, root } from './grant-fixtures.ts'

const chain = [link(root, alice, { dlg: 1 }), link(alice, bob, { dlg: 0, nonce: nonce(1) })]
const CODE: GrantCode = {
  chain,
  peer: '12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK',
  addrs: ['/ip4/192.168.1.20/tcp/4001', '/dns4/relay.example.org/tcp/443/wss/p2p-circuit'],
  name: 'Allotment Group',
}
const body = { v: 1, chain, peer: CODE.peer, addrs: CODE.addrs, name: CODE.name }
/** A code around any CBOR value, bypassing `encodeGrantCode`. */
const codeOf = (value: unknown): string => GRANT_CODE_PREFIX + toBase64Url(dagCbor.encode(value))

describe('encodeGrantCode / decodeGrantCode round trip', () => {
  it.each<[string, GrantCode]>([
    ['a two-link chain with two addresses', CODE],
    ['no addresses and an empty name', { ...CODE, addrs: [], name: '' }],
    ['a non-ASCII name', { ...CODE, name: 'Gärten 園芸 🌱' }],
    ['eight addresses, the cap', { ...CODE, addrs: Array.from({ length: 8 }, (_, i) => `/ip4/10.0.0.${i}/tcp/4001`) }],
  ])('%s', (_name, code) => {
    const text = encodeGrantCode(code)
    expect(text).toMatch(/^cwg1\.[A-Za-z0-9_-]+$/)
    expect(decodeGrantCode(text)).toEqual(code)
  })

  it('the chain comes back byte for byte and still verifies for its audience', () => {
    const decoded = decodeGrantCode(`\n  ${encodeGrantCode(CODE)}  \n`)
    for (const [, crypto] of BACKENDS) expect(verifyChain(decoded.chain, context(crypto, { audience: bob.did })).ok).toBe(true)
  })

  it('a name over 120 characters and more than eight addresses are cut on encoding', () => {
    const decoded = decodeGrantCode(encodeGrantCode({ ...CODE, name: 'n'.repeat(300), addrs: Array.from({ length: 12 }, (_, i) => `/ip4/10.0.0.${i}/tcp/1`) }))
    expect(decoded.name).toBe('n'.repeat(120))
    expect(decoded.addrs).toHaveLength(8)
  })

  it('control characters are left out of the name on encoding', () => {
    expect(decodeGrantCode(encodeGrantCode({ ...CODE, name: 'Tool\x1b[2J Library\r\n' })).name).toBe('Tool[2J Library')
  })

  it('a name over 120 characters from another encoder is cut on decoding', () => {
    expect(decodeGrantCode(codeOf({ ...body, name: 'm'.repeat(500) })).name).toBe('m'.repeat(120))
  })
})

describe('decodeGrantCode refuses anything else with GRANT_MALFORMED', () => {
  const valid = encodeGrantCode(CODE)
  it.each<[string, string]>([
    ['an empty text', ''],
    ['an invite code (cw1.) instead', 'cw1.' + valid.slice(GRANT_CODE_PREFIX.length)],
    ['no prefix', valid.slice(GRANT_CODE_PREFIX.length)],
    ['the prefix in capitals', valid.replace('cwg1.', 'CWG1.')],
    ['the prefix alone', GRANT_CODE_PREFIX],
    ['a character outside base64url', valid.slice(0, 20) + '$' + valid.slice(21)],
    ['standard base64 padding', valid + '=='],
    ['cut short', valid.slice(0, valid.length - 10)],
    ['bytes that are not CBOR', GRANT_CODE_PREFIX + toBase64Url(Uint8Array.of(0xff, 0x00))],
    ['too long: 16,385 characters', GRANT_CODE_PREFIX + 'A'.repeat(16_380)],
    ['a list, not a map', codeOf([1, chain])],
    ['CBOR null', codeOf(null)],
    ['version 2', codeOf({ ...body, v: 2 })],
    ['no version', codeOf({ chain, peer: CODE.peer, addrs: CODE.addrs, name: CODE.name })],
    ['an empty chain', codeOf({ ...body, chain: [] })],
    ['six envelopes, over the chain cap', codeOf({ ...body, chain: [...chain, ...chain, ...chain].slice(0, 6) })],
    ['an envelope over 4096 bytes', codeOf({ ...body, chain: [new Uint8Array(4097)] })],
    ['an envelope that is text', codeOf({ ...body, chain: ['grant'] })],
    ['nine addresses, over the cap', codeOf({ ...body, addrs: Array.from({ length: 9 }, (_, i) => `/ip4/10.0.0.${i}/tcp/1`) })],
    ['an address over 256 characters', codeOf({ ...body, addrs: ['/dns4/' + 'a'.repeat(260)] })],
    ['an address that is a number', codeOf({ ...body, addrs: [4001] })],
    ['no granter peer id', codeOf({ v: 1, chain, addrs: [], name: 'x' })],
    ['a granter peer id over 128 characters', codeOf({ ...body, peer: '1'.repeat(129) })],
    ['no space name', codeOf({ v: 1, chain, peer: CODE.peer, addrs: [] })],
    ['a granter that is not a peer id', codeOf({ ...body, peer: 'junk-peer' })],
    ['a granter peer id with an escape sequence', codeOf({ ...body, peer: '\x1b]0;pwned\x07' })],
    ['an address that is not a multiaddr', codeOf({ ...body, addrs: ['not-an-addr'] })],
    ['an empty multiaddr', codeOf({ ...body, addrs: ['/'] })],
    ['an address of another peer', codeOf({ ...body, addrs: ['/ip4/10.0.0.1/tcp/1/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N'] })],
    ['a space name with an escape sequence', codeOf({ ...body, name: '\x1b]0;pwned\x07\x1b[2J' })],
    ['a space name with a bidi override', codeOf({ ...body, name: 'Tools \u202e' })],
  ])('%s', (_name, text) => {
    const err = thrownBy(() => decodeGrantCode(text))
    expect(err).toBeInstanceOf(CommonweaveError)
    expect((err as CommonweaveError).code).toBe(ErrorCode.GrantMalformed)
  })
})
