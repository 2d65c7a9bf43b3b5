// Statistics of a benchmark's runs. Budgets are judged on the worst run, not the median: a step
// that is slow one time in five is slow for the user that time.
export const median = (xs) => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b)
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN
}
export const percentile = (xs, p) => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b)
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN
}
export const worst = (xs) => (xs.length ? Math.max(...xs) : NaN)

/**
 * One measure for the table: `ms` is the median, `worstMs` the worst run; `met` judges the worst
 * (true, false, or null when there is no budget).
 */
export function measure(key, label, runs, { budget = '', limit, against = '', unit = 'ms' } = {}) {
  const values = Array.isArray(runs) ? runs : [runs]
  const value = median(values)
  const worstValue = worst(values)
  return {
    key,
    label,
    unit,
    value,
    worst: worstValue,
    runs: values,
    against,
    budget,
    met: limit === undefined ? null : Number.isFinite(worstValue) && worstValue <= limit,
  }
}
