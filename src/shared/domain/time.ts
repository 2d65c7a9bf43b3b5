/** Durations in milliseconds. Domain code works on epoch milliseconds and never reads the clock. */
export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

// One formatter for every count: toLocaleString makes a new one at each call (20 µs: the
// reminders of 10,000 open incidents spent 200 ms there).
const COUNT = new Intl.NumberFormat('en')
/** "12,345": a count as the app writes it. */
export const formatCount = (n: number): string => COUNT.format(n)

/** "2h 5m", "12m", "40s", "3d 4h": a duration in prose, to the minute (seconds below one). */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / MINUTE)
  if (minutes < 1) return `${Math.max(0, Math.round(ms / 1000))}s`
  const d = Math.floor(minutes / 1440)
  const h = Math.floor((minutes % 1440) / 60)
  const m = minutes % 60
  return [d && `${d}d`, h && `${h}h`, m && `${m}m`].filter(Boolean).join(' ')
}

/** How long ago, coarsely: "3 days" once past two days (to the minute before that). */
export const formatAge = (ms: number): string =>
  ms >= 2 * DAY ? `${formatCount(Math.floor(ms / DAY))} days` : formatDuration(ms)
