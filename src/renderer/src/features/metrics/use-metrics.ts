/** The Metrics screen's view of a period, computed off the page and again after data changes. */
import type { MetricsView } from '@shared/domain/metrics'
import Dexie from 'dexie'
import { useEffect, useState } from 'react'
import { pageSummaries } from '../../db/hooks'
import { db } from '../../db/instance'
import { measured } from '../../platform/perf'
import { createMetricsClient } from './metrics-client'
import type { MetricsRequest } from './metrics-service'

export const metricsClient = createMetricsClient(db, pageSummaries)

/** Incidents or action items changed: the view is computed again once writes pause this long. */
const QUIET_MS = 300
const CHANGED = /\/(summaries|actionItems)\//

export interface MetricsState {
  view?: MetricsView
  /** Whether `view` answers the current request (not an earlier one, shown until it is). */
  current: boolean
  error?: string
}

/**
 * The view for `request` (undefined until there is one to make); one computation at a time, the
 * last view shown until the next arrives.
 */
export function useMetricsView(request: MetricsRequest | undefined): MetricsState {
  const key = request && JSON.stringify(request)
  const [state, setState] = useState<{ key?: string; view?: MetricsView; error?: string }>({})
  useEffect(() => {
    if (key === undefined) return
    let alive = true
    let reading = false
    let again = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const compute = () => {
      if (reading) {
        again = true
        return
      }
      reading = true
      measured('metrics', () => metricsClient.view(JSON.parse(key) as MetricsRequest))
        .then(
          (view) => alive && setState({ key, view }),
          (error: unknown) =>
            alive &&
            setState((s) => ({
              ...s,
              error: error instanceof Error ? error.message : String(error),
            })),
        )
        .finally(() => {
          reading = false
          if (again && alive) {
            again = false
            compute()
          }
        })
    }
    compute()
    const soon = (parts: Record<string, unknown>) => {
      if (!Object.keys(parts).some((part) => CHANGED.test(part))) return
      clearTimeout(timer)
      timer = setTimeout(compute, QUIET_MS)
    }
    Dexie.on.storagemutated.subscribe(soon)
    return () => {
      alive = false
      clearTimeout(timer)
      Dexie.on.storagemutated.unsubscribe(soon)
    }
  }, [key])
  return { view: state.view, current: state.key === key, error: state.error }
}
