/** Messages between the page and the metrics worker. */
import type { MetricsView } from '@shared/domain/metrics'
import type { MetricsRequest } from './metrics-service'

export type ToMetrics = { type: 'view'; id: number; request: MetricsRequest }

export type FromMetrics =
  { type: 'view'; id: number; view: MetricsView } | { type: 'failed'; id: number; message: string }
