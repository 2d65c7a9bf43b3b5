/**
 * The metrics worker, started the moment Metrics is chosen: it loads and reads its saved table
 * while the screen's own code is still loading, not after it has drawn (at 100,000 incidents that
 * was a few hundred milliseconds of the first open). Small, so the app shell can import it.
 */

/** A worker started early and not taken by the client within this long is stopped. */
const UNTAKEN_MS = 60_000

let early: { worker: Worker; failed: boolean; timer: ReturnType<typeof setTimeout> } | null = null

/** Whether the client has a worker running (set by it): then there is nothing to start. */
export const metricsWorker = { running: false }

/** A new metrics worker. */
export const newMetricsWorker = (): Worker =>
  new Worker(new URL('./metrics.worker.ts', import.meta.url), { type: 'module', name: 'metrics' })

/** Starts a worker and has it read its table, unless one is running already. */
export function warmMetrics(): void {
  if (early || metricsWorker.running || typeof Worker === 'undefined') return
  const started = {
    worker: newMetricsWorker(),
    failed: false,
    timer: setTimeout(() => {
      started.worker.terminate()
      if (early === started) early = null
    }, UNTAKEN_MS),
  }
  // Until the client takes it: a worker that cannot start leaves the client to start its own.
  started.worker.onerror = (event) => {
    event.preventDefault()
    started.failed = true
  }
  started.worker.postMessage({ type: 'warm' })
  early = started
}

/** The worker `warmMetrics` started, if it is running; the caller owns it from now on. */
export function takeWarmWorker(): Worker | null {
  const taken = early
  early = null
  if (!taken) return null
  clearTimeout(taken.timer)
  if (!taken.failed) return taken.worker
  taken.worker.terminate()
  return null
}
