/**
 * What a person reads when a peer has started: the link that opens the app (its token in the
 * fragment, which never reaches a server log or the Referer header), the local API, and the
 * data directory. `npm start` prints it on its stdout; `commonweave start` on its stderr, and
 * only to a terminal: the token is a key to the peer, and a redirected output is a log file
 * (`npm start > log` prints the link with a pointer to the token file instead).
 */
import { join } from 'node:path'
import { TOKEN_FILE } from '../peer/api/token.ts'

/**
 * Set by `npm start`'s launcher in the peer's environment: the launcher prints the text
 * itself, so the peer does not print it a second time.
 */
export const LINK_SHOWN_BY_LAUNCHER_ENV = 'COMMONWEAVE_LINK_SHOWN_BY_LAUNCHER'

export interface ReadyFacts {
  peerId: string
  /** The UI's address without the token, when the UI is served. */
  ui?: string
  api: string
  dataDir: string
  /** Null when the text goes somewhere other than a terminal (a log): the link then says where the token is. */
  token: string | null
}

export function uiLink(ui: string, token: string): string {
  return `${ui}#token=${token}`
}

export function readyText(r: ReadyFacts): string {
  return [
    '',
    `Commonweave peer ${r.peerId} is running.`,
    `  Open the app:  ${!r.ui ? '(UI not built)' : r.token !== null ? uiLink(r.ui, r.token) : `${r.ui}#token=<the token in ${join(r.dataDir, TOKEN_FILE)}>`}`,
    `  Local API:     ${r.api}  (bearer token in ${join(r.dataDir, TOKEN_FILE)})`,
    `  Data:          ${r.dataDir}`,
    '  Stop it with Ctrl+C.',
    '',
  ].join('\n') + '\n'
}

/** Whether `commonweave start` prints the text: to a person at a terminal, unless its launcher does. */
export function peerPrintsReadyText(env: NodeJS.ProcessEnv = process.env, stderrIsTty = process.stderr.isTTY === true): boolean {
  return stderrIsTty && env[LINK_SHOWN_BY_LAUNCHER_ENV] !== '1'
}
