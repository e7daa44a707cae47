/**
 * The identity key is wrapped under a passphrase the OS keyring protects, or the app refuses
 * to start and says what to install, unless the user opted in to an unprotected key.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { insecureOptIn, keyStorageDecision, type KeyStorageFacts } from '../../electron/main/key-storage-policy.ts'
import { loadOrCreatePassphrase, type SafeStorageLike } from '../../electron/main/passphrase-store.ts'

const linux = (backend: KeyStorageFacts['backend'], encryptionAvailable = true, allowInsecure = false): KeyStorageFacts =>
  ({ platform: 'linux', backend, encryptionAvailable, allowInsecure })

describe('key storage decision', () => {
  it('refuses a Linux keyring that is only plain text, and says what to install', () => {
    const d = keyStorageDecision(linux('basic_text'))
    expect(d.kind).toBe('refuse')
    if (d.kind !== 'refuse') return
    expect(d.detail).toMatch(/gnome-keyring/)
    expect(d.detail).toMatch(/KWallet/)
    expect(d.detail).toMatch(/--allow-unprotected-key/)
    expect(d.detail).toMatch(/COMMONWEAVE_ALLOW_UNPROTECTED_KEY=1/)
  })
  it('refuses when encryption is unavailable, on every platform', () => {
    expect(keyStorageDecision(linux('gnome_libsecret', false)).kind).toBe('refuse')
    expect(keyStorageDecision({ platform: 'darwin', backend: undefined, encryptionAvailable: false, allowInsecure: false }).kind).toBe('refuse')
    expect(keyStorageDecision({ platform: 'win32', backend: undefined, encryptionAvailable: false, allowInsecure: false }).kind).toBe('refuse')
  })
  it('refuses a Linux backend it cannot name', () => {
    expect(keyStorageDecision(linux('unknown')).kind).toBe('refuse')
  })
  it('wraps the key with a real keyring: libsecret, KWallet, the macOS Keychain, Windows DPAPI', () => {
    for (const backend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'] as const) expect(keyStorageDecision(linux(backend)).kind, backend).toBe('wrap')
    expect(keyStorageDecision({ platform: 'darwin', backend: undefined, encryptionAvailable: true, allowInsecure: false }).kind).toBe('wrap')
    expect(keyStorageDecision({ platform: 'win32', backend: undefined, encryptionAvailable: true, allowInsecure: false }).kind).toBe('wrap')
  })
  it('keeps the key unprotected only when the user opted in, and says so', () => {
    expect(keyStorageDecision(linux('basic_text', true, true)).kind).toBe('plain')
    expect(keyStorageDecision(linux('gnome_libsecret', false, true)).kind).toBe('plain')
    // a real keyring is used even by someone who opted out of needing one
    expect(keyStorageDecision(linux('gnome_libsecret', true, true)).kind).toBe('wrap')
  })
  it('takes the opt-in from the flag or the environment variable set to 1', () => {
    expect(insecureOptIn(true, {})).toBe(true)
    expect(insecureOptIn(false, { COMMONWEAVE_ALLOW_UNPROTECTED_KEY: '1' })).toBe(true)
    expect(insecureOptIn(false, { COMMONWEAVE_ALLOW_UNPROTECTED_KEY: 'yes' })).toBe(false)
    expect(insecureOptIn(false, {})).toBe(false)
  })
})

describe('passphrase kept by the keyring', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-passphrase-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  // A stand-in keyring: reversible, and visibly not the plain text.
  const safe: SafeStorageLike = {
    encryptString: (s) => Buffer.from(`enc:${Buffer.from(s).toString('hex')}`),
    decryptString: (b) => {
      const text = b.toString()
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      return Buffer.from(text.slice(4), 'hex').toString()
    },
  }

  it('makes a long random passphrase once, stores it only encrypted (0600), and gives the same one after', async () => {
    const file = join(dir, 'identity-passphrase.bin')
    const first = await loadOrCreatePassphrase(file, safe)
    expect(first.length).toBeGreaterThanOrEqual(40)
    expect(readFileSync(file, 'utf8')).not.toContain(first)
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(await loadOrCreatePassphrase(file, safe)).toBe(first)
  })
  it('refuses with PASSPHRASE_WRONG when the keyring cannot decrypt it, and leaves the file alone', async () => {
    const file = join(dir, 'other.bin')
    writeFileSync(file, 'garbage')
    await expect(loadOrCreatePassphrase(file, safe)).rejects.toMatchObject({ code: 'PASSPHRASE_WRONG' })
    expect(readFileSync(file, 'utf8')).toBe('garbage')
  })
})
