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
    const offset = pos ? Number(pos[1]) : body.length
    const before = body.slice(0, offset)
    const line = before.split('\n').length
    const column = offset - before.lastIndexOf('\n')
    const why = message.replace(/\s*(in JSON )?at position \d+.*$/, '').replace(/ in JSON$/, '')
    return refuse(`the file is not valid JSON: line ${line}, column ${column}: ${why}`)
  }
}

/** Whether `v` is a plain object (not a list, not null). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
