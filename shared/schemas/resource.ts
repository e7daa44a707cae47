/**
 * Resources: what a member submits (add, edit) and what is stored in a space's `resources`
 * collection. Every field of DESIGN.md "Resources and bookings": title, description, tags,
 * owner, location (text, optional coordinates), availability, quantity, status, pool, and an
 * expiry for offers and needs.
 *
 * Fields added after version 1 are optional, so an item stored by an older peer is still a
 * valid item, and an older peer reading a newer item keeps the fields it knows (its schema
 * passes the others over; an edit writes only the fields it changes). No version bump was
 * needed for them.
 */
import { z } from 'zod'
import { lineText, visibleText } from './text.ts'

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

/** Kinds that can expire (an offer or need is for a while; a tool or a skill stays). */
export const EXPIRING_KINDS: readonly ResourceKind[] = [ResourceKind.Offer, ResourceKind.Need]
/** Kinds that can be booked for a time. */
export const BOOKABLE_KINDS: readonly ResourceKind[] = [ResourceKind.Tool, ResourceKind.Facility]

export const ResourceStatus = { Open: 'open', Matched: 'matched', Closed: 'closed' } as const
export type ResourceStatus = (typeof ResourceStatus)[keyof typeof ResourceStatus]
export const RESOURCE_STATUSES = Object.values(ResourceStatus) as [ResourceStatus, ...ResourceStatus[]]

// NFC first, so "café" typed as e + combining accent is the same tag as the precomposed one;
// combining marks are allowed after the first character (Devanagari, decomposed accents).
export const TagSchema = z.string().trim().transform((t) => t.normalize('NFC').toLowerCase()).pipe(
  z.string().min(1, 'a tag cannot be empty').max(40, 'a tag is at most 40 characters')
    .regex(/^[\p{L}\p{N}][\p{L}\p{M}\p{N} _.-]*$/u, 'a tag is letters, digits, spaces, "_", "." or "-"'))

const MAX_EXPIRY_SECONDS = 5 * 366 * 86400

const title = visibleText('title', 200)
const description = z.string().max(5000, 'description is at most 5000 characters')
const tags = z.array(TagSchema).max(20, 'at most 20 tags')
const quantity = z.number({ error: 'quantity must be a number' }).int('quantity must be a whole number').min(0, 'quantity is at least 0').max(1_000_000, 'quantity is at most 1,000,000')
const location = lineText('location', 200)
const coordinates = z.strictObject({
  lat: z.number().min(-90, 'lat is between -90 and 90').max(90, 'lat is between -90 and 90'),
  lon: z.number().min(-180, 'lon is between -180 and 180').max(180, 'lon is between -180 and 180'),
}, { error: 'coordinates are {lat, lon} in degrees' })
const availability = lineText('availability', 500)
/** A pool by name or id (or the start of its id); the peer resolves it. */
const poolRef = z.string().trim().min(1, 'pool cannot be empty').max(200, 'pool is at most 200 characters')
const expiresInSeconds = z.number({ error: 'expiresInSeconds must be a number of seconds' }).int('expiresInSeconds must be whole seconds')
  .min(1, 'expiresInSeconds must be at least 1').max(MAX_EXPIRY_SECONDS, 'an expiry is at most five years away')
const expiresAt = z.iso.datetime({ offset: true, local: true, error: 'expiresAt must be an ISO 8601 time, e.g. 2026-12-24T18:00' })

const folded = (v: unknown): unknown => (typeof v === 'string' ? v.trim().toLowerCase() : v)
/** A kind as typed: any case (the OpenAPI document still lists the kinds). */
export const KindSchema = z.preprocess(folded, z.enum(RESOURCE_KINDS, { error: `kind must be one of: ${RESOURCE_KINDS.join(', ')}` }))
/** A status as typed: any case. */
export const StatusSchema = z.preprocess(folded, z.enum(RESOURCE_STATUSES, { error: `status must be one of: ${RESOURCE_STATUSES.join(', ')}` }))

/** What a member submits to add a resource (API body, CLI flags). */
export const ResourceInputSchema = z.strictObject({
  kind: KindSchema,
  title,
  description: description.optional(),
  tags: tags.optional(),
  quantity: quantity.optional(),
  location: location.optional(),
  coordinates: coordinates.optional(),
  availability: availability.optional(),
  pool: poolRef.optional(),
  /** Offers and needs only: when the item stops being listed. */
  expiresInSeconds: expiresInSeconds.optional(),
  expiresAt: expiresAt.optional(),
})
export type ResourceInput = z.infer<typeof ResourceInputSchema>

/**
 * What an edit may change: only the fields given change (concurrent edits of other fields on
 * other peers survive the merge). `null` clears an optional field.
 */
export const ResourceEditSchema = z.strictObject({
  title: title.optional(),
  description: description.optional(),
  tags: tags.optional(),
  quantity: quantity.nullable().optional(),
  location: location.nullable().optional(),
  coordinates: coordinates.nullable().optional(),
  availability: availability.nullable().optional(),
  pool: poolRef.nullable().optional(),
  status: StatusSchema.optional(),
  expiresInSeconds: expiresInSeconds.optional(),
  expiresAt: expiresAt.nullable().optional(),
})
export type ResourceEdit = z.infer<typeof ResourceEditSchema>

/** A resource as stored in a space's `resources` collection (schemaVersion 1; later fields optional). */
export const ResourceSchema = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(RESOURCE_KINDS),
  title: z.string().min(1).max(200),
  description: z.string().max(5000),
  tags: z.array(z.string().max(40)).max(20),
  owner: z.string().min(1).max(200),
  status: z.enum(RESOURCE_STATUSES),
  quantity: z.number().int().min(0).optional(),
  location: z.string().max(200).optional(),
  coordinates: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
  availability: z.string().max(500).optional(),
  /** The id of a pool of the same space. */
  pool: z.string().max(64).optional(),
  /** ISO time, offers and needs only. */
  expiresAt: z.string().max(64).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deleted: z.boolean().optional(),
  schemaVersion: z.number().int().optional(),
})
export type Resource = z.infer<typeof ResourceSchema>

/** A resource as the API shows it: the stored item, with the names behind its keys and whether it has expired. */
export type ResourceView = Resource & {
  /** The owner's name on the space's roster (null where this peer cannot see the roster). */
  ownerName: string | null
  poolName: string | null
  /** Past its `expiresAt`: left out of the default listing, marked wherever shown. */
  expired: boolean
}
