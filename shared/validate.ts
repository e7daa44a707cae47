import type { z } from 'zod'
import { CommonweaveError, ErrorCode } from './errors.ts'

/**
 * `value` checked against `schema`, or VALIDATION_FAILED naming every failing field (under
 * `field`, when the value is one field of something larger): the message says them all, the
 * details list them one by one.
 */
export function validated<S extends z.ZodType>(schema: S, value: unknown, field: string | null = null): z.infer<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issues = result.error.issues.map((i) => ({
    path: field ? [field, ...i.path.map(String)].join('.') : i.path.map(String).join('.'),
    message: i.message,
  }))
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')
  throw new CommonweaveError(ErrorCode.ValidationFailed, message, issues)
}
