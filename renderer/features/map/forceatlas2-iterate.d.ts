/** graphology-layout-forceatlas2's one-step function (no types of its own): moves the nodes of the matrices in place. */
declare module 'graphology-layout-forceatlas2/iterate.js' {
  export default function iterate(settings: object, nodes: Float32Array, edges: Float32Array): void
}
