/** The map's metrics through the API: the graph at the map's current version, figures computed once for it (map-metrics.ts). */
import type { MapService } from '../../domain/map-service.ts'
import type { MetricsService } from '../../domain/map-metrics.ts'
import type { Handlers } from '../call.ts'

export function mapMetricsHandlers(d: { map: MapService; metrics: MetricsService }): Pick<Handlers, 'mapMetrics'> {
  return {
    mapMetrics: async (_ctx, { spaceId }) => {
      const { version, graph } = await d.map.graph(spaceId)
      return d.metrics.get(spaceId, version, graph)
    },
  }
}
