/**
 * Whether the Map section has anything for this peer in a space: members see it, and a guest
 * whose grant names the `map` collection (or the whole space). What this peer may change is the
 * peer's own answer (`may` on the map and on each node), so no control is offered that it would
 * refuse.
 */

/** The map collection's name, as grants list it (shared/collections/map.ts: not imported, it would bring its schemas into the first paint). */
export const MAP = 'map'
