/**
 * Text that people type and other people see: titles, names, notes. Whatever a peer writes may
 * reach a terminal, so two rules hold at the API, for every single-line field:
 * - no character that steers a terminal or reorders text (C0 and C1 controls, DEL, bidi
 *   embeddings, overrides and isolates, line and paragraph separators);
 * - a title or a name shows at least one visible character (not only spaces, zero-width or
 *   format characters).
 * Text synced from peers never passes here; the CLI neutralises it again where it prints.
 */
import { z } from 'zod'

/** Characters a terminal obeys or that reorder the text around them. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const STEERING_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu

/** A character that shows something: not a space, control, format, default-ignorable, unassigned or lone combining character. */
const VISIBLE_CHAR = /[^\p{White_Space}\p{Cc}\p{Cf}\p{Cs}\p{Cn}\p{M}\p{Default_Ignorable_Code_Point}\u2800]/u

/** Whether `text` has a character that steers a terminal or reorders text. */
export function hasSteeringChar(text: string): boolean {
  return text.search(STEERING_CHARS) !== -1
}

/** Whether `text` shows at least one visible character. */
export function hasVisibleChar(text: string): boolean {
  return VISIBLE_CHAR.test(text)
}

/** A single-line text field, at most `max` characters, with no steering character. */
export function lineText(field: string, max: number): z.ZodString {
  return z.string({ error: `${field} must be text` }).trim().max(max, `${field} is at most ${max} characters`)
    .refine((s) => !hasSteeringChar(s), `${field} cannot hold control characters (escape, carriage return, bidi overrides…); use plain text on one line`)
}

/** A title or a name: one line, required, with at least one visible character. */
export function visibleText(field: string, max: number): z.ZodString {
  return lineText(field, max).min(1, `${field} is required`)
    // One complaint at a time: an empty or steering text is refused above already.
    .refine((s) => s === '' || hasSteeringChar(s) || hasVisibleChar(s), `${field} needs at least one visible character, not only spaces or invisible ones`)
}
