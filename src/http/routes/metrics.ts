// GET /metrics: Prometheus text format. The counters are kept in memory by the use-cases; the
// database gauges (timers due, outbox depth) are read at scrape time. A database that cannot be read
// does not fail the scrape: the process metrics still answer and huhuqing_database_up says 0.
import { Hono } from 'hono';
import type { AppMetrics } from '../../app/metrics/create-metrics.ts';
import type { MetricGaugeReadings } from '../../app/metrics/read-metric-gauges.ts';
import type { Logger } from '../../core/logger.ts';

export interface MetricsRouteDeps {
  metrics: AppMetrics;
  /** The database gauges, e.g. `() => readMetricGauges(db, now())`. */
  readGauges?: () => Promise<MetricGaugeReadings>;
  logger?: Logger;
}

export function metricsRoute(deps: MetricsRouteDeps): Hono {
  const route = new Hono();
  route.get('/metrics', async (c) => {
    if (deps.readGauges) {
      try {
        deps.metrics.setGauges(await deps.readGauges());
      } catch (error) {
        deps.logger?.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'metrics: database gauges not read');
        deps.metrics.setGauges(null);
      }
    }
    const text = await deps.metrics.render();
    return c.body(text, 200, { 'content-type': deps.metrics.contentType, 'cache-control': 'no-store' });
  });
  return route;
}
