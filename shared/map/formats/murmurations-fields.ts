/**
 * How the map meets Murmurations' organizations_schema-v1.0.0, both ways.
 *
 * A profile is a node: `name` its label, `primary_url` its url, `description`, `tags`; every
 * other field of the schema is kept as an attribute under its name (an object one key at a time:
 * `geolocation.lat`). A relationship is an edge to the node whose `primary_url` is its
 * `object_url`; its type is the predicate's last word (`https://schema.org/memberOf` → memberOf).
 *
 * What the schema has no field for travels in fields of our own, which Murmurations' index
 * passes by: `map_type` (a node that is no organisation), `map_id` (a node without a url, which
 * relationships then name as `urn:commonweave:map-node:<id>`), `map_attributes` (attributes
 * that are no field of the schema), and on a relationship `direction`, `label`, `description`,
 * `tags` and `attributes`. So an export read back gives the same nodes and edges.
 */
export const ORGANIZATIONS_SCHEMA = 'organizations_schema-v1.0.0'
export const NODE_URN = 'urn:commonweave:map-node:'
const EDGE_TYPE_URN = 'urn:commonweave:map-edge-type:'

/** The attribute that keeps a predicate that is not the one the edge's type is written as. */
export const PREDICATE_ATTRIBUTE = 'predicate_url'

/** Fields of organizations_schema-v1.0.0 that are kept as attributes (the others are node fields). */
export const SCHEMA_ATTRIBUTES = new Set(['nickname', 'urls', 'mission', 'status', 'full_address', 'country_iso_3166', 'country_name', 'locality',
  'region', 'postal_code', 'geolocation', 'geographic_scope', 'image', 'header_image', 'images', 'rss', 'starts_at', 'ends_at', 'contact_details',
  'telephone', 'legal_form', 'keywords'])

/** Profile fields the map reads itself, and our own. */
export const PROFILE_FIELDS = new Set(['linked_schemas', 'name', 'primary_url', 'description', 'tags', 'relationships', 'map_type', 'map_id', 'map_attributes'])

/** An edge's type from a predicate url: its last word, after the last `/`, `#` or `:`. */
export function typeOfPredicate(predicate: string): string {
  const last = predicate.trim().replace(/[/#:]+$/, '').split(/[/#:]/).pop() ?? ''
  try {
    return decodeURIComponent(last).trim()
  } catch {
    return last.trim()
  }
}

/** The predicate an edge type is written as when it came with none. */
export function predicateOfType(type: string): string {
  return `${EDGE_TYPE_URN}${encodeURIComponent(type)}`
}

/** Whether an attribute is a field of the schema (or a key of one: `geolocation.lat`). */
export function isSchemaAttribute(name: string): boolean {
  return SCHEMA_ATTRIBUTES.has(name.split('.')[0]!)
}
