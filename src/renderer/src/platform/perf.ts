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

type Scheduler = {
  yield?: () => Promise<void>
  postTask?: (task: () => void, options: { priority: 'background' }) => Promise<void>
}

/**
 * Lets input and rendering run, then continues: scheduler.yield() where the browser has it (it
 * resumes ahead of other tasks), else a timeout (which browsers clamp to 4 ms after a few). Work
 * nobody waits for (`'background'`) resumes only after the page's other tasks, rendering
 * included: a count over 100,000 incidents never holds up the rows it sits beside.
 */
export const yieldToPage = (priority?: 'background'): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler
  if (priority === 'background' && scheduler?.postTask)
    return scheduler.postTask(() => undefined, { priority })
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0))
}
