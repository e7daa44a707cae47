/** Unpadded base64url (RFC 4648 §5), as codes and signatures carry bytes. */

export function toBase64Url(bytes: Uint8Array): string {
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

/** Each base64url character's 6-bit value, by char code; -1 for any other character. */
const B64URL = (() => {
  const t = new Int8Array(128).fill(-1)
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  for (let i = 0; i < 64; i++) t[alphabet.charCodeAt(i)] = i
  return t
})()

/**
 * Unpadded base64url to bytes; throws on any other character or a length no encoding has.
 * Table-driven: every signature a peer checks passes here (atob and its string copies cost
 * more than a tenth of a native Ed25519 verification).
 */
export function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new Error('not base64url')
  const out = new Uint8Array(Math.floor((text.length * 3) / 4))
  let acc = 0
  let bits = 0
  let o = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    const v = c < 128 ? B64URL[c]! : -1
    if (v < 0) throw new Error('not base64url')
    acc = (acc << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (acc >> bits) & 0xff
    }
  }
  // The bits left over must be zero: each byte string has one spelling.
  if ((acc & ((1 << bits) - 1)) !== 0) throw new Error('not base64url')
  return out
}
