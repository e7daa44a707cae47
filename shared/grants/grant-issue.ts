/** Building signed grants and revocations. The signing itself is passed in: the key stays with its owner. */
import { encodeEnvelope, signedBytesOf } from './grant-codec.ts'
import { GRANT_TAG, REVOCATION_TAG, type GrantPayload, type RevocationPayload } from './grant-format.ts'

export type Sign = (bytes: Uint8Array) => Uint8Array | Promise<Uint8Array>

export async function issueGrant(payload: GrantPayload, sign: Sign): Promise<Uint8Array> {
  return encodeEnvelope(GRANT_TAG, payload, await sign(signedBytesOf(GRANT_TAG, payload)))
}

export async function issueRevocation(payload: RevocationPayload, sign: Sign): Promise<Uint8Array> {
  return encodeEnvelope(REVOCATION_TAG, payload, await sign(signedBytesOf(REVOCATION_TAG, payload)))
}
