/**
 * Names what `npm run bench` measures: a performance.measure around the work, readable from the
 * page. Cheap enough to leave in: one entry per user action.
 */
export async function measured<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now()
  try {
    return await work()
  } finally {
    performance.measure(`steady:${name}`, { start })
  }
}

/** The same for synchronous work (a computation a screen makes while rendering). */
export function measuredNow<T>(name: string, work: () => T): T {
  const start = performance.now()
  try {
    return work()
  } finally {
    performance.measure(`steady:${name}`, { start })
  }
}

/**
 * Lets input and rendering run, then continues: scheduler.yield() where the browser has it (it
 * resumes ahead of other tasks), else a timeout (which browsers clamp to 4 ms after a few).
 */
export const yieldToPage = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0))
}
