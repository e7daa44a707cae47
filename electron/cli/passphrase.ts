/**
 * The passphrase of a wrapped identity key: from COMMONWEAVE_PASSPHRASE when it is set (an
 * unattended start), else asked on the terminal without echo. The prompt goes to stderr:
 * stdout carries the ready line and --json results.
 */
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'

export const PASSPHRASE_ENV = 'COMMONWEAVE_PASSPHRASE'

/** The passphrase set in the environment, if any. */
export function envPassphrase(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[PASSPHRASE_ENV]
  return value === undefined || value === '' ? undefined : value
}

/** The passphrase to unlock the key: the environment's, else asked once on the terminal. */
export async function askPassphrase(dataDir: string): Promise<string> {
  return envPassphrase() ?? await askHidden(`Passphrase for the identity in ${dataDir}: `, dataDir)
}

/** A new passphrase: the environment's, else asked twice on the terminal. */
export async function newPassphrase(dataDir: string): Promise<string> {
  const env = envPassphrase()
  if (env !== undefined) return env
  const first = await askHidden(`New passphrase for the identity in ${dataDir}: `, dataDir)
  const again = await askHidden('The same passphrase again: ', dataDir)
  if (first !== again) throw new CommonweaveError(ErrorCode.ValidationFailed, 'The two passphrases differ; nothing was changed.')
  return first
}

function askHidden(prompt: string, dataDir: string): Promise<string> {
  const input = process.stdin
  if (!input.isTTY) {
    return Promise.reject(new CommonweaveError(ErrorCode.PassphraseRequired,
      `The identity key in ${dataDir} needs a passphrase and there is no terminal to ask for it: set ${PASSPHRASE_ENV}.`))
  }
  return new Promise((resolve, reject) => {
    let text = ''
    const finish = (err?: Error): void => {
      input.off('data', onData)
      input.setRawMode(false)
      input.pause()
      process.stderr.write('\n')
      if (err) reject(err)
      else resolve(text)
    }
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish()
        if (ch === '\u0003' || (ch === '\u0004' && text === '')) return finish(new CommonweaveError(ErrorCode.Aborted, 'Cancelled: no passphrase given.'))
        if (ch === '\u007f' || ch === '\b') text = Array.from(text).slice(0, -1).join('')
        else if (ch >= ' ') text += ch
      }
    }
    process.stderr.write(prompt)
    input.setEncoding('utf8')
    input.setRawMode(true)
    input.on('data', onData)
    input.resume()
  })
}
