/** The Metrics screen's view of a period, computed off the page and again after data changes. */
import type { MetricsView } from '@shared/domain/metrics'
import { useCallback, useState } from 'react'
import { useSettledRead } from '../../db/hooks'
import { db } from '../../db/instance'
import { measured } from '../../platform/perf'
import { createMetricsClient } from './metrics-client'
import type { MetricsRequest } from './metrics-service'

export const metricsClient = createMetricsClient(db)

/** Incidents or action items changed: the view is computed again once writes pause this long. */
const METRICS_READS = { tables: ['summaries', 'actionItems'], startMs: 0, quietMs: 300 }

export interface MetricsState {
  view?: MetricsView
  /** Whether `view` answers the current request (not an earlier one, shown until it is). */
  current: boolean
  error?: string
}

/**
 * The view for `request` (undefined until there is one to make); one computation at a time, the
 * last view shown until the next arrives, and kept when one fails.
 */
export function useMetricsView(request: MetricsRequest | undefined): MetricsState {
  const key = request && JSON.stringify(request)
  const [error, setError] = useState<string>()
  const load = useCallback(async () => {
    if (key === undefined) return undefined
    try {
      const view = await measured('metrics', () =>
        metricsClient.view(JSON.parse(key) as MetricsRequest),
      )
      setError(undefined)
      return { key, view }
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure))
      return undefined
    }
  }, [key])
  const read = useSettledRead(load, METRICS_READS, key !== undefined)
  return { view: read?.view, current: read?.key === key, error }
}
