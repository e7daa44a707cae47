/** What a person reads after the commands that work on the data directory: `init`, and `whoami` with no peer running. */
import type { InitResult, OfflineWhoAmI } from './local-commands.ts'

export function initLines(i: InitResult): string {
  return [
    `${i.created ? 'Created' : 'Found the existing'} identity "${i.name}" in ${i.dataDir}${i.renamed ? ' (renamed)' : ''}`,
    `  did:    ${i.did}`,
    `  peerId: ${i.peerId}`,
    `  key:    ${i.wrapped ? 'protected by a passphrase (start asks for it, or reads $COMMONWEAVE_PASSPHRASE)' : 'not protected by a passphrase (init --passphrase wraps it)'}`,
  ].join('\n')
}

export function offlineWhoAmI(w: OfflineWhoAmI): string {
  const lines = [w.name, `  did:    ${w.did}`, `  peerId: ${w.peerId}`, '',
    'Give your did to whoever grants you access to their space.', '(No peer is running: read from the data directory.)']
  if (w.spaces.length === 0) return [...lines, '', 'You are in no spaces yet.'].join('\n')
  return [...lines, '', 'Spaces:', ...w.spaces.map((s) => `  ${s.spaceId}  ${s.name ?? '(name not known here)'}`)].join('\n')
}
