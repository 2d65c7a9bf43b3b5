import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { metricsWorker, takeWarmWorker, warmMetrics } from './metrics-worker-start'

/** The browser's Worker, recorded: what each was sent, and whether it was stopped. */
class FakeWorker {
  static made: FakeWorker[] = []
  sent: unknown[] = []
  terminated = false
  onerror: ((event: { preventDefault(): void }) => void) | null = null
  constructor() {
    FakeWorker.made.push(this)
  }
  postMessage(message: unknown) {
    this.sent.push(message)
  }
  terminate() {
    this.terminated = true
  }
}

beforeEach(() => {
  FakeWorker.made = []
  vi.stubGlobal('Worker', FakeWorker)
  vi.useFakeTimers()
})
afterEach(() => {
  takeWarmWorker()
  metricsWorker.running = false
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

it('starts one worker when Metrics is chosen, has it read its table, and hands it over', () => {
  warmMetrics()
  warmMetrics()
  expect(FakeWorker.made).toHaveLength(1)
  expect(FakeWorker.made[0]?.sent).toEqual([{ type: 'warm' }])
  expect(takeWarmWorker()).toBe(FakeWorker.made[0])
  // Taken: the client owns it, and it is not stopped behind its back.
  vi.advanceTimersByTime(10 * 60_000)
  expect(FakeWorker.made[0]?.terminated).toBe(false)
  expect(takeWarmWorker()).toBeNull()
})

it('starts none while the client has one running', () => {
  metricsWorker.running = true
  warmMetrics()
  expect(FakeWorker.made).toHaveLength(0)
})

it('stops a worker nobody took, and never hands over one that failed to start', () => {
  warmMetrics()
  vi.advanceTimersByTime(60_000)
  expect(FakeWorker.made[0]?.terminated).toBe(true)
  expect(takeWarmWorker()).toBeNull()

  warmMetrics()
  const failing = FakeWorker.made[1]
  failing?.onerror?.({ preventDefault: () => undefined })
  // The client then starts its own, which fails the same way and leaves metrics to the page.
  expect(takeWarmWorker()).toBeNull()
  expect(failing?.terminated).toBe(true)
})
