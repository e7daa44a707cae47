/**
 * Checks the add-resource form with the same schema the peer applies, so a bad field is
 * explained next to the form, in words about the field the user typed, before anything is
 * sent. The peer still validates: this only makes its rules visible early.
 */
import type { ResourceInput } from '../../shared/schemas/resource.ts'
import { ResourceInputSchema } from '../../shared/schemas/resource.ts'

export interface ResourceFormFields { kind: string; title: string; tags: string }

export type ResourceFormCheck = { ok: true; input: ResourceInput } | { ok: false; problems: string[] }

/** Splits the comma-separated tags and validates the whole form. */
export function checkResourceForm(fields: ResourceFormFields): ResourceFormCheck {
  const tags = fields.tags.split(',').map((t) => t.trim()).filter(Boolean)
  const candidate = { kind: fields.kind, title: fields.title, ...(tags.length ? { tags } : {}) }
  const parsed = ResourceInputSchema.safeParse(candidate)
  if (parsed.success) return { ok: true, input: parsed.data }
  return { ok: false, problems: parsed.error.issues.map((issue) => describe(issue.path, issue.message, tags)) }
}

function describe(path: PropertyKey[], message: string, tags: string[]): string {
  const [field, index] = path
  const sentence = message.charAt(0).toUpperCase() + message.slice(1)
  if (field === 'tags' && typeof index === 'number') return `“${tags[index] ?? ''}” is not a valid tag. ${sentence}.`
  return `${sentence}.`
}
