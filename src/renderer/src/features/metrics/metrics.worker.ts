/**
 * Metrics off the page's thread: at 100,000 incidents computing a period takes about half a
 * second, which on the page froze the window each time a filter changed. It opens the same
 * database and keeps its own table of every incident's facts (metrics-store.ts).
 */
import { SteadyDb } from '../../db/database'
import { openDatabase } from '../../db/errors'
import type { FromMetrics, ToMetrics } from './metrics-protocol'
import { MetricsService } from './metrics-service'

const scope = self as unknown as {
  postMessage(message: FromMetrics): void
  onmessage: ((event: MessageEvent<ToMetrics>) => void) | null
}
const service = openDatabase(new SteadyDb()).then((db) => new MetricsService(db))

scope.onmessage = ({ data: message }) => {
  // Nothing to answer: a failure here is met again by the first question.
  if (message.type === 'warm') return void service.then((m) => m.warm()).catch(() => undefined)
  void (async () => {
    try {
      const metrics = await service
      if (message.type === 'report') {
        const draft = await metrics.report(message.request, message.period)
        scope.postMessage({ type: 'report', id: message.id, draft })
        return
      }
      const view = await metrics.view(message.request)
      // Copied, not handed over: the distributions' values are kept for the next look at the
      // same period (metrics.ts), and copying them is a millisecond or two at 100,000.
      scope.postMessage({ type: 'view', id: message.id, view })
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error)
      scope.postMessage({ type: 'failed', id: message.id, message: text })
    }
  })()
}
