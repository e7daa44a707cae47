/**
 * The invite code is pasted by people and may arrive damaged, cut short or forged: whatever the
 * text, `decodeInvite` answers with an invite that passes the schema or with INVITE_INVALID.
 */
import { describe, expect, it } from 'vitest'
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'
import type { PeerIdString, SpaceId } from '../../shared/ids.ts'
import { decodeInvite, encodeInvite, fromBase64Url, toBase64Url } from '../../shared/invite-code.ts'
import type { Invite } from '../../shared/invite-code.ts'
import { seededRandom } from '../../shared/seeded-random.ts'
import { thrownBy } from '../helpers/thrown-by.ts'

const SECRET = 'q5fK3x-Z_0aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456'

const VALID: Invite = {
  v: 1,
  space: '2x8kQ7nM4pVb9TzR1cWfYhJ3sLd' as SpaceId,
  name: 'Allotment Group',
  inviter: '12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK' as PeerIdString,
  addrs: ['/ip4/192.168.1.20/tcp/4001', '/ip6/::1/tcp/4001/ws'],
  secret: SECRET,
  exp: 1_900_000_000,
}

const RELAY = '12D3KooWBYZwFJxpQVihTNxUuDX6EawfXManhWhKPS83ygBWF1Bn'

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
/** A code whose payload is exactly this text, bypassing `encodeInvite`. */
const codeOfText = (json: string): string => 'cw1.' + toBase64Url(utf8(json))
/** A code whose payload is this value as JSON. */
const codeOf = (value: unknown): string => codeOfText(JSON.stringify(value))
const without = (key: keyof Invite): Record<string, unknown> => {
  const copy: Record<string, unknown> = { ...VALID }
  delete copy[key]
  return copy
}


function expectInviteInvalid(code: string): void {
  const err = thrownBy(() => decodeInvite(code))
  expect(err).toBeInstanceOf(CommonweaveError)
  expect((err as CommonweaveError).code).toBe(ErrorCode.InviteInvalid)
}

describe('encodeInvite / decodeInvite round trip', () => {
  it.each<[string, Invite]>([
    ['a typical invite', VALID],
    ['no addresses and an empty name', { ...VALID, addrs: [], name: '' }],
    ['a non-ASCII name', { ...VALID, name: 'Gärten 園芸 🌱 «Nachbarn»' }],
    ['quotes and backslashes in the name', { ...VALID, name: 'a "b" \\c d' }],
    ['a lone surrogate in the name', { ...VALID, name: 'x\uD800y' }],
    ['eight addresses (the cap)', { ...VALID, addrs: Array.from({ length: 8 }, (_, i) => `/ip4/10.0.0.${i}/tcp/4001`) }],
    ['a 120-character name', { ...VALID, name: 'n'.repeat(120) }],
    ['the smallest expiry', { ...VALID, exp: 1 }],
    ['a secret of all base64url symbols', { ...VALID, secret: '-_'.repeat(21) + 'z' }],
    ['an address through a community peer\'s relay', { ...VALID, addrs: [`/ip4/203.0.113.5/tcp/4001/p2p/${RELAY}/p2p-circuit/p2p/${VALID.inviter}`] }],
    ['the community peers the inviter knows', { ...VALID, community: [`/ip4/203.0.113.5/tcp/4001/p2p/${RELAY}`, `/dns4/hub.example.org/tcp/443/wss/p2p/${RELAY}`] }],
  ])('%s', (_name, invite) => {
    const code = encodeInvite(invite)
    expect(code).toMatch(/^cw1\.[A-Za-z0-9_-]+$/)
    expect(decodeInvite(code)).toEqual(invite)
  })

  it('leaves control characters out of the name', () => {
    expect(decodeInvite(encodeInvite({ ...VALID, name: 'Tool\x1b[2J Library\r\n\u202e' })).name).toBe('Tool[2J Library')
  })

  it.each([
    ['leading and trailing spaces', (c: string) => `  ${c}  `],
    ['a trailing newline', (c: string) => `${c}\n`],
    ['tabs and CRLF around it', (c: string) => `\t${c}\r\n`],
  ])('accepts a code pasted with %s', (_name, wrap) => {
    expect(decodeInvite(wrap(encodeInvite(VALID)))).toEqual(VALID)
  })
})

