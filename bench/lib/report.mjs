// The benchmark's tables: one per size (median, worst run, against what, budget, met on the worst
// run), and a growth table across sizes, so a step that grows faster than the history does stands out.
const fmt = (n, unit) => {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '—'
  if (unit === '×') return `${n.toFixed(2)}×`
  if (unit === 'ms' && n >= 10_000) return `${(n / 1000).toFixed(1)} s`
  return `${n.toFixed(n < 10 ? 1 : 0)} ${unit}`
}
const verdict = (met) => (met === null ? '' : met ? 'yes' : '**no**')

export function sizeTable(results) {
  const lines = [
    '| Measure | Median | Worst run | Against | Budget | Met |',
    '| --- | --- | --- | --- | --- | --- |',
  ]
  for (const r of results)
    lines.push(
      `| ${r.label} | ${fmt(r.value, r.unit)} | ${r.runs.length > 1 ? fmt(r.worst, r.unit) : ''} | ${r.against} | ${r.budget} | ${verdict(r.met)} |`,
    )
  return lines.join('\n')
}

/**
 * Each measure at each size, and how much it grew from the smallest size to the largest against
 * how much the history grew: "superlinear" when it grew more than 1.5 times faster.
 */
export function growthTable(bySize) {
  const sizes = Object.keys(bySize)
    .map(Number)
    .sort((a, b) => a - b)
  if (sizes.length < 2) return ''
  const first = sizes[0]
  const last = sizes.at(-1)
  const keys = bySize[first].map((r) => r.key)
  const lines = [
    `| Measure | ${sizes.map((s) => s.toLocaleString('en')).join(' | ')} | Growth (history ×${last / first}) |`,
    `| --- | ${sizes.map(() => '---').join(' | ')} | --- |`,
  ]
  for (const key of keys) {
    const at = sizes.map((s) => bySize[s].find((r) => r.key === key))
    const a = at[0]?.value
    const b = at.at(-1)?.value
    const growth = a > 0 && Number.isFinite(b) ? b / a : NaN
    const flag = growth > 1.5 * (last / first) ? ' **superlinear**' : ''
    lines.push(
      `| ${at[0]?.label ?? key} | ${at.map((r) => fmt(r?.value, r?.unit)).join(' | ')} | ${Number.isFinite(growth) ? `×${growth.toFixed(1)}` : '—'}${flag} |`,
    )
  }
  return lines.join('\n')
}
