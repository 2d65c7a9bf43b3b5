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