describe('decodeInvite rejects hostile input with INVITE_INVALID', () => {
  const valid = encodeInvite(VALID)
  /** Every field within its schema limits, yet 5,000 characters long once encoded. */
  const LONG_BUT_VALID = codeOf({ ...VALID, addrs: [...Array<string>(11).fill('/'.repeat(300)), '/'.repeat(194)] })
  it.each<[string, string]>([
    ['empty', ''],
    ['whitespace only', ' \t\r\n '],
    ['a future version prefix', 'cw2.' + valid.slice(4)],
    ['an upper-case prefix', 'CW1.' + valid.slice(4)],
    ['the prefix without its dot', 'cw1' + valid.slice(4)],
    ['the prefix only', 'cw1.'],
    ['the prefix twice', 'cw1.' + valid],
    ['a space inside the payload', valid.slice(0, 20) + ' ' + valid.slice(20)],
    ['standard base64 "+" and "/"', 'cw1.ab+/cd'],
    ['"=" padding', valid + '=='],
    ['a non-ASCII character', valid + 'é'],
    ['a NUL byte', valid.slice(0, 10) + '\u0000' + valid.slice(10)],
    ['a payload of 4n+1 characters', 'cw1.A'],
    ['base64 of text that is not JSON', 'cw1.' + toBase64Url(utf8('hello, world'))],
    ['base64 of invalid UTF-8', 'cw1.' + toBase64Url(Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d))],
    ['base64 of an overlong UTF-8 encoding', 'cw1.' + toBase64Url(Uint8Array.of(0x22, 0xc0, 0xaf, 0x22))],
    ['base64 of truncated JSON', codeOfText(JSON.stringify(VALID).slice(0, -1))],
    ['a JSON array', codeOf([VALID])],
    ['JSON null', codeOf(null)],
    ['a JSON string', codeOf('cw1.')],
    ['a JSON number', codeOf(1)],
    ['an empty object', codeOf({})],
    ['a missing secret', codeOf(without('secret'))],
    ['a missing space', codeOf(without('space'))],
    ['a missing expiry', codeOf(without('exp'))],
    ['missing addresses', codeOf(without('addrs'))],
    ['an extra field', codeOf({ ...VALID, admin: true })],
    ['a __proto__ field', codeOfText(JSON.stringify(VALID).slice(0, -1) + ',"__proto__":{"admin":true}}')],
    ['version 2', codeOf({ ...VALID, v: 2 })],
    ['version "1" as a string', codeOf({ ...VALID, v: '1' })],
    ['an empty space id', codeOf({ ...VALID, space: '' })],
    ['an empty inviter', codeOf({ ...VALID, inviter: '' })],
    ['a 121-character name', codeOf({ ...VALID, name: 'n'.repeat(121) })],
    ['a secret one character short', codeOf({ ...VALID, secret: SECRET.slice(1) })],
    ['a secret one character long', codeOf({ ...VALID, secret: SECRET + 'A' })],
    ['a secret with "+"', codeOf({ ...VALID, secret: '+' + SECRET.slice(1) })],
    ['a secret with "="', codeOf({ ...VALID, secret: SECRET.slice(1) + '=' })],
    ['a secret with a space', codeOf({ ...VALID, secret: ' ' + SECRET.slice(1) })],
    ['a secret that is a number', codeOf({ ...VALID, secret: 12345 })],
    ['a negative expiry', codeOf({ ...VALID, exp: -1 })],
    ['a zero expiry', codeOf({ ...VALID, exp: 0 })],
    ['a fractional expiry', codeOf({ ...VALID, exp: 1_900_000_000.5 })],
    ['an expiry as a string', codeOf({ ...VALID, exp: '1900000000' })],
    ['an expiry that overflows to Infinity', codeOfText(JSON.stringify(VALID).replace('1900000000', '1e400'))],
    ['addresses as a string', codeOf({ ...VALID, addrs: '/ip4/1.2.3.4/tcp/1' })],
    ['an address object', codeOf({ ...VALID, addrs: { 0: '/ip4/1.2.3.4/tcp/1' } })],
    ['9 addresses (over the cap of 8)', codeOf({ ...VALID, addrs: Array.from({ length: 9 }, (_, i) => `/ip4/10.0.0.${i}/tcp/1`) })],
    ['an empty address', codeOf({ ...VALID, addrs: [''] })],
    ['a 301-character address', codeOf({ ...VALID, addrs: ['/'.repeat(301)] })],
    ['a number among the addresses', codeOf({ ...VALID, addrs: [4001] })],
    ['an address that is not a multiaddr', codeOf({ ...VALID, addrs: ['/ip4/192.168.1.20/tcp/4001', 'not-an-addr'] })],
    ['an address of another peer', codeOf({ ...VALID, addrs: ['/ip4/10.0.0.1/tcp/1/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N'] })],
    ['an inviter that is not a peer id', codeOf({ ...VALID, inviter: 'junk-peer' })],
    ['an inviter with an escape sequence', codeOf({ ...VALID, inviter: '\x1b]0;pwned\x07' })],
    ['a space that is not a space id', codeOf({ ...VALID, space: '../../etc' })],
    ['newlines and an escape in the name', codeOf({ ...VALID, name: 'a\r\nforged \x1b[2J' })],
    ['a 5,000-character code', 'cw1.' + 'A'.repeat(4996)],
    ['a 5,000-character code whose invite passes the schema', LONG_BUT_VALID],
  ])('%s', (_name, code) => {
    expectInviteInvalid(code)
  })

  it('the 5,000-character cases really are that long', () => {
    expect(('cw1.' + 'A'.repeat(4996)).length).toBe(5000)
    expect(LONG_BUT_VALID.length).toBe(5000)
  })
})

