/** Durations in milliseconds. Domain code works on epoch milliseconds and never reads the clock. */
export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
