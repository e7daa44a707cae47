/**
 * The identity key wrapped with a passphrase: scrypt derives a 256-bit key from the
 * passphrase and a random salt, and AES-256-GCM seals the seed under it with a random nonce.
 * The KDF's parameters travel with the wrapped key, so they can be raised later without
 * breaking files already written; the parameters read back are bounded, so a crafted file
 * cannot make the peer allocate gigabytes.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto'
import { z } from 'zod'

/** scrypt's cost: 2^17 × 8 × 128 bytes = 128 MiB and a few hundred milliseconds per unlock. */
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const

const base64Of = (bytes: number): z.ZodType<string> =>
  z.string().refine((s) => Buffer.from(s, 'base64').length === bytes && Buffer.from(s, 'base64').toString('base64') === s, `${bytes} bytes, base64`)

export const WrappedKeySchema = z.object({
  kdf: z.literal('scrypt'),
  N: z.number().int().refine((n) => n >= 2 ** 14 && n <= 2 ** 20 && (n & (n - 1)) === 0, 'a power of two from 2^14 to 2^20'),
  r: z.number().int().min(1).max(16),
  p: z.number().int().min(1).max(4),
  salt: base64Of(16),
  cipher: z.literal('aes-256-gcm'),
  nonce: base64Of(12),
  ciphertext: base64Of(32),
  tag: base64Of(16),
})
export type WrappedKey = z.infer<typeof WrappedKeySchema>

/** Seals a 32-byte seed; `context` (the key's did) is authenticated with it, so it cannot be swapped. */
export async function wrapSeed(seed: Uint8Array, passphrase: string, context: string): Promise<WrappedKey> {
  const salt = randomBytes(16)
  const nonce = randomBytes(12)
  const key = await deriveKey(passphrase, salt, SCRYPT_PARAMS)
  const cipher = createCipheriv('aes-256-gcm', key, nonce)
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(seed), cipher.final()])
  return {
    kdf: 'scrypt', ...SCRYPT_PARAMS, salt: salt.toString('base64'),
    cipher: 'aes-256-gcm', nonce: nonce.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64'),
  }
}

/** The seed, or null when the passphrase is wrong (or the file was tampered with: GCM cannot tell the two apart). */
export async function unwrapSeed(w: WrappedKey, passphrase: string, context: string): Promise<Uint8Array | null> {
  const key = await deriveKey(passphrase, Buffer.from(w.salt, 'base64'), w)
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(w.nonce, 'base64'))
  decipher.setAAD(Buffer.from(context, 'utf8'))
  decipher.setAuthTag(Buffer.from(w.tag, 'base64'))
  try {
    return Buffer.concat([decipher.update(Buffer.from(w.ciphertext, 'base64')), decipher.final()])
  } catch {
    return null
  }
}

function deriveKey(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  // NFC: the same passphrase typed on another keyboard or OS is the same bytes.
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8')
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, 32, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r }, (err, key) => (err ? reject(err) : resolve(key)))
  })
}