describe('toBase64Url / fromBase64Url', () => {
  const byteValues = Array.from({ length: 256 }, (_, b) => b)
  it.each(byteValues)('the single byte %i', (b) => {
    const bytes = Uint8Array.of(b)
    const text = toBase64Url(bytes)
    expect(text).toBe(Buffer.from(bytes).toString('base64url'))
    expect(fromBase64Url(text)).toEqual(bytes)
  })

  it('every byte value at every offset within a 3-byte group', () => {
    const bytes = Uint8Array.from({ length: 3 * 256 + 2 }, (_, i) => (i * 7) % 256)
    const text = toBase64Url(bytes)
    expect(text).toBe(Buffer.from(bytes).toString('base64url'))
    expect(fromBase64Url(text)).toEqual(bytes)
  })

  const patterns: [string, (i: number) => number][] = [
    ['zeros', () => 0x00],
    ['0xff', () => 0xff],
    ['ascending', (i) => i + 1],
    ['0xfb 0xff (yields "-" and "_")', (i) => (i % 2 === 0 ? 0xfb : 0xff)],
    ['0x80 (high bit)', () => 0x80],
  ]
  const lengthCases = [0, 1, 2, 3, 4, 5].flatMap((length) =>
    patterns.map(([name, at]) => [length, name, Uint8Array.from({ length }, (_, i) => at(i))] as const))
  it.each(lengthCases)('length %i, %s', (length, _name, bytes) => {
    const text = toBase64Url(bytes)
    expect(text).toMatch(/^[A-Za-z0-9_-]*$/)
    expect(text).toHaveLength(Math.ceil((length * 4) / 3))
    expect(text).toBe(Buffer.from(bytes).toString('base64url'))
    expect(fromBase64Url(text)).toEqual(bytes)
  })

  it.each([
    ['standard base64 "+"', 'ab+c'],
    ['standard base64 "/"', 'ab/c'],
    ['"=" padding', 'QQ=='],
    ['a space', 'QU FC'],
    ['a non-ASCII letter', 'QUFé'],
    ['4n+1 characters', 'QUFCR'],
  ])('fromBase64Url refuses %s', (_name, text) => {
    expect(() => fromBase64Url(text)).toThrow()
  })
})

