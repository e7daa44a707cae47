import { z } from 'zod'

/** The kinds of shared resource a community posts. */
export const ResourceKind = {
  Offer: 'offer',
  Need: 'need',
  Tool: 'tool',
  Facility: 'facility',
  Skill: 'skill',
} as const
export type ResourceKind = (typeof ResourceKind)[keyof typeof ResourceKind]
export const RESOURCE_KINDS = Object.values(ResourceKind) as [ResourceKind, ...ResourceKind[]]

export const ResourceStatus = { Open: 'open', Matched: 'matched', Closed: 'closed' } as const
export type ResourceStatus = (typeof ResourceStatus)[keyof typeof ResourceStatus]

// NFC first, so "café" typed as e + combining accent is the same tag as the precomposed one;
// combining marks are allowed after the first character (Devanagari, decomposed accents).
const tag = z.string().trim().transform((t) => t.normalize('NFC').toLowerCase()).pipe(
  z.string().min(1, 'a tag cannot be empty').max(40, 'a tag is at most 40 characters')
    .regex(/^[\p{L}\p{N}][\p{L}\p{M}\p{N} _.-]*$/u, 'a tag is letters, digits, spaces, "_", "." or "-"'))

/** What a member submits to add a resource (API body, CLI flags). */
export const ResourceInputSchema = z.strictObject({
  kind: z.enum(RESOURCE_KINDS, { error: `kind must be one of: ${RESOURCE_KINDS.join(', ')}` }),
  title: z.string().trim().min(1, 'title is required').max(200, 'title is at most 200 characters'),
  description: z.string().max(5000, 'description is at most 5000 characters').optional(),
  tags: z.array(tag).max(20, 'at most 20 tags').optional(),
})
export type ResourceInput = z.infer<typeof ResourceInputSchema>

/** A resource as stored in a space's `resources` collection document (schemaVersion 1). */
export const ResourceSchema = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(RESOURCE_KINDS),
  title: z.string().min(1).max(200),
  description: z.string().max(5000),
  tags: z.array(z.string().max(40)).max(20),
  owner: z.string().min(1).max(200),
  status: z.enum([ResourceStatus.Open, ResourceStatus.Matched, ResourceStatus.Closed]),
  createdAt: z.string(),
  updatedAt: z.string(),
  deleted: z.boolean().optional(),
})
export type Resource = z.infer<typeof ResourceSchema>
