/**
 * A validation error in the command line's words. The daemon (or the domain) names the input
 * field that failed (`perNeed: perNeed is at least 1`); a person typed a flag (`--per-need`)
 * or a positional (`SPACE`), so each failing field a command sets is named as it was given:
 * `--per-need is at least 1`, `--expires: an agent lasts at most 24 h at a time`. Fields no
 * flag sets keep their names.
 */
import { ErrorCode, type ErrorData } from '../../shared/errors.ts'
import type { CliCommand } from '../../shared/api/operation.ts'

interface Issue { path: string; message: string }

function isIssues(details: unknown): details is Issue[] {
  return Array.isArray(details) && details.length > 0 &&
    details.every((i) => typeof (i as Issue | null)?.path === 'string' && typeof (i as Issue).message === 'string')
}

/** The error with each failing field the command sets named as its flag or positional; any other error as it was. */
export function inFlagWords(error: ErrorData, cli: CliCommand | undefined): ErrorData {
  if (!cli || error.code !== ErrorCode.ValidationFailed || !isIssues(error.details)) return error
  const issues = error.details
  const named = issues.map((i) => {
    const [field = '', ...rest] = i.path.split('.')
    const flag = Object.entries(cli.flags ?? {}).find(([name, f]) => (f.field ?? name) === field)?.[0]
    const arg = cli.args.find(([, f]) => f === field)?.[0]
    if (flag === undefined && arg === undefined) return i.path ? `${i.path}: ${i.message}` : i.message
    const where = [flag !== undefined ? `--${flag}` : arg as string, ...rest].join(' ')
    // "perNeed is at least 1" names the field itself: the flag takes its place in the sentence.
    return rest.length === 0 && i.message.startsWith(`${field} `) ? `${where} ${i.message.slice(field.length + 1)}` : `${where}: ${i.message}`
  })
  return { ...error, message: named.join('; ') }
}