describe('decodeInvite on damaged codes (property)', () => {
  const SEED = 0x5eed_c0de
  const RUNS = 2000
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  const ODD = ['+', '/', '=', '.', ' ', '\n', '\u0000', 'é', '🌱', '%', '"', '{']

  it(`${RUNS} random mutations each decode to a valid invite or fail with INVITE_INVALID`, () => {
    const random = seededRandom(SEED)
    const int = (n: number): number => Math.floor(random() * n)
    const char = (): string => (random() < 0.85 ? ALPHABET[int(ALPHABET.length)] : ODD[int(ODD.length)]) as string
    const original = encodeInvite(VALID)
    const failures: string[] = []
    let decoded = 0
    let rejected = 0

    for (let run = 0; run < RUNS; run++) {
      const at = int(original.length)
      const op = int(4)
      const mutated =
        op === 0 ? original.slice(0, at) + char() + original.slice(at + 1)
        : op === 1 ? original.slice(0, at)
        : op === 2 ? original.slice(0, at) + char() + original.slice(at)
        : original.slice(0, at) + original.slice(at + 1)
      try {
        const invite = decodeInvite(mutated)
        // Decoding runs the schema; encoding the result and decoding again must give it back.
        expect(decodeInvite(encodeInvite(invite))).toEqual(invite)
        expect(invite.v).toBe(1)
        expect(invite.secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
        expect(Number.isInteger(invite.exp) && invite.exp > 0).toBe(true)
        expect(invite.addrs.length).toBeLessThanOrEqual(8)
        decoded++
      } catch (err) {
        if (err instanceof CommonweaveError && err.code === ErrorCode.InviteInvalid) {
          rejected++
        } else {
          failures.push(`run ${run} (seed ${SEED}, op ${op}, at ${at}): ${JSON.stringify(mutated)} -> ${String(err)}`)
        }
      }
    }

    expect(failures, failures.slice(0, 5).join('\n')).toEqual([])
    expect(decoded + rejected).toBe(RUNS)
    // Both outcomes occur, so neither branch is vacuous.
    expect(decoded, 'no mutation decoded to a valid invite').toBeGreaterThan(0)
    expect(rejected, 'no mutation was rejected').toBeGreaterThan(0)
  })
})

describe('base64url', () => {
  it('decodes what it encodes, every length', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff)
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes)
    }
  })

  it.each(['a', 'abcde', 'ab=c', 'ab==', 'a+b/', 'é', ' abc', 'AB', 'AAB'])('refuses %j: a character outside the alphabet, a length no encoding has, or leftover bits set', (text) => {
    expect(() => fromBase64Url(text)).toThrow('not base64url')
  })
})

describe('community peers and relayed addresses in an invite', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a relayed address that ends at another peer', { ...VALID, addrs: [`/ip4/203.0.113.5/tcp/4001/p2p/${RELAY}/p2p-circuit/p2p/${RELAY}`] }, /address of another peer/],
    ['a community peer without its peer id', { ...VALID, community: ['/ip4/203.0.113.5/tcp/4001'] }, /community peer's address in it is wrong: .* does not end in \/p2p\//],
    ['a community peer that is no multiaddr', { ...VALID, community: ['hub.example.org:4001'] }, /community peer's address in it is wrong: .* is not a multiaddr/],
    ['five community peers', { ...VALID, community: Array.from({ length: 5 }, () => `/ip4/203.0.113.5/tcp/4001/p2p/${RELAY}`) }, /malformed field \(community\)/],
  ])('refuses %s, saying what is wrong', (_name, invite, words) => {
    const err = thrownBy(() => decodeInvite(codeOf(invite)))
    expect((err as CommonweaveError).code).toBe(ErrorCode.InviteInvalid)
    expect((err as CommonweaveError).message).toMatch(words)
  })
})

