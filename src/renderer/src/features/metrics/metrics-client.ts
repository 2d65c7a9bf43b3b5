/**
 * The page's handle on metrics: computed in a worker (metrics.worker.ts) in the app; on the page
 * where workers are missing (unit tests) or the worker failed to start. The worker stops when
 * Metrics has not asked for a while (it holds a copy of every summary).
 */
import type { MetricsView, PeriodMetrics } from '@shared/domain/metrics'
import type { SteadyDb } from '../../db/database'
import type { SummariesReader } from '../../db/summaries-reader'
import type { FromMetrics, ToMetrics } from './metrics-protocol'
import { MetricsService, type MetricsRequest } from './metrics-service'

export interface MetricsClient {
  /** What the Metrics screen shows. */
  view(request: MetricsRequest): Promise<MetricsView>
  /** The whole metrics, incidents and all, for the review report: computed on the page. */
  metrics(request: MetricsRequest): Promise<PeriodMetrics>
}

/** A worker not asked anything for this long is stopped. */
const IDLE_MS = 120_000

export function createMetricsClient(db: SteadyDb, summaries: SummariesReader): MetricsClient {
  let onPage: MetricsService | null = null
  const page = () => (onPage ??= new MetricsService(db, summaries))
  const metrics = (request: MetricsRequest) => page().metrics(request)
  if (typeof Worker === 'undefined') return { view: (request) => page().view(request), metrics }

  let worker: Worker | null = null
  let failed = false
  let idle: ReturnType<typeof setTimeout> | undefined
  let next = 0
  const waiting = new Map<number, { resolve(view: MetricsView): void; reject(e: Error): void }>()
  const stop = (why: string) => {
    worker?.terminate()
    worker = null
    for (const call of waiting.values()) call.reject(new Error(why))
    waiting.clear()
  }
  const start = () => {
    const started = new Worker(new URL('./metrics.worker.ts', import.meta.url), {
      type: 'module',
      name: 'metrics',
    })
    started.onmessage = ({ data }: MessageEvent<FromMetrics>) => {
      const call = waiting.get(data.id)
      waiting.delete(data.id)
      if (data.type === 'failed') call?.reject(new Error(data.message))
      else call?.resolve(data.view)
    }
    // A worker that cannot start (a script error) leaves metrics to the page, not broken.
    started.onerror = (event) => {
      event.preventDefault()
      failed = true
      stop('The metrics worker stopped.')
    }
    return started
  }
  const ask = (request: MetricsRequest) =>
    new Promise<MetricsView>((resolve, reject) => {
      const id = ++next
      waiting.set(id, { resolve, reject })
      worker ??= start()
      worker.postMessage({ type: 'view', id, request } satisfies ToMetrics)
      clearTimeout(idle)
      idle = setTimeout(() => waiting.size === 0 && stop('Stopped while idle.'), IDLE_MS)
    })
  return {
    metrics,
    view: async (request) => {
      if (failed) return page().view(request)
      try {
        return await ask(request)
      } catch (error) {
        if (failed) return page().view(request)
        throw error
      }
    },
  }
}
