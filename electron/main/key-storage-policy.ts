/**
 * Whether the identity key can be kept wrapped under a passphrase that the OS keyring
 * protects (Electron's safeStorage). On Linux without a keyring Chromium falls back to
 * 'basic_text': a hard-coded key, i.e. no protection at all. Then the app refuses to start,
 * saying what to install, unless the user has opted in to an unprotected key on purpose
 * (INSECURE_KEY_OPT_IN), which is what `commonweave start` does by default too.
 */

export type StorageBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown'

export interface KeyStorageFacts {
  platform: NodeJS.Platform
  encryptionAvailable: boolean
  /** safeStorage.getSelectedStorageBackend(); only meaningful on Linux. */
  backend: StorageBackend | undefined
  /** The user asked for an unprotected key (flag or environment variable). */
  allowInsecure: boolean
}

export type KeyStorageDecision =
  | { kind: 'wrap' }
  | { kind: 'plain'; warning: string }
  | { kind: 'refuse'; title: string; message: string; detail: string }

export const INSECURE_KEY_FLAG = '--allow-unprotected-key'
export const INSECURE_KEY_ENV = 'COMMONWEAVE_ALLOW_UNPROTECTED_KEY'

const LINUX_HELP = 'Install and unlock a keyring service — gnome-keyring (GNOME and most desktops; package "gnome-keyring", ' +
  'with libsecret) or KWallet (KDE; package "kwalletmanager") — then start Commonweave again.'
const OPT_OUT = `To run anyway with the key stored unprotected on disk (as "commonweave start" does), start with ${INSECURE_KEY_FLAG} or set ${INSECURE_KEY_ENV}=1.`

export function keyStorageDecision(f: KeyStorageFacts): KeyStorageDecision {
  const linuxPlainText = f.platform === 'linux' && (f.backend === 'basic_text' || f.backend === 'unknown' || f.backend === undefined)
  if (f.encryptionAvailable && !linuxPlainText) return { kind: 'wrap' }
  if (f.allowInsecure) {
    return { kind: 'plain', warning: 'No OS keyring protects the identity key: it is stored unprotected in the data directory, because you chose so.' }
  }
  if (f.platform === 'linux') {
    return {
      kind: 'refuse',
      title: 'No keyring to protect your identity key',
      message: 'Commonweave keeps your identity key locked with a secret held by your desktop\'s keyring, and no keyring was found' +
        (f.backend === 'basic_text' ? ' (Chromium fell back to storing secrets as plain text).' : '.'),
      detail: `${LINUX_HELP}\n\n${OPT_OUT}`,
    }
  }
  return {
    kind: 'refuse',
    title: 'Your identity key cannot be protected',
    message: f.platform === 'darwin' ? 'The macOS Keychain is not available to Commonweave.' : 'The system\'s data protection (DPAPI) is not available to Commonweave.',
    detail: `Sign in to your user account normally (not as a guest or over a remote session without a keychain) and start Commonweave again.\n\n${OPT_OUT}`,
  }
}

/** The opt-in: the flag, or the environment variable set to 1. */
export function insecureOptIn(flag: boolean, env: NodeJS.ProcessEnv): boolean {
  return flag || env[INSECURE_KEY_ENV] === '1'
}
