/** The real clock and timers, in the shape the services take them (tests pass fakes). */
export const realTimers = {
  now: (): number => Date.now(),
  setTimer: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clearTimer: (timer: unknown): void => clearTimeout(timer as NodeJS.Timeout),
  setInterval: (fn: () => void, ms: number): unknown => setInterval(fn, ms),
  clearInterval: (handle: unknown): void => clearInterval(handle as NodeJS.Timeout),
}
