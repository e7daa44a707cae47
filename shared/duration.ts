import { CommonweaveError, ErrorCode } from './errors.ts'

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }

const DURATION = /^(\d{1,6})([smhdw])$/

/** Whether `text` is written as a duration (`90s`, `15m`, `24h`, `30d`, `2w`), whatever its length. */
export function isDuration(text: string): boolean {
  return DURATION.test(text.trim())
}

/** Parses `90s`, `15m`, `24h`, `30d`, `2w` into seconds. */
export function parseDuration(text: string): number {
  const m = DURATION.exec(text.trim())
  if (!m) {
    throw new CommonweaveError(ErrorCode.ValidationFailed,
      `"${text}" is not a duration: use a number and a unit, e.g. 90s, 15m, 24h, 30d, 2w`)
  }
  const seconds = Number(m[1]) * (UNIT_SECONDS[m[2] as string] ?? 0)
  if (seconds <= 0) throw new CommonweaveError(ErrorCode.ValidationFailed, 'a duration must be longer than zero')
  return seconds
}
