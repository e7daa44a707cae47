/** A seeded random source and the pools of values the grant fuzz test draws from. */
import { CID } from 'multiformats/cid'
import { didFromPublicKey } from '../../../shared/grants/did-key.ts'
import type { Did } from '../../../shared/ids.ts'
import { DAY, NOW_S, PARTIES, SMALL_ORDER_KEYS, hex, mallory, mixedOrderKey } from './grant-fixtures.ts'

export interface Rng {
  /** In [0, 1). */
  float(): number
  /** In [0, n). */
  int(n: number): number
  pick<T>(items: readonly T[]): T
  chance(p: number): boolean
  bytes(n: number): Uint8Array
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function rng(seed: number): Rng {
  let state = seed >>> 0
  const float = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  const int = (n: number): number => Math.floor(float() * n)
  return {
    float,
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)]!,
    chance: (p) => float() < p,
    bytes: (n) => Uint8Array.from({ length: n }, () => int(256)),
  }
}

/** Every party's did, and dids that must never be accepted: small order, mixed order, misspelt, another method. */
export const DIDS: readonly string[] = [
  ...PARTIES.map((p) => p.did),
  ...SMALL_ORDER_KEYS.slice(0, 3).map(([, key]) => didFromPublicKey(hex(key))),
  didFromPublicKey(mixedOrderKey(mallory.seed)),
  mallory.did.slice(0, -1),
  'did:key:z6Mk',
  'did:web:example.org',
  '',
]

const SOME_CID = CID.parse('bafyreigdmqpykrgxyaxtlafqpqhzrb7qy2rh75nldvfd4tucqmqqme5yje')
const DOC_REFS = ['resources', 'decisions', 'pages', 'map', '*', '4NMNnkrnDcVhBBXrQcUZV2gTjFSh', 'bad/ref', '', 'x'.repeat(129)]

/** A list of document references: usually plausible, sometimes empty, duplicated or malformed. */
export function randomDocs(r: Rng): string[] {
  return Array.from({ length: r.int(5) }, () => r.pick(DOC_REFS))
}

/** Any value DAG-CBOR can carry, biased towards ones a grant field might hold. */
export function randomValue(r: Rng): unknown {
  switch (r.int(12)) {
    case 0: return r.int(1000)
    case 1: return -1 - r.int(1000)
    case 2: return r.pick([0, 2 ** 32, 2 ** 53 - 1, NOW_S, NOW_S + DAY])
    case 3: return r.int(1000) + 0.5
    case 4: return String.fromCharCode(...r.bytes(r.int(12)).map((b) => 32 + (b % 95)))
    case 5: return r.pick(DIDS) as Did
    case 6: return r.bytes(r.int(40))
    case 7: return randomDocs(r)
    case 8: return { docs: randomDocs(r), purpose: 'coordination' }
    case 9: return null
    case 10: return r.chance(0.5)
    default: return SOME_CID
  }
}
