/** A file on the peer's machine, named by the API (export, import): a full path, never relative to wherever the peer runs. */
import { z } from 'zod'

/** Whether `p` is a full path: `/…`, or `C:\…` on Windows. */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p)
}

/** An API field holding such a path. */
export function absolutePath(field: string): z.ZodType<string> {
  return z.string({ error: `${field} is required` }).min(1, `${field} is required`).max(4096, `${field} is at most 4096 characters`)
    .refine(isAbsolutePath, `${field} must be an absolute path on the peer's machine`)
}
