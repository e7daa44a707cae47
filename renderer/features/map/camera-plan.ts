/**
 * Where the camera goes when the open node changes, as a rule apart from sigma so it can be
 * tested: a small map is read whole, so opening a node moves nothing unless the node is out of
 * sight; a large one comes close to the node so its neighbours can be read; closing the panel
 * goes back to the whole map. Anything else (a live change, the layout moving) moves nothing.
 */

/** From this many nodes, opening one zooms in on it. */
export const CLOSE_UP_FROM = 200

export type CameraMove = 'stay' | 'pan' | 'close-up' | 'whole'

export interface CameraCase {
  /** The node the camera last went to (null: none, the whole map). */
  focused: string | null
  /** The open node now, if it is drawn (null: none open, or not on the map). */
  selected: string | null
  order: number
  /** Whether the open node is inside the canvas as the camera stands. */
  inView: boolean
}

export function cameraMove(c: CameraCase): CameraMove {
  if (c.selected === c.focused) return 'stay'
  if (c.selected === null) return 'whole'
  if (c.order > CLOSE_UP_FROM) return 'close-up'
  return c.inView ? 'stay' : 'pan'
}
