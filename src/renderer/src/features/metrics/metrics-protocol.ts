/** Messages between the page and the metrics worker. */
import type { MetricsView } from '@shared/domain/metrics'
import type { Period } from '@shared/domain/periods'
import type { MetricsRequest } from './metrics-service'
import type { ReportDraft } from './report-draft'

export type ToMetrics =
  /** Read the table now (Metrics was chosen: its screen is still loading). No answer. */
  | { type: 'warm' }
  | { type: 'view'; id: number; request: MetricsRequest }
  | { type: 'report'; id: number; request: MetricsRequest; period: Period }

export type FromMetrics =
  | { type: 'view'; id: number; view: MetricsView }
  | { type: 'report'; id: number; draft: ReportDraft }
  | { type: 'failed'; id: number; message: string }
