/** A file's JSON, or an error that says where it breaks: by line and column, as an editor shows them. */
import { refuse } from './fields.ts'

/** The JSON value of `text` (a byte order mark is passed by). */
export function parseJsonText(text: string): unknown {
  const body = text.replace(/^\uFEFF/, '')
  try {
    return JSON.parse(body)
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    const pos = /at position (\d+)/.exec(message)
    const offset = pos ? Number(pos[1]) : unexpectedAt(body, message)
    const before = body.slice(0, offset)
    const line = before.split('\n').length
    const column = offset - before.lastIndexOf('\n')
    const why = message.replace(/\s*(in JSON )?at position \d+.*$/, '').replace(/ in JSON$/, '')
    return refuse(`the file is not valid JSON: line ${line}, column ${column}: ${why}`)
  }
}

/**
 * Where V8's "Unexpected token 'X', ...\"context\"... is not valid JSON" happened: that message
 * names no position, only the text around the token (ten characters each side, "..." where
 * cut). The end of the file when the context cannot be found.
 */
function unexpectedAt(body: string, message: string): number {
  const m = /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON/.exec(message)
  if (!m) return body.length
  const [, token, cut, context] = m as unknown as [string, string, string | undefined, string]
  const at = body.indexOf(context)
  if (at < 0) return body.length
  const inContext = context.indexOf(token, cut ? Math.min(10, context.length - 1) : 0)
  return at + (inContext < 0 ? 0 : inContext)
}

/** Whether `v` is a plain object (not a list, not null). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
