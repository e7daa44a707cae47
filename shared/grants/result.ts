/** The outcome of a grant check: a value, or the rule that failed as error data (never a throw). */
import { ErrorCode, type ErrorData } from '../errors.ts'

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } }
}

export { ErrorCode }
