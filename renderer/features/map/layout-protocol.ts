/**
 * What the map's page and its layout worker say to each other. The matrices are ForceAtlas2's
 * (graphology-layout-forceatlas2): 10 numbers a node (x, y, forces, mass, size, fixed) and 3
 * an edge (the offsets of its ends in the node matrix, its weight).
 */
import type { ForceAtlas2Settings } from 'graphology-layout-forceatlas2'

/** Numbers a node and an edge take in the matrices. */
export const PPN = 10
export const PPE = 3

export type ToLayout =
  | { type: 'run'; run: number; nodes: Float32Array; edges: Float32Array; settings: ForceAtlas2Settings; iterations: number }
  | { type: 'stop' }

/** Positions so far (x, y a node, in the order of the matrix), and whether the run ended. */
export type FromLayout = { type: 'tick'; run: number; xy: Float32Array; iterations: number; done: boolean }
