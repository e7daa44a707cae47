/**
 * graphology's metric functions as callable values, and the seed Louvain is given. These
 * packages are CommonJS with `export default` in their types: TypeScript sees a default import
 * as `{ default: fn }`, while Node (and a bundler) hands over `fn` itself.
 */
import betweennessModule from 'graphology-metrics/centrality/betweenness.js'
import closenessModule from 'graphology-metrics/centrality/closeness.js'
import eigenvectorModule from 'graphology-metrics/centrality/eigenvector.js'
import louvainModule from 'graphology-communities-louvain'

export { seededRandom } from '../seeded-random.ts'

const cjsDefault = <T>(m: { default: T }): T => ('default' in m ? m.default : (m as unknown as T))
export const betweennessCentrality = cjsDefault(betweennessModule)
export const closenessCentrality = cjsDefault(closenessModule)
export const eigenvectorCentrality = cjsDefault(eigenvectorModule)
export const louvain = cjsDefault(louvainModule)

/** Louvain's seed: the same map always gives the same communities. */
export const LOUVAIN_SEED = 0x5eed
