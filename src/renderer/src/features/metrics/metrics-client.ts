/**
 * The page's handle on metrics: computed in a worker (metrics.worker.ts) in the app; on the page
 * where workers are missing (unit tests) or the worker failed to start. The worker stops when
 * Metrics has not asked for a while.
 */
import type { MetricsView } from '@shared/domain/metrics'
import type { Period } from '@shared/domain/periods'
import type { SteadyDb } from '../../db/database'
import type { FromMetrics, ToMetrics } from './metrics-protocol'
import { MetricsService, type MetricsRequest } from './metrics-service'
import { metricsWorker, newMetricsWorker, takeWarmWorker } from './metrics-worker-start'
import type { ReportDraft } from './report-draft'

export interface MetricsClient {
  /** What the Metrics screen shows. */
  view(request: MetricsRequest): Promise<MetricsView>
  /** The review report, but for its charts (drawn on the page: see report-export.ts). */
  report(request: MetricsRequest, period: Period): Promise<ReportDraft>
}

/** A worker not asked anything for this long is stopped. */
const IDLE_MS = 120_000

type Answer = Exclude<FromMetrics, { type: 'failed' }>

export function createMetricsClient(db: SteadyDb): MetricsClient {
  let onPage: MetricsService | null = null
  const page = () => (onPage ??= new MetricsService(db))
  if (typeof Worker === 'undefined')
    return {
      view: (request) => page().view(request),
      report: (request, period) => page().report(request, period),
    }

  let worker: Worker | null = null
  let failed = false
  let idle: ReturnType<typeof setTimeout> | undefined
  let next = 0
  const waiting = new Map<number, { resolve(answer: Answer): void; reject(e: Error): void }>()
  const stop = (why: string) => {
    worker?.terminate()
    worker = null
    metricsWorker.running = false
    for (const call of waiting.values()) call.reject(new Error(why))
    waiting.clear()
  }
  const start = () => {
    // Started when Metrics was chosen (see metrics-worker-start.ts), or now.
    const started = takeWarmWorker() ?? newMetricsWorker()
    metricsWorker.running = true
    started.onmessage = ({ data }: MessageEvent<FromMetrics>) => {
      const call = waiting.get(data.id)
      waiting.delete(data.id)
      if (data.type === 'failed') call?.reject(new Error(data.message))
      else call?.resolve(data)
    }
    // A worker that cannot start (a script error) leaves metrics to the page, not broken.
    started.onerror = (event) => {
      event.preventDefault()
      failed = true
      stop('The metrics worker stopped.')
    }
    return started
  }
  const ask = (message: Exclude<ToMetrics, { type: 'warm' }>) =>
    new Promise<Answer>((resolve, reject) => {
      waiting.set(message.id, { resolve, reject })
      worker ??= start()
      worker.postMessage(message)
      clearTimeout(idle)
      idle = setTimeout(() => waiting.size === 0 && stop('Stopped while idle.'), IDLE_MS)
    })
  /** In the worker; on the page once the worker has failed to start. */
  const either = async <T>(inWorker: () => Promise<T>, onThePage: () => Promise<T>) => {
    if (failed) return onThePage()
    try {
      return await inWorker()
    } catch (error) {
      if (failed) return onThePage()
      throw error
    }
  }
  return {
    view: (request) =>
      either(
        async () => {
          const answer = await ask({ type: 'view', id: ++next, request })
          if (answer.type !== 'view') throw new Error('The metrics worker answered out of turn.')
          return answer.view
        },
        () => page().view(request),
      ),
    report: (request, period) =>
      either(
        async () => {
          const answer = await ask({ type: 'report', id: ++next, request, period })
          if (answer.type !== 'report') throw new Error('The metrics worker answered out of turn.')
          return answer.draft
        },
        () => page().report(request, period),
      ),
  }
}
